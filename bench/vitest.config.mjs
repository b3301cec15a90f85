// Runs bench/renders.test.tsx in place until it moves into packages/react (see its header).
import { fileURLToPath } from 'node:url'
import { defaultClientConditions } from 'vite'
import { defineConfig } from 'vitest/config'

const src = (path) => fileURLToPath(new URL(`../packages/${path}`, import.meta.url))

export default defineConfig({
  resolve: {
    conditions: ['@intilery/source', ...defaultClientConditions],
    alias: [
      { find: /^@intilery\/core\/testing$/, replacement: src('core/src/testing/index.ts') },
      { find: /^@intilery\/core$/, replacement: src('core/src/index.ts') },
      { find: /^@intilery\/react$/, replacement: src('react/src/index.ts') },
    ],
  },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['renders.test.tsx'],
    environment: 'jsdom',
  },
})
