import { readFileSync } from 'node:fs'
import { defineConfig } from 'tsdown'

/** Whether a module's first statement (after comments) is `'use client'`. */
const startsWithUseClient = (file: string): boolean =>
  /^(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*(['"])use client\1/.test(readFileSync(file, 'utf8'))

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'testing/vitest': 'src/testing/vitest.ts',
    'devtools/index': 'src/devtools/index.ts',
  },
  format: 'esm',
  platform: 'neutral',
  // The vitest setup entry imports vitest, which the app brings (it is no peer: see testing/vitest.ts).
  deps: { neverBundle: ['vitest'] },
  // Source and declaration maps point into src/, which is published beside dist/.
  dts: { sourcemap: true },
  sourcemap: true,
  clean: true,
  // Bundling drops the modules' own 'use client'; every chunk but the vitest setup entry is client
  // code (hooks, context, components), so it goes back at the top of each, where React Server
  // Components frameworks read it. Not on declarations (a directive is a statement, which a .d.ts
  // may not hold: TS1036 under skipLibCheck: false), nor on an entry whose own module starts with
  // one, which the bundler keeps. (tsdown's own `banner` option evaluates a function once for all
  // chunks, so rolldown's is used.)
  outputOptions: {
    banner: (chunk) => {
      if (!chunk.fileName.endsWith('.js') || chunk.fileName.endsWith('vitest.js')) return ''
      if (chunk.isEntry && chunk.facadeModuleId !== null && startsWithUseClient(chunk.facadeModuleId)) return ''
      return "'use client'"
    },
  },
})
