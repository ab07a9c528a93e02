// Child process of bench/twin.bench.ts: runs the twin on its own core so the load loop
// in the parent does not share an event loop with the server it measures.
import { startTwin } from '@chaperone/twin';

const twin = await startTwin({ generate: { subaccounts: 200, resources: 20, seed: 3 } });
process.send!({ baseUrl: twin.baseUrl, accounts: twin.accounts.filter((a) => a.ownerAccountSid).slice(0, 50) });
process.on('message', async () => {
  await twin.close();
  process.exit(0);
});
