/**
 * The dates the spec's events take, as one regular expression: the validator checks with it, and the
 * tracking plan prints it, so the two agree by construction (and do not shift with the zod version).
 *
 * A calendar date, `YYYY-MM-DD`, that exists (no 31 April, a 29 February only in a leap year),
 * optionally followed by `T` and a time: hours and minutes, then seconds (with a fraction) and `Z`
 * or an offset, or, for a local time, nothing more or the seconds alone. As RFC 3339 has it, a time
 * with a zone has its seconds.
 */
const leapYear = '(?:\\d\\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)'
const monthDay =
  '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))'
const hourMinute = '(?:[01]\\d|2[0-3]):[0-5]\\d'
const seconds = ':[0-5]\\d(?:\\.\\d+)?'
const time = `${hourMinute}(?:${seconds}(?:Z|[+-]${hourMinute})|(?:${seconds})?)`

/** The pattern's source, for JSON Schema's `pattern`. */
export const ISO_DATE_PATTERN = `^(?:\\d{4}-${monthDay}|${leapYear}-02-29)(?:T${time})?$`

const isoDate = new RegExp(ISO_DATE_PATTERN)

/** True for a string in one of the forms above, or a `Date` that holds a time (not `Invalid Date`). */
export function isSpecDate(value: unknown): value is string | Date {
  return typeof value === 'string' ? isoDate.test(value) : value instanceof Date && !Number.isNaN(value.getTime())
}
