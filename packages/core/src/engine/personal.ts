import type { Call } from '../call'
import type { EventCatalog } from '../events/catalog'
import { personalKeys } from '../events/marks'

/**
 * The spec's properties marked as personal data (`personal` in events/catalog.ts), by name: the
 * delivery code never loads the spec's schemas. A test holds the two equal.
 */
const SPEC: Readonly<Record<string, readonly string[]>> = {
  'Signed Up': ['first_name', 'last_name', 'email', 'phone', 'username'],
  'Signed In': ['username'],
  'Signed Out': ['username'],
  'Invite Sent': ['invitee_email', 'invitee_first_name', 'invitee_last_name'],
}

/** The traits of an identify that are personal data by definition (analytics.js's own). */
const IDENTIFY = new Set(['email', 'name', 'first_name', 'last_name', 'phone', 'username'])
/** An account's traits: its `name` is the company's, the others the same as a user's. */
const GROUP = new Set(['email', 'first_name', 'last_name', 'phone', 'username'])
/** A page view's own fields: redacted in every mode (see redact.ts), so the guard leaves them. */
const PAGE = new Set(['url', 'path', 'search', 'referrer', 'title'])
const NONE: ReadonlySet<string> = new Set()

const read = new WeakMap<object, ReadonlySet<string>>()
const spec = new Map<string, ReadonlySet<string>>()

/**
 * The keys of a call's properties (or traits) that hold personal data by the plan: an event's
 * marked properties (the app's catalogue first, then the spec's), an identify's personal traits,
 * and, for `personalData: 'omit'`, an account's traits of the same kind. For the guard (`guard`),
 * every account trait is looked at, and a page view's URL fields are left to redact.ts.
 */
export function personalKeysOf(call: Call, events: EventCatalog | undefined, guard = false): ReadonlySet<string> {
  if (call.type === 'identify') return IDENTIFY
  if (call.type === 'group') return guard ? NONE : GROUP
  if (call.type === 'page') return guard ? PAGE : NONE
  const name = call.name
  if (call.type !== 'track' || name === undefined) return NONE
  const schema = events !== undefined && Object.hasOwn(events, name) ? events[name] : undefined
  if (schema !== undefined) {
    let keys = read.get(schema)
    if (keys === undefined) read.set(schema, (keys = personalKeys(schema)))
    return keys
  }
  let keys = spec.get(name)
  if (keys === undefined) spec.set(name, (keys = new Set(Object.hasOwn(SPEC, name) ? SPEC[name] : [])))
  return keys
}

/** `values` without `keys` (the same object when it has none of them). */
export function without<T extends object>(values: T, keys: ReadonlySet<string>): T {
  let out: Record<string, unknown> | undefined
  for (const key of keys) {
    if (!Object.hasOwn(values, key)) continue
    out ??= { ...values } as Record<string, unknown>
    delete out[key]
  }
  return (out as T | undefined) ?? values
}
