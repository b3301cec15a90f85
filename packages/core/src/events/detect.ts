/**
 * What looks like personal data in a piece of text: an email address, a phone number in
 * international form, a card number. Loaded with the delivery code, which redacts the page's URL
 * and title with them, and hands `detect` to the validation code's guard with each check: the
 * validation chunk carries no second copy. `checkEvent` takes them from here too.
 */

/** What a value is replaced by. */
export const REDACTED = '[redacted]'

const EMAIL = /[^\s@<>()[\]\\",;:]+@[a-z\d-]+(?:\.[a-z\d-]+)*\.[a-z]{2,}/gi
/** `+`, a country code, then digits with the usual separators: 8 to 15 digits in all (E.164). */
const PHONE = /\+\d[\d ().-]{6,22}\d/g
/**
 * Digits, in groups that single spaces or dashes separate, standing on their own: not inside a
 * word (a UUID's groups, `cus_4242…`) or after a decimal point.
 */
const RUN = /(?<![\w.,])\d+(?:[ -]\d+)*(?!\w)/g
/**
 * The card networks' prefixes and lengths: Visa (16 and 19 digits: its 13-digit cards are long
 * gone, and 13 digits from 4 is a millisecond timestamp after 2096), Mastercard (51–55,
 * 2221–2720), American Express, Discover, Diners Club, JCB and UnionPay. A millisecond timestamp
 * or a database id starts otherwise, or fails Luhn.
 */
const ISSUER =
  /^(?:4(?:\d{15}|\d{18})|5[1-5]\d{14}|2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)\d{12}|3[47]\d{13}|3(?:0[0-5]|[68]\d)\d{11,16}|35(?:2[89]|[3-8]\d)\d{12,15}|6(?:011|5\d\d|4[4-9]\d|2\d\d)\d{12,15})$/
/** How cards are written in groups: 4-4-4-4 (and 13 or 19 digits the same way), or 4-6-5 and 4-6-4. */
const GROUPS = /^4(?:,4){2}(?:,[1-4]|,4,[1-4])?$|^4,6,[45]$/

/** Cheap first look: none of the three can be there without one of these. */
const ANY = /[@+]|\d{4}/

/** The Luhn checksum every card number passes. */
function luhn(digits: string): boolean {
  let sum = 0
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index])
    if (index % 2 === 1 && (digit *= 2) > 9) digit -= 9
    sum += digit
  }
  return sum % 10 === 0
}

/** True when a run of digit groups holds 13–19 digits that pass Luhn, written as a card is. */
function isCardRun(run: string): boolean {
  const groups = run.split(/[ -]/)
  for (let first = 0; first < groups.length; first += 1) {
    let digits = ''
    for (let last = first; last < groups.length && digits.length < 19; last += 1) {
      digits += groups[last]
      if (digits.length < 13 || digits.length > 19 || !luhn(digits)) continue
      const written = last === first ? ISSUER.test(digits) : GROUPS.test(lengths(groups, first, last))
      if (written) return true
    }
  }
  return false
}

const lengths = (groups: string[], first: number, last: number): string =>
  groups
    .slice(first, last + 1)
    .map((group) => group.length)
    .join()

function isPhone(text: string): boolean {
  const digits = text.replace(/\D/g, '').length
  return digits >= 8 && digits <= 15
}

/**
 * What personal data `text` seems to hold (`'an email address'`, `'a phone number'`,
 * `'a card number'`), or undefined.
 */
export function detect(text: string): string | undefined {
  if (!ANY.test(text)) return undefined
  if (text.search(EMAIL) !== -1) return 'an email address'
  for (const [found] of text.matchAll(PHONE)) if (isPhone(found)) return 'a phone number'
  for (const [found] of text.matchAll(RUN)) if (isCardRun(found)) return 'a card number'
  return undefined
}

/** `text` with each part that looks like personal data replaced by `[redacted]`. */
export function scrub(text: string): string {
  if (!ANY.test(text)) return text
  return text
    .replace(EMAIL, REDACTED)
    .replace(PHONE, (found) => (isPhone(found) ? REDACTED : found))
    .replace(RUN, (found) => (isCardRun(found) ? REDACTED : found))
}

/**
 * True when something in `values` (an event's properties, traits) may hold personal data: a key,
 * a string or a long whole number the detectors flag, outside `allowed`, or anything nested. The
 * rule is flat values that hold nothing: the delivery code asks the guard (the validation code's
 * walk, with its bookkeeping) only when this is true.
 */
export function suspect(values: unknown, allowed: ReadonlySet<string>): boolean {
  if (typeof values !== 'object' || values === null) return false
  for (const key in values) {
    if (allowed.has(key)) continue
    const value: unknown = (values as Record<string, unknown>)[key]
    if (typeof value === 'object' ? value !== null : typeof value === 'string' && detect(value) !== undefined)
      return true
    if (typeof value === 'number' && value >= 1e12 && detect(String(value)) !== undefined) return true
    if (detect(key) !== undefined) return true
  }
  return false
}

/** The text the detectors look at in a value: a string, or a whole number long enough to be a card's. */
const textIn = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' && value >= 1e12 ? String(value) : undefined

/** For JSON.parse: drops a key, and redacts a value, that looks like personal data. */
function reviver(key: string, value: unknown): unknown {
  if (key !== '' && detect(key) !== undefined) return undefined
  const text = textIn(value)
  return text !== undefined && detect(text) !== undefined ? REDACTED : value
}

/**
 * `values` (an event's properties, traits) with each key that looks like personal data left out
 * and each value that does replaced by `[redacted]`, at any depth, but the top-level keys in
 * `allowed`: for a call that goes before the validation code could check it (that code failed to
 * load, the page is going, a logout hands what waited), so that no mode sends such a value as it
 * is. Nested values are taken as JSON carries them. The same object when nothing is suspect; an
 * empty one when it cannot be read.
 */
export function redactIn<T extends object>(values: T, allowed: ReadonlySet<string>): T {
  if (!suspect(values, allowed)) return values
  const out: Record<string, unknown> = {}
  try {
    for (const key in values) {
      const value: unknown = values[key]
      if (allowed.has(key)) out[key] = value
      else if (detect(key) === undefined) {
        out[key] =
          typeof value === 'object' && value !== null ? JSON.parse(JSON.stringify(value), reviver) : reviver(key, value)
      }
    }
  } catch {
    // A getter or toJSON that throws, a cycle: the tag could not send these values either.
    return {} as T
  }
  return out as T
}
