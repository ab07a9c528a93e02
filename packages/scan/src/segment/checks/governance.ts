// Functions keep their secrets in sensitive settings (SEG-FUNCTIONS); the deletion and
// suppression regulations on file, for the person who attests SEG-DELETION-SUPPRESSION.
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

// Which users withdrew consent is the customer's knowledge, not Segment's: a count of
// regulations cannot pass or fail the control (none is right where nobody withdrew). The
// scan hands the count to the person who attests the procedure.
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
        segmentFinding(
          'SEG-DELETION-SUPPRESSION',
          'manual',
          workspaceSubject(view.account),
          `${regulations} regulation(s), ${suppressions} suppression(s) on file; whether every user who withdrew consent is among them is known only to you: attest the procedure in chaperone.yaml`,
        ),
      );
    }
    return findings;
  },
};
