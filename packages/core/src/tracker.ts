import { windowAnalytics } from './browser'
import { isProduction } from './env'
import { isEqual } from './equal'
import {
  type IntileryError,
  IntileryQueueOverflowError,
  IntileryTagError,
  type IntileryValidationError,
} from './errors'
import { b2bSaasEvents, type B2bSaasEvents, type EventCatalog, type EventProperties } from './events'
import { BoundedQueue } from './queue'
import { type AnalyticsTag, isTag, isThenable, type TagSource } from './tag'
import { validateEvent } from './validate'

/**
 * How events are checked against the spec:
 * - `'throw'`: an invalid event is not sent and its promise rejects with an `IntileryValidationError`;
 * - `'report'`: it is sent unchanged and `onError` gets the same error;
 * - `'off'`: no check.
 *
 * @example
 * ```ts
 * createTracker({ validation: 'report', onError: (e) => console.warn(e.message) })
 * ```
 */
export type ValidationMode = 'throw' | 'report' | 'off'

/**
 * Settings of a tracker. Every one is optional.
 *
 * @example
 * ```ts
 * const options: TrackerOptions = { deliveryTimeout: 500, queueLimit: 200 }
 * ```
 */
export interface TrackerOptions<C extends EventCatalog = B2bSaasEvents> {
  /** The analytics.js-compatible tag. Default: `window.analytics`, read when first needed. */
  tag?: TagSource | undefined
  /** The catalogue of events. Default: the ten B2B SaaS events. */
  events?: C | undefined
  /** Default: `'throw'` outside production, `'report'` in production. */
  validation?: ValidationMode | undefined
  /** Gets what no promise can carry: validation errors in `'report'` mode, queue overflow, a tag that threw on identify, group or reset. */
  onError?: ((error: IntileryError) => void) | undefined
  /** How long to wait for the tag's acknowledgement once an event is handed over, in ms. Default 300. */
  deliveryTimeout?: number | undefined
  /** How long an event's promise waits for the tag to load before it resolves as `'queued'`, in ms. Default 1000. */
  readyTimeout?: number | undefined
  /** The most calls held while the tag loads; past it the oldest events are dropped. Default 1000. */
  queueLimit?: number | undefined
  /** The bound on the whole logout sequence, in ms. Default 1000. */
  logoutTimeout?: number | undefined
}

/**
 * What became of an event:
 * - `'acknowledged'`: the tag confirmed it (its promise or callback);
 * - `'timeout'`: it was handed to the tag, which did not confirm within `deliveryTimeout`;
 * - `'queued'`: the tag has not loaded within `readyTimeout`; the event is held in order and is
 *   handed over once the tag loads.
 *
 * @example
 * ```ts
 * const { status } = await tracker.track('Signed In', { username: 'pgibbons' }, { account: 'acct_123' })
 * ```
 */
export type DeliveryStatus = 'acknowledged' | 'timeout' | 'queued'

/**
 * Exactly what an event hands to the tag: `tag.track(event, properties, { context })`.
 *
 * @example
 * ```ts
 * const payload: TrackPayload = { event: 'Signed In', properties: { username: 'pgibbons' }, context: { groupId: 'acct_123' } }
 * ```
 */
export interface TrackPayload {
  readonly event: string
  readonly properties: Record<string, unknown>
  readonly context: { readonly groupId?: string }
}

/**
 * The outcome of one event: its payload and what became of it.
 *
 * @example
 * ```ts
 * const delivery: Delivery = await tracker.track('Signed In', {}, { account: 'acct_123' })
 * if (delivery.status === 'queued') console.info('the tag has not loaded yet')
 * ```
 */
export interface Delivery {
  readonly event: string
  readonly status: DeliveryStatus
  readonly payload: TrackPayload
}

/**
 * Which account an event belongs to: `groupId` given for this one call wins over `account`, the
 * account inherited from the surrounding scope (the provider or an `AccountScope`).
 *
 * @example
 * ```ts
 * tracker.track('Account Created', { account_name: 'Initech' }, { groupId: newId, account: current })
 * ```
 */
