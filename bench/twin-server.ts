// Child process of bench/twin.bench.ts: runs the twin on its own core so the load loop
// in the parent does not share an event loop with the server it measures. Pages are
// realistic (50 of each generated kind per account, so a PageSize=50 list is full) and
// the render cache is off, so every response is rendered as a first request would be.
import { startTwin } from '@chaperone/twin';

const KINDS_IN_MIX = 10; // generate.ts spreads resources over 10 kinds
export const ITEMS_PER_PAGE = 50;

const twin = await startTwin({ generate: { subaccounts: 50, resources: KINDS_IN_MIX * ITEMS_PER_PAGE, seed: 3 }, renderCache: false });
process.send!({ baseUrl: twin.baseUrl, accounts: twin.accounts.filter((a) => a.ownerAccountSid) });
process.on('message', async () => {
  await twin.close();
  process.exit(0);
});
