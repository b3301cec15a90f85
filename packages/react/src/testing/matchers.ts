import type { EventName } from '@intilery/core'
import type { RecordedMessage, RecordingTag } from '@intilery/core/testing'

/**
 * The part of a matcher's `this` that vitest and jest share; nothing here imports either.
 */
interface MatcherContext {
  /** Optional: jest's types (`expect`, `@types/jest`) declare it so, and `expect.extend` must accept these matchers. */
  readonly isNot?: boolean
  equals(a: unknown, b: unknown): boolean
  readonly utils: {
    matcherHint(
      name: string,
      received?: string,
      expected?: string,
      options?: { isNot?: boolean; secondArgument?: string },
    ): string
    printExpected(value: unknown): string
    printReceived(value: unknown): string
  }
}

interface MatcherResult {
  pass: boolean
  message: () => string
}

/**
 * The matchers' types, for declaring them to your test runner. `@intilery/react/testing/vitest`
 * does it for vitest; for jest, merge them into `jest.Matchers`.
 *
 * @example
 * ```ts
 * // jest.d.ts
 * import type { IntileryMatchers } from '@intilery/react/testing'
 * declare global {
 *   namespace jest {
 *     interface Matchers<R> extends IntileryMatchers<R> {}
 *   }
 * }
 * ```
 */
export interface IntileryMatchers<R = unknown> {
  /**
   * Passes when the recording tag received a `track` of `event` whose properties include every
   * given one (each compared with deep equality; asymmetric matchers work). Without properties,
   * any `track` of `event` passes.
   */
  toHaveTracked(event: EventName | (string & {}), properties?: Record<string, unknown>): R
  /** Passes when the recording tag received exactly `times` `track`s of `event`. */
  toHaveTrackedTimes(event: EventName | (string & {}), times: number): R
}

const note = 'Values are not printed (they may be personal data); snapshot tag.payloads() to see them.'

function assertRecordingTag(matcher: string, received: unknown): asserts received is RecordingTag {
  const tag = received as Partial<RecordingTag> | null
  if (typeof tag !== 'object' || tag === null || typeof tag.tracks !== 'function' || !Array.isArray(tag.messages)) {
    const kind = tag === null ? 'null' : Array.isArray(tag) ? 'an array' : typeof tag
    throw new TypeError(
      `[intilery] ${matcher} expects a recording tag from createRecordingTag() (@intilery/react/testing); received ${kind}`,
    )
  }
}

function keysOf(properties: Record<string, unknown> | undefined): string[] {
  return Object.keys(properties ?? {})
}

/**
 * A key or event name as a failure message shows it, by the rule the library's errors follow: one
 * that does not read like a name (an email used as a key or passed as the event) is masked. A copy
 * of core's rule (`segment` in events/validate.ts, `shownName` in handoff.ts), which is internal.
 */
function shownKey(key: string): string {
  return /^[A-Za-z_$][\w$]{0,40}$/.test(key) ? key : '[key]'
}
function shownEvent(event: string | undefined): string | undefined {
  return event === undefined || /^[A-Za-z][\w .:/-]{0,79}$/.test(event) ? event : '[event]'
}

/** One tracked event as a line: its name and property keys; keys that differ from `expected` are marked. */
function describeTrack(
  context: MatcherContext,
  index: number,
  message: RecordedMessage,
  event: string,
  expected: Record<string, unknown> | undefined,
): string {
  const actual = message.properties ?? {}
  const keys = keysOf(actual).map((key) => {
    if (expected === undefined || message.event !== event || !(key in expected)) return shownKey(key)
    return context.equals(actual[key], expected[key]) ? shownKey(key) : `${shownKey(key)} (differs)`
  })
  if (expected !== undefined && message.event === event) {
    for (const key of keysOf(expected)) if (!(key in actual)) keys.push(`${shownKey(key)} (missing)`)
  }
  return `  ${index + 1}. ${context.utils.printReceived(shownEvent(message.event))} { ${keys.join(', ')} }`
}

function describeTracks(
  context: MatcherContext,
  tracks: readonly RecordedMessage[],
  event: string,
  expected?: Record<string, unknown>,
): string {
  if (tracks.length === 0) return 'The tag tracked no event.'
  const lines = tracks.map((message, index) => describeTrack(context, index, message, event, expected))
  return [
    `The tag tracked ${tracks.length} event${tracks.length === 1 ? '' : 's'} (name { property keys }):`,
    ...lines,
    note,
  ].join('\n')
}

function matches(
  context: MatcherContext,
  message: RecordedMessage,
  event: string,
  expected?: Record<string, unknown>,
): boolean {
  if (message.event !== event) return false
  if (expected === undefined) return true
  const actual = message.properties ?? {}
  return keysOf(expected).every((key) => key in actual && context.equals(actual[key], expected[key]))
}

function toHaveTracked(
  this: MatcherContext,
  received: unknown,
  event: string,
  properties?: Record<string, unknown>,
): MatcherResult {
  assertRecordingTag('toHaveTracked', received)
  const tracks = received.tracks()
  const index = tracks.findIndex((message) => matches(this, message, event, properties))
  const pass = index !== -1
  const hint = this.utils.matcherHint('toHaveTracked', 'tag', 'event', {
    isNot: this.isNot,
    ...(properties === undefined ? {} : { secondArgument: 'properties' }),
  })
  const wanted = `${this.utils.printExpected(shownEvent(event))}${properties === undefined ? '' : ` with { ${keysOf(properties).map(shownKey).join(', ')} }`}`
  return {
    pass,
    message: () =>
      pass
        ? `${hint}\n\nExpected the tag not to have tracked ${wanted}, but event ${index + 1} matched.\n\n${describeTracks(this, tracks, event)}`
        : `${hint}\n\nExpected the tag to have tracked ${wanted}.\n\n${describeTracks(this, tracks, event, properties)}`,
  }
}

function toHaveTrackedTimes(this: MatcherContext, received: unknown, event: string, times: number): MatcherResult {
  assertRecordingTag('toHaveTrackedTimes', received)
  if (!Number.isInteger(times) || times < 0) {
    throw new TypeError(
      `[intilery] toHaveTrackedTimes expects a whole number of times, 0 or more; received ${String(times)}`,
    )
  }
  const tracks = received.tracks()
  const count = tracks.filter((message) => message.event === event).length
  const pass = count === times
  const hint = this.utils.matcherHint('toHaveTrackedTimes', 'tag', 'event', {
    isNot: this.isNot,
    secondArgument: 'times',
  })
  return {
    pass,
    message: () =>
      `${hint}\n\nExpected ${this.utils.printExpected(shownEvent(event))} to have been tracked ${this.isNot ? 'any number of times but ' : ''}` +
      `${this.utils.printExpected(times)} time${times === 1 ? '' : 's'}; it was tracked ${this.utils.printReceived(count)}.\n\n` +
      describeTracks(this, tracks, event),
  }
}

/**
 * The matchers, for `expect.extend`: they work with vitest and jest. In vitest, importing
 * `@intilery/react/testing/vitest` from a setup file extends `expect` and its types in one go.
 *
 * @example
 * ```ts
 * // jest.setup.ts
 * import { intileryMatchers } from '@intilery/react/testing'
 * expect.extend(intileryMatchers)
 *
 * // in a test
 * expect(tag).toHaveTracked('Signed In', { username: 'pgibbons' })
 * expect(tag).toHaveTrackedTimes('Invite Sent', 2)
 * expect(tag).not.toHaveTracked('Signed Out')
 * ```
 */
export const intileryMatchers = { toHaveTracked, toHaveTrackedTimes }