export interface TrackTarget {
  /** The account given for this call only, as `context.groupId`. */
  readonly groupId?: string | undefined
  /** The account of the surrounding scope, used when `groupId` is not given. */
  readonly account?: string | undefined
  /** Overrides `readyTimeout` for this call; `Infinity` waits for the tag without bound. */
  readonly readyTimeout?: number | undefined
}

type Call =
  | { readonly kind: 'identify'; readonly userId: string; readonly traits: object | undefined }
  | { readonly kind: 'group'; readonly groupId: string }
  | { readonly kind: 'reset' }
  | TrackCall

interface TrackCall {
  readonly kind: 'track'
  readonly payload: TrackPayload
  readonly resolve: (delivery: Delivery) => void
  readonly reject: (error: IntileryError) => void
  timer?: ReturnType<typeof setTimeout> | undefined
  /** Set once its promise has settled as `'queued'`: later failures can only be reported. */
  queued?: boolean
}

const accountHeldAfterLogout =
  'no account since logout: set a new groupId or userId on IntileryProvider, or pass context.groupId'

const defaults = {
  deliveryTimeout: 300,
  readyTimeout: 1000,
  queueLimit: 1000,
  logoutTimeout: 1000,
}

/** Events that begin a session: after one, a logout sends Signed Out again. */
const sessionStart = new Set(['Signed In', 'Signed Up'])

/**
 * Validates events, holds every call to the tag in one ordered queue until the tag is ready, and
 * hands each over exactly once. Create one with {@link createTracker}.
 *
 * @example
 * ```ts
 * const tracker = createTracker({ tag: window.analytics })
 * tracker.identify('019mr8mf4r')
 * await tracker.track('Signed In', { username: 'pgibbons' }, { account: 'acct_123' })
 * ```
 */
export class Tracker<C extends EventCatalog = B2bSaasEvents> {
  #options: TrackerOptions<C>
  #catalog: EventCatalog
  #queue: BoundedQueue<Call>
  #readiness = new WeakMap<AnalyticsTag, 'waiting' | 'ready'>()
  #draining = false
  #identity: { userId: string; traits: object | undefined } | undefined
  #groupId: string | undefined
  #loggedOut = false
  /** After a logout, the inherited account is not used until the app sets an identity or account again. */
  #accountHeld = false
  #overflow = 0

  constructor(options: TrackerOptions<C> = {}) {
    this.#options = options
    this.#catalog = options.events ?? b2bSaasEvents
    this.#queue = new BoundedQueue<Call>(options.queueLimit ?? defaults.queueLimit, (call) => call.kind === 'track')
  }

  /** The settings in force, with defaults filled in. */
  get settings(): Required<Pick<TrackerOptions<C>, 'validation' | 'deliveryTimeout' | 'readyTimeout' | 'logoutTimeout'>> {
    return {
      validation: this.#options.validation ?? (isProduction() ? 'report' : 'throw'),
      deliveryTimeout: this.#options.deliveryTimeout ?? defaults.deliveryTimeout,
      readyTimeout: this.#options.readyTimeout ?? defaults.readyTimeout,
      logoutTimeout: this.#options.logoutTimeout ?? defaults.logoutTimeout,
    }
  }

  /** True after a logout until a user is identified again or signs in or up. */
  get loggedOut(): boolean {
    return this.#loggedOut
  }

  /** Changes settings in place (the provider calls this when its props change). The catalogue and queue limit are fixed at creation. */
  configure(options: Omit<TrackerOptions<C>, 'events' | 'queueLimit'>): void {
    this.#options = { ...this.#options, ...options }
  }

