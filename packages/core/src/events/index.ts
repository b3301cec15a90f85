/**
 * The catalogue on its own, for anywhere: the spec's ten events as zod schemas, their types, and a
 * pure check that gives the exact payload the spec prints, or an error naming paths and never values.
 * No DOM, no tag, nothing of the browser side: it runs in Node as in a browser.
 *
 * @example
 * ```ts
 * import { checkEvent } from '@intilery/core/events'
 * const checked = checkEvent({ event: 'Trial Ended', properties: { trial_plan_name: 'Business' }, userId: 'u1', groupId: 'acct_123' })
 * if (checked.ok) analytics.track(checked.payload)
 * ```
 *
 * @module @intilery/core/events
 */
import type { WithEvents } from '../defineEvents'
import type { IntileryValidationError } from '../errors'
import type { Validator } from '../validator'
import type { B2bSaasEvents, EventCatalog, EventProperties, SentProperties } from './catalog'
import { checkCall } from './validate'

export { b2bSaasEvents } from './catalog'
export type { B2bSaasEvents, EventCatalog, EventName, EventProperties, SentProperties } from './catalog'

/**
 * The validation code, loaded statically: `createTracker({ validator })` checks events from the
 * first one, with no lazy chunk (tests, servers).
 *
 * @example
 * ```ts
 * import { createTracker } from '@intilery/core'
 * import { validator } from '@intilery/core/events'
 * const tracker = createTracker({ validator })
 * ```
 */
export const validator: Validator = { checkCall }

/**
 * One event to check with {@link checkEvent}: its name, properties, the user (optional) and the
 * account (required, as the spec's `context.groupId`).
 *
 * @example
 * ```ts
 * const input: EventInput<'Signed In'> = { event: 'Signed In', properties: { username: 'pgibbons' }, groupId: 'acct_123' }
 * ```
 */
export type EventInput<E extends keyof C & string, C extends EventCatalog = B2bSaasEvents> = {
  readonly event: E
  readonly properties?: EventProperties<E, C>
  readonly userId?: string | undefined
  readonly groupId: string
}

/**
 * A checked event as the spec prints its examples: `userId` (when given), `type`, `event`,
 * `properties` (dates as ISO strings) and `context.groupId`.
 *
 * @example
 * ```ts
 * const payload: EventPayload<'Signed In'> = { type: 'track', event: 'Signed In', properties: { username: 'pgibbons' }, context: { groupId: 'acct_123' } }
 * ```
 */
export type EventPayload<E extends keyof C & string, C extends EventCatalog = B2bSaasEvents> = {
  readonly userId?: string
  readonly type: 'track'
  readonly event: E
  readonly properties: SentProperties<E, C> & Record<string, unknown>
  readonly context: { readonly groupId: string }
}

/**
 * What {@link checkEvent} gives: the payload, or the error listing each failing path (never a value).
 *
 * @example
 * ```ts
 * const checked: EventCheck<'Signed In'> = checkEvent({ event: 'Signed In', groupId: 'acct_123' })
 * ```
 */
export type EventCheck<E extends keyof C & string, C extends EventCatalog = B2bSaasEvents> =
  | { readonly ok: true; readonly payload: EventPayload<E, C> }
  | { readonly ok: false; readonly error: IntileryValidationError }

/**
 * Checks one event against the catalogue — the spec's ten, and the app's own from `defineEvents`
 * when given as `events` — and gives the exact payload the spec prints, or the error. Pure: it sends
 * nothing and reads no global.
 *
 * @example
 * ```ts
 * import { checkEvent } from '@intilery/core/events'
 * const checked = checkEvent({ event: 'Account Deleted', properties: { account_name: 'Initech' }, userId: 'u1', groupId: 'acct_123' })
 * if (!checked.ok) console.warn(checked.error.issues.map((issue) => issue.path))
 * ```
 */
export function checkEvent<
  const T extends EventCatalog = {},
  E extends keyof WithEvents<T> & string = keyof WithEvents<T> & string,
>(input: EventInput<E, WithEvents<T>>, options: { readonly events?: T } = {}): EventCheck<E, WithEvents<T>> {
  const checked = checkCall({
    event: input.event,
    properties: input.properties,
    groupId: input.groupId,
    events: options.events,
  })
  if (!checked.ok) return checked
  return {
    ok: true,
    payload: {
      ...(input.userId === undefined ? {} : { userId: input.userId }),
      type: 'track',
      event: input.event,
      properties: checked.properties as EventPayload<E, WithEvents<T>>['properties'],
      context: { groupId: input.groupId },
    },
  }
}
