// Functions keep their secrets in sensitive settings (SEG-FUNCTIONS); the workspace files
// deletion and suppression regulations for non-consenting users (SEG-DELETION-SUPPRESSION).
import type { Check } from '../../check.ts';
import type { Finding } from '../../types.ts';
import { segmentFinding, workspaceSubject } from '../finding.ts';
import { SEGMENT_KINDS as K } from '../kinds.ts';
import { workspaceViews } from '../view.ts';

const SECRET_NAME = /(key|token|secret|password|passwd|credential|auth|bearer|private)/i;

export const functionSecretsCheck: Check = {
  name: 'segment-function-secrets',
  control: 'SEG-FUNCTIONS',
  needs: [K.function],
  run(inventory) {
    const findings: Finding[] = [];
    for (const view of workspaceViews(inventory)) {
      for (const fn of view.resources(K.function)) {
        const settings = (fn.fields.settings as { name?: string; label?: string; sensitive?: boolean }[] | undefined) ?? [];
        const exposed = settings.filter((s) => SECRET_NAME.test(`${s.name ?? ''} ${s.label ?? ''}`) && s.sensitive !== true).map((s) => String(s.name));
        findings.push(
          exposed.length > 0
            ? segmentFinding('SEG-FUNCTIONS', 'fail', fn, `secret-like setting(s) not marked sensitive: ${exposed.join(', ')}`)
            : segmentFinding('SEG-FUNCTIONS', 'pass', fn, `${settings.length} setting(s); every secret-like one is sensitive`),
        );
      }
    }
    return findings;
  },
};

export const deletionSuppressionCheck: Check = {
  name: 'segment-deletion-suppression',
  control: 'SEG-DELETION-SUPPRESSION',
  needs: [K.regulation, K.suppression],
  run(inventory) {
    const findings: Finding[] = [];
    for (const view of workspaceViews(inventory)) {
      const regulations = view.resources(K.regulation).length;
      const suppressions = view.resources(K.suppression).length;
      findings.push(
        regulations + suppressions > 0
          ? segmentFinding('SEG-DELETION-SUPPRESSION', 'pass', workspaceSubject(view.account), `${regulations} regulation(s), ${suppressions} suppression(s) on file`)
          : segmentFinding('SEG-DELETION-SUPPRESSION', 'fail', workspaceSubject(view.account), 'no deletion or suppression regulation has ever been filed; suppress and delete users who withdraw consent'),
      );
    }
    return findings;
  },
};
