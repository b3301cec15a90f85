/**
 * Importing this module extends vitest's `expect` with `toHaveTracked` and `toHaveTrackedTimes`,
 * and their types. Import it once, from a setup file.
 *
 * It imports `vitest` itself, so it needs vitest installed in your project (3.2 or later). vitest is
 * deliberately not a peer dependency of `@intilery/react`: apps that never import this module
 * install with any vitest, or none.
 *
 * @example
 * ```ts
 * // vitest.setup.ts (listed in test.setupFiles)
 * import '@intilery/react/testing/vitest'
 *
 * // in a test
 * expect(tag).toHaveTracked('Signed In', { username: 'pgibbons' })
 * ```
 *
 * @module @intilery/react/testing/vitest
 */
import { expect } from 'vitest'
import { type IntileryMatchers, intileryMatchers } from './matchers'

expect.extend(intileryMatchers)

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any -- merges with vitest's own declaration, which reads exactly so
  interface Matchers<T = any> extends IntileryMatchers<T> {}
}

// The matchers' types, for a setup of one's own; the same as `IntileryMatchers` from
// `@intilery/react/testing`.
export type { IntileryMatchers }
