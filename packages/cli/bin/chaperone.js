#!/usr/bin/env node
// Installed from npm, the CLI runs the built JavaScript in dist/. In the repository (src/
// beside bin/) it runs the TypeScript sources through tsx, resolving @chaperone/* to their
// sources too (the `source` export condition), so no build step sits between `npm ci` and
// `npx chaperone ...` and an edit is live without rebuilding.
import { existsSync } from 'node:fs';

const source = new URL('../src/main.ts', import.meta.url);
let entry = new URL('../dist/main.js', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  const { register: registerHooks } = await import('node:module');
  registerHooks('./source-condition.js', import.meta.url);
  entry = source;
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
