import type { ValidationIssue } from '../errors'
import { pathOf } from './paths'

/**
 * Says what personal data a text seems to hold (`'an email address'`…), or undefined. The delivery
 * code's detectors (events/detect.ts), handed to the check with each call: the validation chunk
 * carries no second copy of them.
 */
export type Detect = (text: string) => string | undefined

const REDACTED = '[redacted]'
/** A key left out of what is sent. */
const DROP = Symbol()
/** How deep values are looked into (JSON's own limit is checked apart). */
const MAX_DEPTH = 16

interface Scan {
  readonly root: string
  readonly allowed: ReadonlySet<string>
  readonly detect: Detect
  readonly issues: ValidationIssue[]
  readonly parents: object[]
}

/**
 * Looks for personal data where the plan does not say it goes: in every value of `values` (an
 * event's properties, an identify's or a group's traits), at any depth, but the top-level keys in
 * `allowed` (marked as personal data). A string, or a whole number of 13 digits or more, that looks
 * like personal data is an issue named by its path (`properties.note`), never by its value; so is a
 * key that does (shown as `[key]`). Gives a copy with each such value replaced by `[redacted]` and
 * each such key left out, what `'report'` mode sends; or undefined when there is none.
 */
export function guard(
  values: Record<string, unknown>,
  root: string,
  allowed: ReadonlySet<string>,
  detect: Detect,
  issues: ValidationIssue[],
): Record<string, unknown> | undefined {
  const kept = scan(values, [], { root, allowed, detect, issues, parents: [] })
  return kept === values ? undefined : (kept as Record<string, unknown>)
}

function scan(value: unknown, keys: PropertyKey[], context: Scan): unknown {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1e12)) {
    const kind = context.detect(String(value))
    if (kind === undefined) return value
    context.issues.push({ path: pathOf(context.root, keys), message: `looks like personal data (${kind})` })
    return REDACTED
  }
  if (typeof value !== 'object' || value === null || keys.length > MAX_DEPTH || context.parents.includes(value)) {
    return value
  }
  const list = Array.isArray(value)
  let copy: Record<string, unknown> | undefined
  context.parents.push(value)
  for (const key in value) {
    if (!Object.hasOwn(value, key) || (keys.length === 0 && context.allowed.has(key))) continue
    const inner = (value as Record<string, unknown>)[key]
    keys.push(list ? Number(key) : key)
    const kind = list ? undefined : context.detect(key)
    if (kind !== undefined) flagKey(context, keys, kind)
    const kept = kind === undefined ? scan(inner, keys, context) : DROP
    keys.pop()
    if (Object.is(kept, inner)) continue
    copy ??= (list ? [...(value as unknown[])] : { ...value }) as Record<string, unknown>
    if (kept === DROP) delete copy[key]
    else copy[key] = kept
  }
  context.parents.pop()
  return copy ?? value
}

/** A key that looks like personal data; one the schema already refused (a strict object's) is not named twice. */
function flagKey(context: Scan, keys: readonly PropertyKey[], kind: string): void {
  const path = pathOf(context.root, keys)
  const message = `a key that looks like personal data (${kind})`
  if (!context.issues.some((issue) => issue.path === path)) context.issues.push({ path, message })
}
