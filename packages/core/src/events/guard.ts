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
 * Looks for personal data where the plan does not say it goes: in every value of `values`, an
 * object (an event's properties, an identify's or a group's traits), at any depth, but the top-level keys in
 * `allowed` (marked as personal data). A string, or a whole number of 13 digits or more, that looks
 * like personal data is an issue named by its path (`properties.note`), never by its value; so is a
 * key that does (shown as `[key]`). Gives a copy with each such value replaced by `[redacted]` and
 * each such key left out, what `'report'` mode sends; or undefined when there is none.
 */
export function guard(
  values: unknown,
  root: string,
  allowed: ReadonlySet<string>,
  detect: Detect,
  issues: ValidationIssue[],
): Record<string, unknown> | undefined {
  try {
    if (typeof values !== 'object' || values === null) return undefined
    const kept = scan(values, [], { root, allowed, detect, issues, parents: [] })
    return kept === values ? undefined : (kept as Record<string, unknown>)
  } catch {
    return undefined // A getter that throws: the check has said so already.
  }
}

/** The text the detectors look at: a string, or a whole number long enough to be a card's. */
const textOf = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' && Number.isSafeInteger(value) && value >= 1e12
      ? String(value)
      : undefined

function scan(value: unknown, keys: PropertyKey[], context: Scan): unknown {
  const { detect, issues } = context
  const text = textOf(value)
  if (text !== undefined) {
    const kind = detect(text)
    if (kind === undefined) return value
    issues.push({ path: pathOf(context.root, keys), message: `looks like personal data (${kind})` })
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
    const kind = list ? undefined : detect(key)
    const path = pathOf(context.root, keys)
    // A key the schema already refused (a strict object's) is not named twice.
    if (kind !== undefined && !issues.some((issue) => issue.path === path)) {
      issues.push({ path, message: `a key that looks like personal data (${kind})` })
    }
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
