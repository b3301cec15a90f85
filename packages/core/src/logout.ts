import { type IntileryError, IntileryTimeoutError } from './errors'
import type { B2bSaasEvents, EventCatalog, EventProperties } from './events'
import type { Delivery, Tracker } from './tracker'

/**
 * What a logout is given: Signed Out's properties and account, and the bound on the sequence.
 *
 * @example
 * ```ts
 * const options: LogoutOptions = { properties: { username: 'pgibbons' }, account: 'acct_123' }
 * ```
 */
export interface LogoutOptions {
  /** Signed Out's properties. */
  properties?: EventProperties<'Signed Out'> | undefined
  /** The account for this call, as `context.groupId`. */
  groupId?: string | undefined
  /** The account of the surrounding scope, used when `groupId` is not given. */
  account?: string | undefined
  /** The bound on the whole sequence, in ms. Default: the tracker's `logoutTimeout` (1000). */
  timeout?: number | undefined
}

/**
 * How a logout ended: the Signed Out delivery, or `undefined` when the user was already logged out
 * (no second Signed Out is sent).
 *
 * @example
 * ```ts
 * const { signedOut } = await logout(tracker)
 * ```
 */
export interface LogoutResult {
  readonly signedOut: Delivery | undefined
}

const running = new WeakMap<object, Promise<LogoutResult>>()

/**
 * Logs the user out: sends Signed Out with the user's identity, then resets the tag, so that every
 * event after this call carries no identity. The reset happens even when Signed Out is invalid, the
 * tag throws or never answers; then the promise rejects, after the reset. The whole sequence is
 * bounded by `timeout`. A second call while one runs, or after it with no sign-in between, sends no
 * second Signed Out.
 *
 * @example
 * ```ts
 * import { createTracker, logout } from '@intilery/core'
 * const tracker = createTracker()
 * await logout(tracker, { properties: { username: 'pgibbons' }, account: 'acct_123' })
 * ```
 */
export function logout<C extends EventCatalog & Pick<B2bSaasEvents, 'Signed Out'>>(
  tracker: Tracker<C>,
  options: LogoutOptions = {},
): Promise<LogoutResult> {
  const inFlight = running.get(tracker)
  if (inFlight) return inFlight
  if (tracker.loggedOut) return Promise.resolve({ signedOut: undefined })

  const timeout = options.timeout ?? tracker.settings.logoutTimeout
  // Both calls are queued in this tick: the tag stamps the identity on Signed Out before the reset.
  const signedOut = (tracker as unknown as Tracker).track('Signed Out', options.properties, {
    groupId: options.groupId,
    account: options.account,
    readyTimeout: Number.POSITIVE_INFINITY,
  })
  tracker.reset()

  const unconfirmed = (): IntileryTimeoutError =>
    new IntileryTimeoutError(`"Signed Out" was not confirmed by the tag; the identity was reset`, 'Signed Out')
  const sequence = new Promise<LogoutResult>((resolve, reject) => {
    const timer = setTimeout(() => reject(unconfirmed()), timeout)
    signedOut.then(
      (delivery) => {
        clearTimeout(timer)
        // A tag that took Signed Out but never answered did not confirm it either.
        if (delivery.status === 'timeout') reject(unconfirmed())
        else resolve({ signedOut: delivery })
      },
      (error: IntileryError) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
  const done = (): void => {
    running.delete(tracker)
  }
  sequence.then(done, done)
  running.set(tracker, sequence)
  return sequence
}
