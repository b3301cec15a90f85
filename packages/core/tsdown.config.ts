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
  dts: true,
  clean: true,
})
