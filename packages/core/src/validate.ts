import * as z from 'zod/mini'
import type * as zc from 'zod/v4/core'
import { IntileryValidationError, type ValidationIssue } from './errors'
import type { EventCatalog } from './events'

/**
 * What a check of one event gives: the properties to hand to the tag (dates normalised), or the
 * error naming every failing path.
 */
export type Checked =
  | { readonly ok: true; readonly properties: Record<string, unknown> }
  | { readonly ok: false; readonly error: IntileryValidationError }

/**
 * Checks one event against its catalogue: the properties against the event's schema, and that an
 * account (`context.groupId`) is known. Never copies a value into the error.
 */
export function validateEvent(
  catalog: EventCatalog,
  event: string,
  properties: unknown,
  groupId: string | undefined,
  afterLogout = false,
): Checked {
  const issues: ValidationIssue[] = []
  const schema = Object.hasOwn(catalog, event) ? catalog[event] : undefined
  let parsed: Record<string, unknown> | undefined
  if (schema === undefined) {
    issues.push({ path: 'event', message: 'not an event of the catalogue' })
  } else {
    try {
      const result = z.safeParse(schema, withoutProtoKey(properties))
      if (result.success) parsed = result.data
      else for (const issue of result.error.issues) issues.push(describe(issue))
    } catch {
      // A getter on the caller's object that throws: the properties cannot be read.
      issues.push({ path: 'properties', message: 'could not be read (a property getter threw)' })
    }
  }
  if (typeof groupId !== 'string' || groupId === '') {
    issues.push({
      path: 'context.groupId',
      message: afterLogout
        ? 'no account since logout: set a new groupId or userId on IntileryProvider, or pass context.groupId'
        : 'no account: set groupId on IntileryProvider or AccountScope, or pass context.groupId',
    })
  }
  if (issues.length > 0 || parsed === undefined) {
    return { ok: false, error: new IntileryValidationError(event, issues) }
  }
  return { ok: true, properties: parsed }
}

function describe(issue: zc.$ZodIssue): ValidationIssue {
  const path = ['properties', ...issue.path.map(segment)].join('.')
  return { path, message: explain(issue) }
}

/**
 * One step of a path. Property names are the schema's; below the top level, a key that does not
 * look like a name (an email or a phone number used as a record key, say) may be personal data, so
 * it is shown as `[key]`.
 */
function segment(key: PropertyKey, depth: number): string {
  if (typeof key === 'number') return String(key)
  const name = String(key)
  return depth === 0 || /^[A-Za-z_$][\w$]{0,40}$/.test(name) ? name : '[key]'
}

/** Says what is wrong from the issue's code and expectations only, never from the input. */
function explain(issue: zc.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`
    case 'invalid_format':
      return `invalid ${issue.format}`
    case 'invalid_union':
      return 'matches none of the accepted forms (a date takes an ISO-8601 string or a valid Date)'
    case 'too_big':
      return `too big (at most ${String(issue.maximum)})`
    case 'too_small':
      return `too small (at least ${String(issue.minimum)})`
    case 'invalid_value':
      return 'not one of the allowed values'
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'property' : 'properties'} ${issue.keys.join(', ')}`
    default:
      return issue.code
  }
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
