// What the ledger tells a person when it cannot be used as asked. One line that names the
// ledger and the fix; the CLI prints it and exits 2. Nothing stored is touched before
// such an error is raised.

export class LedgerError extends Error {
  override name = 'LedgerError';
}
