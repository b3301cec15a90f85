import type { AnalyticsTag } from '../tag'

/**
 * One call as the recording tag saw it, stamped the way analytics.js stamps messages: `userId`
 * and `anonymousId` are read when the call is made.
 *
 * @example
 * ```ts
 * const [signedIn]: RecordedMessage[] = tag.tracks()
 * signedIn?.userId // '019mr8mf4r'
 * ```
 */
export interface RecordedMessage {
  readonly type: 'track' | 'identify' | 'group' | 'page' | 'reset'
  readonly userId?: string
  readonly anonymousId: string
  readonly event?: string
  /** A page view's name, when it has one. */
  readonly name?: string
  readonly properties?: Record<string, unknown>
  readonly traits?: Record<string, unknown>
  readonly groupId?: string
  /** The call's context as handed, without the page every call carries in a browser. */
  readonly context?: Record<string, unknown>
}

/**
 * A `track` message as the spec prints its examples: `anonymousId` (which differs from run to run
 * with a real tag) is left out, and `userId` appears only when a user was identified.
 *
 * @example
 * ```ts
 * const payload: SpecPayload = {
 *   userId: '019mr8mf4r',
 *   type: 'track',
 *   event: 'Signed In',
 *   properties: { username: 'pgibbons' },
 *   context: { groupId: 'acct_123' },
 * }
 * ```
 */
export interface SpecPayload {
  readonly userId?: string
  readonly type: 'track'
  readonly event: string
  readonly properties: Record<string, unknown>
  readonly context: Record<string, unknown>
}

/**
 * How the recording tag behaves:
 * - `ready`: `'now'` (default), or `'manual'` to load only when `load()` is called (a tag that
 *   never loads, as under an ad blocker, is one whose `load()` is never called);
 * - `acknowledge`: `'promise'` (default: `track` returns a resolved promise), `'callback'`, or
 *   `'never'` (a tag that never answers);
 * - `throws`: every method throws, like a broken tag.
 *
 * @example
 * ```ts
 * const blocked = createRecordingTag({ ready: 'manual' } satisfies RecordingTagOptions)
 * ```
 */
export interface RecordingTagOptions {
  readonly ready?: 'now' | 'manual'
  readonly acknowledge?: 'promise' | 'callback' | 'never'
  readonly throws?: boolean
}

/**
 * An analytics.js-compatible tag that records what the real tag would send: `identify` sets the
 * user, `reset` clears it and draws a new anonymous id, `track` stamps both at the call.
 *
 * @example
 * ```ts
 * const tag: RecordingTag = createRecordingTag()
 * tag.tracks() // what the tag received, in order
 * ```
 */
export interface RecordingTag extends AnalyticsTag {
  /** Every message, in the order the tag received it. */
  readonly messages: readonly RecordedMessage[]
  /** The `track` messages only. */
  tracks(): RecordedMessage[]
  /**
   * The `track` messages as the spec prints them, without `anonymousId`: stable across runs, for
   * snapshots (`expect(tag.payloads()).toMatchInlineSnapshot()`).
   */
  payloads(): SpecPayload[]
  /** Loads a tag made with `ready: 'manual'`: its `ready` callbacks run. */
  load(): void
  /** Forgets the recorded messages (the identity stays). */
  clear(): void
}

/**
 * Creates a {@link RecordingTag} for tests.
 *
 * @example
 * ```ts
 * import { createRecordingTag } from '@intilery/core/testing'
 * const tag = createRecordingTag()
 * tag.identify('019mr8mf4r')
 * tag.track('Signed In', { username: 'pgibbons' }, { context: { groupId: 'acct_123' } })
 * tag.tracks()[0] // { type: 'track', userId: '019mr8mf4r', event: 'Signed In', … }
 * tag.payloads()[0] // the same without anonymousId, as the spec prints it
 * ```
 */
export function createRecordingTag(options: RecordingTagOptions = {}): RecordingTag {
  const tag = new Recorder(options)
  const tracks = () => tag.messages.filter((message) => message.type === 'track')
  return {
    get messages() {
      return tag.messages
    },
    tracks,
    payloads: () => tracks().map(toSpecPayload),
    load: () => tag.load(),
    clear() {
      tag.messages.length = 0
    },
    ...callsOf(tag),
  }
}

