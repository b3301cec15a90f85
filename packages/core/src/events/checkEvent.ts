import type { WithEvents } from '../defineEvents'
import { IntileryValidationError, type ValidationIssue } from '../errors'
import {
  b2bSaasEvents,
  type B2bSaasEvents,
  type EventCatalog,
  type EventProperties,
  type SentProperties,
} from './catalog'
import { detect } from './detect'
import { personalKeys } from './marks'
import { checkCall } from './validate'

/**
 * One event to check with {@link checkEvent}: its name, its properties, the user (optional) and the
 * account (required: it becomes the spec's `context.groupId`). A server names both on every call,
 * since it serves many users.
 *
 * @example
 * ```ts
 * const input: EventInput<'Signed In'> = { event: 'Signed In', properties: { username: 'pgibbons' }, userId: '019mr8mf4r', groupId: 'acct_123' }
 * ```
 */
export type EventInput<E extends keyof C & string, C extends EventCatalog = B2bSaasEvents> = {
  readonly event: E
  /** The event's properties; none is the same as `{}`. */
  readonly properties?: EventProperties<E, C> | undefined
  /** Who did it. When given, a non-empty string. */
  readonly userId?: string | undefined
  /** The account it belongs to: a non-empty string. */
  readonly groupId: string
}

/**
 * A checked event, shaped as the spec prints its examples: `userId` (when one was given), `type`,
 * `event`, `properties` (dates as ISO strings) and `context.groupId`. `U` is the type of the
 * `userId` given: `string` makes `userId` present, `undefined` absent.
 *
 * @example
 * ```ts
 * const payload: EventPayload<'Signed In', B2bSaasEvents, string> = {
 *   userId: '019mr8mf4r',
 *   type: 'track',
 *   event: 'Signed In',
 *   properties: { username: 'pgibbons' },
 *   context: { groupId: 'acct_123' },
 * }
 * ```
 */
export type EventPayload<
  E extends keyof C & string,
  C extends EventCatalog = B2bSaasEvents,
  U extends string | undefined = string | undefined,
> = (U extends string ? { readonly userId: string } : { readonly userId?: undefined }) & {
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
 * if (!checked.ok) console.warn(checked.error.issues.map((issue) => issue.path))
 * ```
 */
export type EventCheck<
  E extends keyof C & string,
  C extends EventCatalog = B2bSaasEvents,
  U extends string | undefined = string | undefined,
> =
  | { readonly ok: true; readonly payload: EventPayload<E, C, U> }
  | { readonly ok: false; readonly error: IntileryValidationError }

/**
 * Checks one event against the catalogue — the spec's ten, and the app's own from `defineEvents`
 * when given as `events` (an app's event of the same name wins) — and gives the exact payload the
 * spec prints, or an `IntileryValidationError` whose issues name each failing path (`userId`,
 * `properties.…`, `context.groupId`) and never a value. Pure: it sends nothing, reads no global and
 * does not change its input. Runs anywhere: Node, a worker, a browser.
 *
 * With a `userId` of type `string`, the payload's `userId` is a `string`, as a server client's
 * `track()` requires; otherwise it may be absent.
 *
 * @example
 * ```ts
 * import { checkEvent } from '@intilery/core/events'
 *
 * const checked = checkEvent({
 *   event: 'Trial Ended',
 *   properties: { trial_end_date: new Date(), trial_plan_name: 'Business' },
 *   userId: '019mr8mf4r',
 *   groupId: 'acct_123',
 * })
 * if (checked.ok) console.log(checked.payload) // { userId, type: 'track', event, properties, context: { groupId } }
 * else console.warn(checked.error.message) // [intilery] "Trial Ended" is invalid: properties.… (…)
 * ```
 */
export function checkEvent<
  const T extends EventCatalog = {},
  E extends keyof WithEvents<T> & string = keyof WithEvents<T> & string,
>(
  input: EventInput<E, WithEvents<T>> & { readonly userId: string },
  options?: { readonly events?: T | undefined },
): EventCheck<E, WithEvents<T>, string>
export function checkEvent<
  const T extends EventCatalog = {},
  E extends keyof WithEvents<T> & string = keyof WithEvents<T> & string,
>(input: EventInput<E, WithEvents<T>>, options?: { readonly events?: T | undefined }): EventCheck<E, WithEvents<T>>
export function checkEvent(
  input: EventInput<string, EventCatalog>,
  options: { readonly events?: EventCatalog | undefined } = {},
): EventCheck<string, EventCatalog> {
  const { event, userId, groupId } = input
  const userIssues: ValidationIssue[] =
    userId === undefined || (typeof userId === 'string' && userId !== '')
      ? []
      : [{ path: 'userId', message: 'expected a non-empty string' }]
  const properties = input.properties === undefined ? {} : input.properties
  const checked = checkCall({
    event,
    properties,
    groupId,
    events: options.events,
    detect,
    personal: marked(event, options.events),
  })
  if (userIssues.length > 0) {
    const issues = [...userIssues, ...(checked.ok ? [] : checked.error.issues)]
    // The name as the check shows it: an unknown name that may be a value is already masked there.
    const name = checked.ok ? event : checked.error.event
    return { ok: false, error: new IntileryValidationError(name, issues) }
  }
  if (!checked.ok) return checked
  const payload = {
    ...(userId === undefined ? {} : { userId }),
    type: 'track' as const,
    event,
    properties: checked.properties,
    context: { groupId },
  }
  return { ok: true, payload }
}

/** The properties of `event` its schema marks as personal data (the app's catalogue first). */
function marked(event: string, events: EventCatalog | undefined): Set<string> {
  const catalog = events !== undefined && Object.hasOwn(events, event) ? events : b2bSaasEvents
  return personalKeys(Object.hasOwn(catalog, event) ? (catalog as EventCatalog)[event] : undefined)
}