  /**
   * Validates an event and hands it to the tag, after every earlier call. Resolves with its
   * {@link Delivery}; rejects with an `IntileryValidationError` (mode `'throw'`) or an
   * `IntileryTagError` (no tag, or the tag threw). Never throws.
   */
  track<E extends keyof C & string>(
    event: E,
    properties?: EventProperties<E, C>,
    target: TrackTarget = {},
  ): Promise<Delivery> {
    const held = this.#accountHeld && target.groupId === undefined && target.account !== undefined
    const groupId = target.groupId ?? (held ? undefined : target.account)
    const validation = this.settings.validation
    let sent = (properties === undefined ? {} : properties) as Record<string, unknown>
    if (validation !== 'off') {
      const checked = validateEvent(
        this.#catalog,
        event,
        properties === undefined ? {} : properties,
        groupId,
        held ? accountHeldAfterLogout : undefined,
      )
      if (checked.ok) sent = checked.properties
      else if (validation === 'throw') return Promise.reject(checked.error)
      else this.#report(checked.error)
    }
    if (sessionStart.has(event)) this.#loggedOut = false
    const payload: TrackPayload = {
      event,
      properties: sent,
      context: groupId === undefined ? {} : { groupId },
    }
    if (this.#tag() === undefined) return Promise.reject(new IntileryTagError(event, 'missing'))
    return new Promise<Delivery>((resolve, reject) => {
      const call: TrackCall = { kind: 'track', payload, resolve, reject }
      if (this.#handNow(call)) return
      const wait = target.readyTimeout ?? this.settings.readyTimeout
      if (Number.isFinite(wait)) {
        call.timer = setTimeout(() => {
          call.queued = true
          resolve({ event, status: 'queued', payload })
        }, wait)
      }
      this.#enqueue(call)
    })
  }

  /**
   * Tells the tag who the user is, in order with events. The same user and traits again is a no-op,
   * so re-renders and StrictMode identify once.
   */
  identify(userId: string, traits?: object): void {
    this.#loggedOut = false
    this.#accountHeld = false
    if (this.#identity && this.#identity.userId === userId && isEqual(this.#identity.traits, traits)) return
    this.#identity = { userId, traits }
    this.#send({ kind: 'identify', userId, traits })
  }

  /** Tells the tag the current account, in order with events. The same account again is a no-op. */
  group(groupId: string): void {
    this.#accountHeld = false
    if (this.#groupId === groupId) return
    this.#groupId = groupId
    this.#send({ kind: 'group', groupId })
  }

  /**
   * Clears the identity: every call after this one reaches the tag after its `reset()`. Until the
   * app identifies a user or sets an account again, events no longer inherit the old account.
   */
  reset(): void {
    this.#identity = undefined
    this.#groupId = undefined
    this.#loggedOut = true
    this.#accountHeld = true
    this.#send({ kind: 'reset' })
  }

  #send(call: Call): void {
    if (!this.#handNow(call)) this.#enqueue(call)
  }

  /** Hands a call over at once when nothing waits before it and the tag is ready. */
  #handNow(call: Call): boolean {
    if (this.#queue.size > 0 || this.#draining) return false
    const tag = this.#readyTag()
    if (tag === undefined) return false
    this.#hand(tag, call)
    return true
  }

  #enqueue(call: Call): void {
    const dropped = this.#queue.push(call)
    if (dropped.length > 0) this.#dropped(dropped)
    this.#flush()
  }

  #flush(): void {
    if (this.#draining || this.#queue.size === 0) return
    const tag = this.#readyTag()
    if (tag === undefined) return
    this.#draining = true
    try {
      for (let call = this.#queue.shift(); call !== undefined; call = this.#queue.shift()) {
        this.#hand(tag, call)
      }
    } finally {
      this.#draining = false
    }
  }

  #tag(): AnalyticsTag | undefined {
    const source = this.#options.tag
    const tag = source === undefined ? windowAnalytics() : typeof source === 'function' ? source() : source
    return isTag(tag) ? tag : undefined
  }

  /** The tag when it has loaded; otherwise starts watching for it and gives undefined. */
  #readyTag(): AnalyticsTag | undefined {
    const tag = this.#tag()
    if (tag === undefined) return undefined
    const state = this.#readiness.get(tag)
    if (state === 'ready') return tag
    if (state === undefined) this.#watch(tag)
    return this.#readiness.get(tag) === 'ready' ? tag : undefined
  }

  #watch(tag: AnalyticsTag): void {
    if (typeof tag.ready !== 'function') {
      this.#readiness.set(tag, 'ready')
      return
    }
    this.#readiness.set(tag, 'waiting')
    const onReady = (): void => {
      if (this.#readiness.get(tag) === 'ready') return
      this.#readiness.set(tag, 'ready')
      this.#flush()
    }
    try {
      const result = tag.ready(onReady)
      // A load that fails leaves the tag not ready: the calls stay queued, bounded.
      if (isThenable(result)) result.then(onReady, () => undefined)
    } catch {
      // A tag whose ready() throws cannot say when it is ready: try it now; its own errors are reported per call.
      this.#readiness.set(tag, 'ready')
    }
  }

  #hand(tag: AnalyticsTag, call: Call): void {
    switch (call.kind) {
      case 'track':
        this.#deliver(tag, call)
        return
      case 'identify':
        this.#callTag('identify', () => tag.identify(call.userId, call.traits))
        return
      case 'group':
        this.#callTag('group', () => tag.group(call.groupId))
        return
      case 'reset':
        this.#callTag('reset', () => tag.reset())
        return
    }
  }

