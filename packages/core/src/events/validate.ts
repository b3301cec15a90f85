import * as z from 'zod/mini'
import type * as zc from 'zod/v4/core'
import { IntileryValidationError, type ValidationIssue } from '../errors'
import { b2bSaasEvents, type EventCatalog } from './catalog'
import { type Detect, guard } from './guard'
import { pathOf, segment } from './paths'

// trackingPlan reads the catalogue through here, so that the build keeps the catalogue and the
// checks in one chunk, as the tracker loads them (a module of their own would add a file to load).
export { b2bSaasEvents, sentDate, specDate } from './catalog'

/**
 * What a check of one call gives: the properties to hand to the tag (dates normalised), or the error
 * naming every failing path.
 */
export type Checked =
  | { readonly ok: true; readonly properties: Record<string, unknown> }
  | {
      readonly ok: false
      readonly error: IntileryValidationError
      /**
       * True when a value cannot be sent as JSON at all (a `BigInt`, a cycle, a `toJSON` or getter
       * that throws): the tag would lose the event, so it is not sent in any checked mode.
       */
      readonly unsendable: boolean
      /**
       * When something looked like personal data where the plan does not say it goes: the
       * properties (or traits) with each such value replaced by `[redacted]` and each such key left
       * out, which is what `'report'` mode sends.
       */
      readonly redacted?: Record<string, unknown> | undefined
    }

/** What the tracker asks of an event, a page view, or an identify's or a group's traits, before they are sent. */
export interface CheckInput {
  /** A page view has no schema and needs no account; identify and group are checked for personal data only. Default `'track'`. */
  readonly type?: 'track' | 'page' | 'identify' | 'group' | undefined
  /** The event's name as the app wrote it (a page view's name, if any). */
  readonly event: string | undefined
  /** The event's properties, or the traits of an identify or a group. */
  readonly properties: unknown
  readonly groupId: string | undefined
  /** The app's own events, checked before the spec's. */
  readonly events?: EventCatalog | undefined
  /** True when the account was held back by a logout: the message says so. */
  readonly afterLogout?: boolean | undefined
  /** The name the error carries (the event's name as sent); default `event`. */
  readonly label?: string | undefined
  /**
   * Finds personal data in a text. With it, every value but those of `personal` is looked at too
   * (the guard); the tracker and `checkEvent` give their own.
   */
  readonly detect?: Detect | undefined
  /**
   * The top-level keys that may hold personal data: the properties the plan marks (see
   * `personal`), an identify's own personal traits (`email`…), a page view's URL fields.
   */
  readonly personal?: ReadonlySet<string> | undefined
}

const NONE: ReadonlySet<string> = new Set()

/**
 * Checks one call: the event against its schema (the app's catalogue first, then the spec's), that an
 * account is known, that every value can be sent as JSON (a `BigInt` or a cycle would be lost by
 * the tag without a word), and, given `detect`, that no value looks like personal data but in the
 * keys of `personal`. Never copies a value into the error.
 */
export function checkCall(input: CheckInput): Checked {
  const { type, properties, groupId, afterLogout, detect } = input
  const issues: ValidationIssue[] = []
  const traits = type === 'identify' || type === 'group'
  const root = traits ? 'traits' : 'properties'
  let name = input.label ?? String(input.event ?? type ?? 'event')
  let parsed: Record<string, unknown> | undefined
  if (traits || type === 'page') {
    if (properties === undefined || isRecord(properties)) parsed = properties ?? {}
    else issues.push({ path: 'properties', message: 'expected object' })
  } else {
    const schema = schemaOf(input.event, input.events)
    if (schema === undefined) {
      issues.push({ path: 'event', message: 'not an event of the catalogue' })
      // A name no catalogue has may be a value passed by mistake (an email): shown only if it reads
      // like an event name. The same rule as `shownName` (handoff.ts) and the testing matchers: each
      // chunk keeps its own copy, since a module shared by the lazy chunks would be one more to load.
      if (!/^[A-Za-z][\w .:/-]{0,79}$/.test(name)) name = '[event]'
    } else parsed = parse(schema, properties, issues)
    if (typeof groupId !== 'string' || groupId === '') issues.push(noAccount(afterLogout))
  }
  const schemaIssues = issues.length
  if (parsed !== undefined) unsendableIn(parsed, root, issues)
  const unsendable = issues.length > schemaIssues
  const redacted =
    unsendable || !detect ? undefined : guard(parsed ?? properties, root, input.personal ?? NONE, detect, issues)
  if (issues.length > 0 || parsed === undefined) {
    return { ok: false, error: new IntileryValidationError(name, issues), unsendable, redacted }
  }
  return { ok: true, properties: parsed }
}

/** The schema of an event: the app's catalogue first, then the spec's. */
function schemaOf(event: string | undefined, events: EventCatalog | undefined): zc.$ZodType | undefined {
  if (typeof event !== 'string') return undefined
  if (events !== undefined && Object.hasOwn(events, event)) return events[event]
  return Object.hasOwn(b2bSaasEvents, event) ? (b2bSaasEvents as EventCatalog)[event] : undefined
}

