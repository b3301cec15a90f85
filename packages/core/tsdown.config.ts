import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    engine: 'src/engine.ts',
    'events/index': 'src/events/index.ts',
    'testing/index': 'src/testing/index.ts',
    'cli/plan': 'src/cli/plan.ts',
  },
  format: 'esm',
  platform: 'neutral',
  // The bin (cli/plan) is for Node: its `node:` imports stay imports.
  deps: { neverBundle: [/^node:/] },
  // Source and declaration maps point into src/, which is published beside dist/.
  dts: { sourcemap: true },
  sourcemap: true,
  clean: true,
})
