import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'testing/vitest': 'src/testing/vitest.ts',
    'devtools/index': 'src/devtools/index.ts',
  },
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
  // Bundling drops the modules' own 'use client'; every chunk but the vitest setup entry is client
  // code (hooks, context, components), so it goes back at the top of each, where React Server
  // Components frameworks read it. (tsdown's own `banner` option evaluates a function once for all
  // chunks, so rolldown's is used.)
  outputOptions: {
    banner: (chunk) => (chunk.fileName.endsWith('vitest.js') ? '' : "'use client'"),
  },
})
