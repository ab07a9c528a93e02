// Markdown renderings of the catalog: the table used by `chaperone controls --format
// markdown` and the whole docs/controls.md page. Deterministic (catalog order, no dates)
// so `npm run docs:check` can compare byte for byte.
import { ELIGIBLE_TWILIO_PRODUCTS } from './eligible.ts';
import { GUIDE_URL, GUIDE_VERSION } from './guide.ts';
import { controls as allControls } from './query.ts';
import type { Classification, Control } from './types.ts';

export const CLASSIFICATION_LABEL: Record<Classification, string> = {
  required: 'Required',
  recommended: 'Recommended',
  'special-consideration': 'Special consideration',
  'not-eligible': 'Not eligible',
  platform: 'Platform',
};

/** Escapes text for one cell of a GitHub-flavoured Markdown table. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function citationText(control: Control): string {
  return control.hipaaCitation.length ? control.hipaaCitation.map((c) => `45 CFR ${c}`).join(', ') : '—';
}

export function verificationText(control: Control): string {
  if (control.verification.length) return control.verification.join(', ');
  return control.seeAlso ? `see ${control.seeAlso}` : 'covered by other controls';
}

/** A Markdown table of the given controls, one row each. */
export function controlsMarkdownTable(controls: readonly Control[]): string {
  const lines = ['| id | class | severity | verify | summary | HIPAA |', '|---|---|---|---|---|---|'];
  for (const c of controls) {
    lines.push(
      `| ${c.id} | ${CLASSIFICATION_LABEL[c.classification]} | ${c.severity} | ${cell(verificationText(c))} | ${cell(c.summary)} | ${cell(citationText(c))} |`,
    );
  }
  return lines.join('\n') + '\n';
}

/** The whole docs/controls.md page. */
export function renderControlsDoc(controls: readonly Control[] = allControls): string {
  const out: string[] = [];
  out.push('# Control catalog', '');
  out.push(
    '<!-- Generated from packages/controls by `npm run docs`. Do not edit by hand: CI (`npm run docs:check`) fails when this file is stale. -->',
    '',
  );
  out.push(
    `Every requirement, recommendation, special consideration and "not eligible" item of Twilio's [Architecting for HIPAA on Twilio](${GUIDE_URL}) (${GUIDE_VERSION}), one control each. The id is the key of scan findings, SARIF rules, guard errors and attestations in \`chaperone.yaml\`.`,
    '',
  );
  out.push('**verify**: `scan` = the Twilio/Segment API shows it; `guard` = a request or webhook can be checked at run time; `attest` = only a person can confirm it (record it under `attestations` in `chaperone.yaml`).', '');

  out.push('## Counts', '', '| class | controls |', '|---|---|');
  for (const [cls, label] of Object.entries(CLASSIFICATION_LABEL) as [Classification, string][]) {
    out.push(`| ${label} | ${controls.filter((c) => c.classification === cls).length} |`);
  }
  out.push(`| **total** | ${controls.length} |`, '');

  const products = [...new Set(controls.map((c) => c.product))];
  for (const product of products) {
    const rows = controls.filter((c) => c.product === product);
    out.push(`## ${product}`, '', controlsMarkdownTable(rows));
    for (const c of rows) {
      out.push(`### ${c.id}`, '');
      out.push(`${c.summary}.`, '');
      out.push(`- **Class**: ${CLASSIFICATION_LABEL[c.classification]}; **severity**: ${c.severity}; **verify**: ${verificationText(c)}`);
      out.push(`- **HIPAA**: ${citationText(c)}`);
      out.push(`- **Fix**: ${c.remediation}`);
      if (c.seeAlso) out.push(`- **See also**: [${c.seeAlso}](#${c.seeAlso.toLowerCase()})`);
      out.push(`- **Reference**: <${c.reference}>`, '');
    }
  }

  out.push('## HIPAA-eligible Twilio products', '');
  out.push('The guard refuses Twilio API requests to any other domain (TW-ELIGIBLE-ONLY); the scanner flags resources on other products.', '');
  out.push('| product | API domains | guide section |', '|---|---|---|');
  for (const p of ELIGIBLE_TWILIO_PRODUCTS) {
    out.push(`| ${cell(p.product)} | ${p.domains.map((d) => `\`${d}.twilio.com\``).join(', ')} | ${cell(p.guideSection)} |`);
  }
  out.push('');
  return out.join('\n');
}
