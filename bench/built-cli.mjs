// The CLI as npm installs it: packages/cli/dist/main.js (run `npm run build` first), for the
// benchmarks that time whole commands. bin/chaperone.js would run the TypeScript sources.
const { main } = await import(new URL('../packages/cli/dist/main.js', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
