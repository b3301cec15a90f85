import * as z from 'zod/mini'
import type { $ZodType } from 'zod/v4/core'
import { isSpecDate } from './isoDate'
import { personal } from './personal'

/**
 * A date property of the spec: an ISO-8601 date-time string, with an offset or local (kept exactly
 * as given, e.g. `"2018-08-28T04:09:47Z"`), an ISO-8601 calendar date (`"2018-08-28"`), or a valid
 * `Date`, which is sent as its ISO string. Anything else is a validation error (see `isSpecDate`).
 * Exported, with `sentDate`, so the tracking plan can say what it sends.
 *
 * One check of our own, rather than a union of zod's date schemas piped into a transform: it keeps
 * the lazily loaded validation chunk within its size budget (issue 13), and the tracking plan prints
 * the same pattern. zod types a value replaced in place (`overwrite`) as its input; the cast states
 * what it sends, a string.
 */
export const specDate = z.custom<string | Date>(isSpecDate, { params: { date: true } })

/** `specDate`, with a `Date` replaced by its ISO string once it passed: what the events use. */
export const sentDate = specDate.check(
  z.overwrite((value) => (value instanceof Date && isSpecDate(value) ? value.toISOString() : value)),
) as z.ZodMiniType<string, string | Date>

const text = z.optional(z.string())
// Personal data by the spec's own words: emails, names, phone numbers, and usernames, which
// identify the person who signs in.
const personalText = z.optional(personal(z.string()))
const email = z.optional(personal(z.email()))

const accountProperties = z.looseObject({ account_name: text })
const usernameProperties = z.looseObject({ username: personalText })
const trialProperties = z.looseObject({
  trial_start_date: z.optional(sentDate),
  trial_end_date: z.optional(sentDate),
  trial_plan_name: text,
})

/**
 * The Intilery B2B SaaS spec as one table: each semantic event's name and the zod schema of its
 * properties. Every property is optional, as in the spec; extra properties pass through untouched.
 * The properties that hold personal data are marked with `personal` (Signed Up's names, email,
 * phone and username; Signed In's and Signed Out's username; Invite Sent's invitee's email and
 * names).
 * Types are inferred from these schemas, so the table is the single source of truth.
 *
 * @example
 * ```ts
 * import { b2bSaasEvents } from '@intilery/core/events'
 * Object.keys(b2bSaasEvents) // ['Account Created', 'Account Deleted', …]
 * ```
 */
export const b2bSaasEvents = {
  'Account Created': accountProperties,
  'Account Deleted': accountProperties,
  'Signed Up': z.looseObject({
    type: text,
    first_name: personalText,
    last_name: personalText,
    email,
    phone: personalText,
    username: personalText,
    title: text,
  }),
  'Signed In': usernameProperties,
  'Signed Out': usernameProperties,
  'Invite Sent': z.looseObject({
    invitee_email: email,
    invitee_first_name: personalText,
    invitee_last_name: personalText,
    invitee_role: text,
  }),
  'Account Added User': z.looseObject({ role: text }),
  'Account Removed User': z.looseObject({}),
  'Trial Started': trialProperties,
  'Trial Ended': trialProperties,
}

/**
 * A catalogue of events: event name → zod schema of its properties.
 *
 * @example
 * ```ts
 * import * as z from 'zod/mini'
 * import type { EventCatalog } from '@intilery/core'
 * const catalog = { 'Report Exported': z.object({ format: z.string() }) } satisfies EventCatalog
 * ```
 */
export type EventCatalog = Record<string, $ZodType<Record<string, unknown>, Record<string, unknown>>>

/**
 * The B2B SaaS catalogue's type: event name → zod schema.
 *
 * @example
 * ```ts
 * type SignedIn = B2bSaasEvents['Signed In']
 * ```
 */
export type B2bSaasEvents = typeof b2bSaasEvents

/**
 * The name of one of the ten B2B SaaS events.
 *
 * @example
 * ```ts
 * const name: EventName = 'Signed In'
 * ```
 */
export type EventName = keyof B2bSaasEvents

/** Strips the index signature that loose objects add, leaving exactly the spec's properties. */
type KnownKeys<T> = {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K]
}

/**
 * The properties an app may pass for `event` (a `Date` is accepted where the spec has a date).
 *
 * @example
 * ```ts
 * const props: EventProperties<'Signed In'> = { username: 'pgibbons' }
 * ```
 */
export type EventProperties<E extends keyof C & string, C extends EventCatalog = B2bSaasEvents> = KnownKeys<
  z.input<C[E]>
>

/**
 * The properties as handed to the tag for `event` (dates as ISO strings).
 *
 * @example
 * ```ts
 * const sent: SentProperties<'Trial Started'> = { trial_start_date: '2018-08-28T04:09:47Z' }
 * ```
 */
export type SentProperties<E extends keyof C & string, C extends EventCatalog = B2bSaasEvents> = KnownKeys<
  z.output<C[E]>
>
