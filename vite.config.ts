import { defaultClientConditions, defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

// Tests and typecheck read the packages' sources through the `@intilery/source` export condition,
// so no watch build is needed while developing.
const source = '@intilery/source'

export default defineConfig({
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [source, ...defaultServerConditions] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'types',
          typecheck: {
            enabled: true,
            only: true,
            include: ['packages/*/src/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'core',
          include: ['packages/core/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'react',
          include: ['packages/react/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.server.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['packages/react/src/__tests__/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'react-server',
          include: ['packages/react/src/**/*.server.test.{ts,tsx}'],
          environment: 'node',
        },
      },
    ],
  },
})
