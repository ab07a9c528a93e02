// The evidence page's actions over an open ledger, with the ledger's own functions: the
// verification behind `chaperone ledger verify`, the bundle and the OSCAL document behind
// `chaperone ledger export`.
// The verifier key is the one in the signing key's .pub file when that file is here (as the
// CLI does), else the one bound to the ledger; a mismatch between them is reported as such.
import { existsSync } from 'node:fs';
import { exportBundle, latestCheckpoint, loadSigner, noteOpener, oscalAssessmentResults, verifyLedger, type Ledger } from '@chaperone/ledger';
import type { EvidenceHooks } from './evidence-routes.tsx';

export interface LedgerEvidenceOptions {
  /** The checkpoint signing key file (its verifier key is read from PATH.pub). */
  keyPath?: string;
}

const short = (vkey: string) => vkey.split('+').slice(0, 2).join('+');

export async function verifyOpenLedger(ledger: Ledger, options: LedgerEvidenceOptions = {}): Promise<{ ok: boolean; summary: string }> {
  const bound = await ledger.meta('verifier_key');
  const trusted = options.keyPath && existsSync(options.keyPath) ? loadSigner(options.keyPath).verifierKey : undefined;
  if (trusted !== undefined && bound !== undefined && trusted !== bound) {
    return { ok: false, summary: `the ledger names verifier key ${short(bound)}, not ${short(trusted)} (the key file's); its checkpoints were not signed by that key` };
  }
  const key = trusted ?? bound;
  const hasCheckpoints = (await latestCheckpoint(ledger)) !== undefined;
  if (!key && hasCheckpoints) return { ok: false, summary: 'the ledger has checkpoints but no verifier key' };
  const open = key
    ? noteOpener(key)
    : () => {
        throw new Error('no verifier key');
      };
  const storage = await ledger.storageCheck();
  if (storage !== 'ok') return { ok: false, summary: `the database file is damaged (SQLite integrity_check: ${storage.slice(0, 200)})` };
  const result = await verifyLedger(ledger, { open });
  if (!result.ok) return { ok: false, summary: result.problem };
  const parts = [`${result.size} entries, ${result.checkpoints} signed checkpoint${result.checkpoints === 1 ? '' : 's'}, verified with key ${key ? short(key) : '(none)'}`];
  if (result.unsigned > 0) parts.push(`the last ${result.unsigned} entries are not yet signed`);
  return { ok: true, summary: parts.join('; ') };
}

export function ledgerEvidence(ledger: Ledger, options: LedgerEvidenceOptions = {}): EvidenceHooks {
  return {
    verify: () => verifyOpenLedger(ledger, options),
    exportProblem: async () =>
      (await latestCheckpoint(ledger)) && (await ledger.meta('verifier_key'))
        ? undefined
        : 'No download yet: the ledger has no signed checkpoint (a scan signs one once `chaperone ledger init` has made the key; or run `chaperone ledger checkpoint`).',
    writeBundle: (out) => exportBundle(ledger, out),
    // What `chaperone ledger export --format oscal` writes: the latest complete run.
    oscal: async () => `${JSON.stringify(await oscalAssessmentResults(ledger))}\n`,
  };
}
