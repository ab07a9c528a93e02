import { defineConfig } from 'vitest/config';

// Tests run on the TypeScript sources: the `source` export condition resolves every
// @chaperone/* package to its src/ (consumers of the published packages get dist/).
// Vite's own defaults follow it (setting conditions replaces them).
export default defineConfig({
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'], externalConditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'examples/*/test/**/*.test.ts', 'bench/**/*.test.ts'],
    // Vitest's default on a 2-core machine is one file at a time; most of the slow files wait
    // on child processes, servers and fsync rather than compute, so two at a time fill both cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
