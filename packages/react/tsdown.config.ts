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
})
