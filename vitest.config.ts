import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `import … from 'docqa'` (the library entry, package.json `exports`) loads the TypeScript sources
  // under test, not the last build in dist/: the `source` condition first, then Vite's defaults for Node.
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'scratch/**', 'dist/**'],
    // Compiles dist/ if sources changed: the CLI tests run what `npm start` and `npm run ingest` run.
    globalSetup: ['test/global-setup.ts'],
    // At least two files at a time: much of the suite waits on Chromium, child processes and sockets,
    // so on a two-core machine (where vitest's default is one) two workers overlap that waiting.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A guard against hangs, not a speed check: on a loaded two-core machine a browser test that takes
    // 3 s alone has taken over 30 s beside the heaviest files.
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
