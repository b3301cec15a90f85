import type { Clock } from './types'

/**
 * The platform's clock: the one module that reads `Date.now` and `setTimeout` (the scheduler adds a
 * `MessageChannel` task). Each is read when called, so a test's fake timers installed after the
 * tracker was made apply.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
}
