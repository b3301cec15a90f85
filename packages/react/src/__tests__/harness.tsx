import { createRecordingTag, type RecordingTagOptions } from '@intilery/core/testing'
import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { manualClock } from '../../../core/src/__tests__/manualClock'
import { IntileryTestProvider, type IntileryTestProviderProps } from '../testing'

// The one way these tests render the library: the testing kit's `IntileryTestProvider`, as an app's
// tests would (a recording tag, validation 'throw', the account `acct_test` unless given, short
// timeouts, the tracker's code from the first call). A test that renders `IntileryProvider` itself
// says why beside it: it tests the provider's own defaults, lazy loading, or a tracker given to it.
//
// Time: a tracker's deadlines run on the clock it is given. A test that reaches a deadline gives it
// a manual clock and moves it itself (`clock.advance`; `renderWithTag` makes one), so no deadline
// falls due because the machine is slow, and none is waited for on the real clock. React,
// react-query and Testing Library keep the real timers: `waitFor` works as in an app's tests, and
// ends as soon as what it waits for holds (setup.ts gives it 10 s before it gives up).

export { manualClock, type ManualClock } from '../../../core/src/__tests__/manualClock'

/** Renders a hook under `IntileryTestProvider` with the props given, and nothing else: its own defaults hold. */
export function renderInTestProvider<T>(hook: () => T, props: Omit<IntileryTestProviderProps, 'children'> = {}) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <IntileryTestProvider {...props}>{children}</IntileryTestProvider>
  )
  return renderHook(hook, { wrapper })
}

/**
 * Renders a hook under `IntileryTestProvider` with a recording tag and a manual clock of its own;
 * returns both with what `renderHook` returns.
 */
export function renderWithTag<T>(
  hook: () => T,
  props: Omit<IntileryTestProviderProps, 'children' | 'tag'> = {},
  tagOptions: RecordingTagOptions = {},
) {
  const tag = createRecordingTag(tagOptions)
  const clock = manualClock()
  return { tag, clock, ...renderInTestProvider(hook, { tag, clock, ...props }) }
}

/** What became of a promise so far, read without awaiting it. */
export interface Followed<T> {
  readonly settled: boolean
  readonly value?: T
  readonly error?: unknown
}

/** Follows a promise: `settled`, then its `value` or `error`, once it has settled. */
export function follow<T>(promise: Promise<T>): Followed<T> {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false }
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  )
  return state
}

/**
 * Lets what is already queued run, and React commit what follows: promise jobs, the 0 ms timers
 * react-query notifies its observers with, and a manual clock's timers that are due (a task of their
 * own). It yields; it waits for no length of time. Use it after moving a manual clock, or after a
 * mutation settled, before checking what followed.
 */
export const flush = () =>
  act(async () => {
    await new Promise<void>((resolve) => setTimeout(resolve, 0))
    await new Promise<void>((resolve) => setImmediate(resolve))
  })