/** What a recording tag holds: its messages, whether it has loaded, and the identity it stamps. */
class Recorder {
  readonly messages: RecordedMessage[] = []
  readonly #options: RecordingTagOptions
  readonly #waiting: (() => void)[] = []
  #loaded: boolean
  #userId: string | undefined
  #anonymousId = 0

  constructor(options: RecordingTagOptions) {
    this.#options = options
    this.#loaded = (options.ready ?? 'now') === 'now'
  }

  /** Throws as a broken tag does, when made with `throws`. */
  check(): void {
    if (this.#options.throws) throw new Error('recording tag: broken on purpose')
  }

  /** Keeps a message stamped with the identity at the call. */
  record(message: Omit<RecordedMessage, 'anonymousId' | 'userId'>): void {
    this.check()
    this.messages.push({
      ...message,
      ...(this.#userId === undefined ? {} : { userId: this.#userId }),
      anonymousId: `anon-${this.#anonymousId}`,
    })
  }

  /** What the tag returns for a call: a promise, a later callback, or nothing ever, as `acknowledge` says. */
  answer(callback: unknown): unknown {
    const acknowledge = this.#options.acknowledge ?? 'promise'
    if (acknowledge === 'never') return new Promise(() => undefined)
    if (acknowledge === 'callback') {
      if (typeof callback === 'function') setTimeout(callback as () => void, 0)
      return undefined
    }
    return Promise.resolve()
  }

  identify(userId: string | undefined): void {
    this.check()
    this.#userId = userId
  }

  reset(): void {
    this.check()
    this.#userId = undefined
    this.#anonymousId += 1
    this.messages.push({ type: 'reset', anonymousId: `anon-${this.#anonymousId}` })
  }

  ready(callback: (() => void) | undefined): void {
    this.check()
    if (callback === undefined) return
    if (this.#loaded) callback()
    else this.#waiting.push(callback)
  }

  load(): void {
    this.#loaded = true
    for (const callback of this.#waiting.splice(0)) callback()
  }
}

/** The analytics.js calls of a recording tag, each recorded as the real tag would send it. */
function callsOf(tag: Recorder): AnalyticsTag {
  return {
    track(event, properties, trackOptions, callback) {
      const context = contextOf(trackOptions)
      tag.record({
        type: 'track',
        event,
        properties: { ...(properties as Record<string, unknown>) },
        ...(context === undefined ? {} : { context }),
      })
      return tag.answer(callback)
    },
    identify(id, traits, _options, callback) {
      tag.identify(id)
      tag.record({ type: 'identify', ...(traits === undefined ? {} : { traits: { ...traits } }) })
      return tag.answer(callback)
    },
    group(groupId, traits, _options, callback) {
      tag.record({
        type: 'group',
        ...(groupId === undefined ? {} : { groupId }),
        ...(traits === undefined ? {} : { traits: { ...traits } }),
      })
      return tag.answer(callback)
    },
    page(...args: unknown[]) {
      tag.record(pageMessage(args))
      return tag.answer(args.find((arg) => typeof arg === 'function'))
    },
    reset: () => tag.reset(),
    ready: (callback) => tag.ready(callback),
  }
}

/** A page view from analytics.js's forms: ([category], [name], [properties], [options], [callback]). */
function pageMessage(args: unknown[]): Omit<RecordedMessage, 'anonymousId' | 'userId'> {
  const strings = args.filter((arg): arg is string => typeof arg === 'string')
  const objects = args.filter((arg): arg is object => typeof arg === 'object' && arg !== null)
  const name = strings.at(-1)
  const context = contextOf(objects[1])
  return {
    type: 'page',
    ...(name === undefined ? {} : { name }),
    properties: { ...(objects[0] as Record<string, unknown> | undefined) },
    ...(context === undefined ? {} : { context }),
  }
}

/**
 * A copy of a call's `context`, if its options have one, without the page every call carries in a
 * browser (redacted by the library): the tag's own field, as `anonymousId` is.
 */
function contextOf(options: unknown): Record<string, unknown> | undefined {
  const context = (options as { context?: Record<string, unknown> } | undefined)?.context
  if (context === undefined) return undefined
  const rest = { ...context }
  delete rest.page
  return rest
}

function toSpecPayload({ userId, event, properties, context }: RecordedMessage): SpecPayload {
  return {
    ...(userId === undefined ? {} : { userId }),
    type: 'track',
    event: event ?? '',
    properties: properties ?? {},
    context: context ?? {},
  }
}
