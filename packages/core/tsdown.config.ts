import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: 'esm',
  platform: 'neutral',
  // Source and declaration maps point into src/, which is published beside dist/.
  dts: { sourcemap: true },
  sourcemap: true,
  clean: true,
})