/** The properties as the schema gives them (dates normalised), or undefined with the issues. */
function parse(
  schema: zc.$ZodType,
  properties: unknown,
  issues: ValidationIssue[],
): Record<string, unknown> | undefined {
  try {
    const result = z.safeParse(schema, withoutProtoKey(properties))
    if (result.success) return result.data as Record<string, unknown>
    for (const issue of result.error.issues) issues.push(...describe(issue))
  } catch {
    // A getter on the caller's object that throws: the properties cannot be read.
    issues.push({ path: 'properties', message: 'could not be read (a property getter threw)' })
  }
  return undefined
}

function noAccount(afterLogout: boolean | undefined): ValidationIssue {
  return {
    path: 'context.groupId',
    message: afterLogout
      ? 'no account since logout: set a new groupId or userId, or pass context.groupId'
      : 'no account: set groupId on the provider, AccountScope or tracker, or pass context.groupId',
  }
}

/** Each value JSON cannot carry, as an issue; flat values (strings, numbers), the rule, are not walked. */
function unsendableIn(values: Record<string, unknown>, root: string, issues: ValidationIssue[]): void {
  try {
    let nested = typeof (values as { toJSON?: unknown }).toJSON === 'function'
    for (const key in values) {
      const value = values[key]
      if (nested || typeof value === 'bigint' || (typeof value === 'object' && value !== null)) {
        nested = true
        break
      }
    }
    if (nested) unsendable(values, root, [], [], issues)
  } catch {
    issues.push({ path: root, message: 'could not be read (a property getter threw)' })
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describe(issue: zc.$ZodIssue): ValidationIssue[] {
  const path = pathOf('properties', issue.path)
  // Each key a strict schema does not know is an issue of its own, named like any other path.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: `${path}.${segment(key)}`, message: 'not a property of this event' }))
  }
  return [{ path, message: explain(issue) }]
}

/** Says what is wrong from the issue's code and expectations only, never from the input. */
function explain(issue: zc.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`
    case 'invalid_format':
      return `invalid ${issue.format}`
    case 'invalid_union':
      return 'matches none of the accepted forms'
    case 'custom':
      // The spec's date check says so in its params; an app's own refinement is named by its code.
      return issue.params?.['date'] === true
        ? 'expected an ISO-8601 date or date-time string, or a valid Date'
        : 'custom'
    case 'too_big':
      return `too big (at most ${String(issue.maximum)})`
    case 'too_small':
      return `too small (at least ${String(issue.minimum)})`
    case 'invalid_value':
      return 'not one of the allowed values'
    default:
      return issue.code
  }
}

/** How deep a value is walked before it is taken as unsendable (the tag's JSON would fail or crawl). */
const MAX_DEPTH = 64

/**
 * Adds an issue for each value JSON cannot carry, wherever it hides: a `BigInt` (JSON.stringify
 * throws), a cycle (it throws too), a `toJSON` that throws or gives one of those, a getter that
 * throws (the caller's catch). Values JSON drops quietly (functions, symbols, `undefined`) are left
 * alone, as the tag drops them. A value with its own `toJSON` is walked as JSON would see it: what
 * `toJSON` gives (called once, as JSON.stringify calls it). `keys` is the path walked so far; it
 * becomes a string only for an issue (every event goes through here).
 */
function unsendable(
  value: unknown,
  root: string,
  keys: PropertyKey[],
  parents: object[],
  issues: ValidationIssue[],
): void {
  if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    try {
      value = (value as { toJSON: (key: string) => unknown }).toJSON(String(keys.at(-1) ?? ''))
    } catch {
      // An invalid Date throws here too: JSON.stringify would.
      issues.push({ path: pathOf(root, keys), message: 'its toJSON threw, so it cannot be sent as JSON' })
      return
    }
  }
  if (typeof value === 'bigint') {
    issues.push({ path: pathOf(root, keys), message: 'a BigInt cannot be sent as JSON; send a string or a number' })
    return
  }
  if (typeof value !== 'object' || value === null) return
  if (parents.includes(value)) {
    issues.push({ path: pathOf(root, keys), message: 'refers to itself (a cycle cannot be sent as JSON)' })
    return
  }
  if (parents.length >= MAX_DEPTH) {
    issues.push({ path: pathOf(root, keys), message: `nested deeper than ${MAX_DEPTH} levels` })
    return
  }
  parents.push(value)
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    const inner = (value as Record<string, unknown>)[key]
    // Only what can hold a problem is walked into: most properties are strings.
    if (typeof inner === 'bigint' || (typeof inner === 'object' && inner !== null)) {
      keys.push(Array.isArray(value) ? Number(key) : key)
      unsendable(inner, root, keys, parents, issues)
      keys.pop()
    }
  }
  parents.pop()
}

/**
 * The properties without an own `__proto__` key (JSON.parse makes one): some zod 4 versions copy it
 * by assignment, which would set the sent object's prototype. The caller's object is not changed.
 */
function withoutProtoKey(properties: unknown): unknown {
  if (typeof properties !== 'object' || properties === null || !Object.hasOwn(properties, '__proto__'))
    return properties
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(properties)) {
    if (key !== '__proto__') copy[key] = (properties as Record<string, unknown>)[key]
  }
  return copy
}
