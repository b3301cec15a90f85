import { defaultClientConditions, defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

// Tests and typecheck read the packages' sources through the `@intilery/source` export condition,
// so no watch build is needed while developing.
const source = '@intilery/source'

// The tests that must run on the real clock: the real analytics.js tag posting to a collector on
// 127.0.0.1. They get a project of their own (`realtime`), and assert only the deadlines the library
// promises, with a margin, never how fast the machine is. Every other test moves time itself.
const realClock = [
  'packages/react/src/__tests__/fault-matrix.test.tsx',
  'packages/react/src/__tests__/real-tag.test.tsx',
]

export default defineConfig({
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [source, ...defaultServerConditions] } },
  test: {
    // A test that waits for nothing ends far within this. The default, 5 s, is what a test that passes
    // in half a second can take when both cores are busy; a test that hangs still fails.
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'types',
          typecheck: {
            enabled: true,
            only: true,
            include: ['packages/*/src/**/*.test-d.ts'],
            exclude: ['**/__tests__/register/**'],
            tsconfig: './tsconfig.json',
          },
        },
      },
      {
        // Registering an app's events is global to a program: its type test gets one of its own.
        extends: true,
        test: {
          name: 'types-register',
          typecheck: {
            enabled: true,
            only: true,
            include: ['packages/react/src/__tests__/register/*.test-d.ts'],
            tsconfig: './packages/react/src/__tests__/register/tsconfig.json',
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
          exclude: ['**/*.server.test.{ts,tsx}', ...realClock],
          environment: 'jsdom',
          setupFiles: ['packages/react/src/__tests__/setup.ts'],
        },
      },
      {
        // `pnpm test` runs them; `pnpm test:unit` does not.
        extends: true,
        test: {
          name: 'realtime',
          include: realClock,
          environment: 'jsdom',
          setupFiles: ['packages/react/src/__tests__/setup.ts'],
          testTimeout: 30_000,
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
