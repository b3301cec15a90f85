'use client'
import { engine } from '@intilery/core/engine'
import { validator } from '@intilery/core/events'
import { createRecordingTag } from '@intilery/core/testing'
import { type ReactNode, useState } from 'react'
import { IntileryProvider } from '../IntileryProvider'
import type { EventsProp, SessionProps, TrackerProps } from '../IntileryProviderProps'

/**
 * The account events belong to under {@link IntileryTestProvider} unless `groupId` is given.
 *
 * @example
 * ```ts
 * expect(tag.payloads()[0]?.context.groupId).toBe(TEST_ACCOUNT)
 * ```
 */
export const TEST_ACCOUNT = 'acct_test'

/**
 * Props of {@link IntileryTestProvider}: those of `IntileryProvider`, with defaults for tests.
 *
 * @example
 * ```tsx
 * const props: IntileryTestProviderProps = { tag: createRecordingTag(), userId: '019mr8mf4r' }
 * ```
 */
export type IntileryTestProviderProps = TestProviderProps & Omit<SessionProps, 'groupId'> & TrackerProps & EventsProp

/** What {@link IntileryTestProvider} sets differently from `IntileryProvider`. */
interface TestProviderProps {
  /**
   * The tag to record with; pass a `createRecordingTag()` you keep, to assert on it. Default: a
   * recording tag of the provider's own (for tests that render analytics but assert nothing of it).
   *
   * @example
   * ```tsx
   * const tag = createRecordingTag()
   * render(<IntileryTestProvider tag={tag}><SignInForm /></IntileryTestProvider>)
   * expect(tag).toHaveTracked('Signed In')
   * ```
   */
  tag?: TrackerProps['tag']
  /**
   * The current account. Default `'acct_test'` ({@link TEST_ACCOUNT}); `null` for none, to test
   * events that give their own `context.groupId` or fail without one.
   *
   * @example
   * ```tsx
   * <IntileryTestProvider groupId={null}>…</IntileryTestProvider>
   * ```
   */
  groupId?: string | null | undefined
  /**
   * Default `'throw'` in every environment: an invalid event fails the mutation, so a test sees it.
   *
   * @example
   * ```tsx
   * <IntileryTestProvider validation="report" onError={onError}>…</IntileryTestProvider>
   * ```
   */
  validation?: TrackerProps['validation']
  /**
   * Default 50 ms (the app's default is 300), so a test of a tag that never answers settles fast.
   *
   * @example
   * ```tsx
   * <IntileryTestProvider tag={createRecordingTag({ acknowledge: 'never' })} deliveryTimeout={10}>…</IntileryTestProvider>
   * ```
   */
  deliveryTimeout?: number | undefined
  /**
   * Default 100 ms (the app's default is 1000): how long an event waits for a tag that has not loaded.
   *
   * @example
   * ```tsx
   * <IntileryTestProvider tag={createRecordingTag({ ready: 'manual' })} readyTimeout={20}>…</IntileryTestProvider>
   * ```
   */
  readyTimeout?: number | undefined
  /**
   * Default 200 ms (the app's default is 1000): how long Signed Out waits for a tag that has not loaded.
   *
   * @example
   * ```tsx
   * <IntileryTestProvider logoutTimeout={50}>…</IntileryTestProvider>
   * ```
   */
  logoutTimeout?: number | undefined
}

/**
 * `IntileryProvider` for unit tests: a recording tag when none is given, validation `'throw'`, the
 * account `'acct_test'` and short timeouts. Every other prop of `IntileryProvider` can still be
 * given, except `tracker`: each mount makes its own tracker and query client, so tests do not leak
 * into one another.
 *
 * @example
 * ```tsx
 * import { createRecordingTag, IntileryTestProvider } from '@intilery/react/testing'
 *
 * it('tracks the sign-in', async () => {
 *   const tag = createRecordingTag()
 *   render(<SignInForm />, { wrapper: ({ children }) => <IntileryTestProvider tag={tag}>{children}</IntileryTestProvider> })
 *   await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
 *   await waitFor(() => expect(tag).toHaveTracked('Signed In', { username: 'pgibbons' }))
 * })
 * ```
 */
export function IntileryTestProvider({
  tag,
  groupId = TEST_ACCOUNT,
  validation = 'throw',
  deliveryTimeout = 50,
  readyTimeout = 100,
  logoutTimeout = 200,
  ...props
}: IntileryTestProviderProps): ReactNode {
  const [ownTag] = useState(createRecordingTag)
  return (
    <IntileryProvider
      {...props}
      tag={tag ?? ownTag}
      groupId={groupId ?? undefined}
      validation={validation}
      deliveryTimeout={deliveryTimeout}
      readyTimeout={readyTimeout}
      logoutTimeout={logoutTimeout}
      // The tracker and validation from the first call, with no lazy chunk: a test sees every call at once.
      validator={props.validator ?? validator}
      engine={props.engine ?? engine}
    />
  )
}