  #callTag(method: string, invoke: () => unknown): void {
    try {
      const result = invoke()
      if (isThenable(result)) result.then(undefined, (error: unknown) => this.#report(new IntileryTagError(method, 'rejected', error)))
    } catch (error) {
      this.#report(new IntileryTagError(method, 'threw', error))
    }
  }

  #deliver(tag: AnalyticsTag, call: TrackCall): void {
    clearTimeout(call.timer)
    const { payload } = call
    let settled = false
    const settle = (status: DeliveryStatus): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      call.resolve({ event: payload.event, status, payload })
    }
    const fail = (reason: 'threw' | 'rejected', error: unknown): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      const failure = new IntileryTagError(payload.event, reason, error)
      if (call.queued) this.#report(failure)
      else call.reject(failure)
    }
    const timer = setTimeout(() => settle('timeout'), this.settings.deliveryTimeout)
    try {
      const result = tag.track(payload.event, payload.properties, { context: payload.context }, () =>
        settle('acknowledged'),
      )
      if (isThenable(result)) result.then(() => settle('acknowledged'), (error: unknown) => fail('rejected', error))
    } catch (error) {
      fail('threw', error)
    }
  }

  #dropped(calls: Call[]): void {
    for (const call of calls) {
      if (call.kind !== 'track') continue
      clearTimeout(call.timer)
      call.reject(new IntileryQueueOverflowError(1, this.#queue.size, call.payload.event))
    }
    if (this.#overflow === 0) {
      queueMicrotask(() => {
        const count = this.#overflow
        this.#overflow = 0
        this.#report(new IntileryQueueOverflowError(count, this.#options.queueLimit ?? defaults.queueLimit))
      })
    }
    this.#overflow += calls.length
  }

  #report(error: IntileryError | IntileryValidationError): void {
    try {
      this.#options.onError?.(error)
    } catch {
      // An app's error handler that throws must not break delivery.
    }
  }
}

/**
 * Creates a tracker: the framework-free heart of the library, usable from plain TypeScript.
 *
 * @example
 * ```ts
 * import { createTracker } from '@intilery/core'
 * const tracker = createTracker({ tag: window.analytics })
 * await tracker.track('Signed In', { username: 'pgibbons' }, { account: 'acct_123' })
 * ```
 */
export function createTracker<C extends EventCatalog = B2bSaasEvents>(options: TrackerOptions<C> = {}): Tracker<C> {
  return new Tracker<C>(options)
}
