import { type IntileryError, IntileryQueueOverflowError, IntileryTagError } from './errors'
import { BoundedQueue } from './queue'
import { type AnalyticsTag, isThenable } from './tag'

/** Added to `deliveryTimeout` before an event is settled as 'timeout' (see `#deliver`). */
export const ACK_GRACE_MS = 50

/** What an event hands to the tag: `tag.track(event, properties, { context })`. */
export interface TrackPayload {
  readonly event: string
  readonly properties: Record<string, unknown>
  readonly context: { readonly groupId?: string }
}

/** How a track call ends, from the handoff's point of view. */
export type HandoffOutcome = 'acknowledged' | 'timeout' | 'queued' | 'discarded'

/** Where a track call is in its life, for whoever inspects it (devtools, tests). */
export type HandoffState = 'queued' | 'handed' | 'acknowledged' | 'timeout' | 'failed' | 'dropped' | 'discarded'

export interface TrackCall {
  readonly kind: 'track'
  readonly id: number
  readonly payload: TrackPayload
  readonly resolve: (outcome: HandoffOutcome) => void
  readonly reject: (error: IntileryError) => void
  /** The wait for the tag to load; when it fires, the call settles as 'queued' and stays in line. */
  timer?: ReturnType<typeof setTimeout> | undefined
  /** Set once the call has settled as 'queued': a later failure can only be reported. */
  queued?: boolean
}

export type Call =
  | { readonly kind: 'identify'; readonly userId: string; readonly traits: object | undefined }
  | { readonly kind: 'group'; readonly groupId: string }
  | { readonly kind: 'reset' }
  | TrackCall

export interface HandoffEvents {
  readonly report: (error: IntileryError) => void
  readonly state: (call: TrackCall, state: HandoffState) => void
}

/**
 * The ordered queue in front of the tag: holds every call until the tag is ready (and while
 * `held`), then hands each over exactly once, in call order. Bounded: when full it drops the oldest
 * events first.
 */
export class Handoff {
  /** While true (consent pending), calls wait even if the tag is ready. */
  held = false
  deliveryTimeout: number
  readonly #queue: BoundedQueue<Call>
  readonly #limit: number
  readonly #tag: () => AnalyticsTag | undefined
  readonly #on: HandoffEvents
  readonly #readiness = new WeakMap<AnalyticsTag, 'waiting' | 'ready'>()
  #draining = false
  #overflow = 0

  constructor(tag: () => AnalyticsTag | undefined, limit: number, deliveryTimeout: number, on: HandoffEvents) {
    this.#tag = tag
    this.#limit = limit
    this.deliveryTimeout = deliveryTimeout
    this.#on = on
    this.#queue = new BoundedQueue<Call>(limit, (call) => call.kind === 'track')
  }

  /** True when there is a tag object to hand calls to (loaded or not). */
  hasTag(): boolean {
    return this.#tag() !== undefined
  }

  /** Hands the call over now if nothing waits before it and the tag is ready; otherwise queues it. */
  send(call: Call): void {
    if (this.#queue.size === 0 && !this.#draining && !this.held) {
      const tag = this.#readyTag()
      if (tag !== undefined) {
        this.#hand(tag, call)
        return
      }
    }
    const dropped = this.#queue.push(call)
    if (dropped.length > 0) this.#dropped(dropped)
    if (call.kind === 'track') this.#on.state(call, 'queued')
    this.flush()
  }

  /** Hands over everything waiting, in order, when the tag is ready and nothing holds the queue. */
  flush(): void {
    if (this.#draining || this.held || this.#queue.size === 0) return
    const tag = this.#readyTag()
    if (tag === undefined) return
    this.#draining = true
    try {
      for (let call = this.#queue.shift(); call !== undefined; call = this.#queue.shift()) this.#hand(tag, call)
    } finally {
      this.#draining = false
    }
  }

  /** Empties the queue without sending anything: every waiting event settles as 'discarded'. */
  discard(): void {
    for (let call = this.#queue.shift(); call !== undefined; call = this.#queue.shift()) {
      if (call.kind !== 'track') continue
      clearTimeout(call.timer)
      call.resolve('discarded')
      this.#on.state(call, 'discarded')
    }
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
      this.flush()
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
        this.#invoke('identify', () => tag.identify(call.userId, call.traits))
        return
      case 'group':
        this.#invoke('group', () => tag.group(call.groupId))
        return
      case 'reset':
        this.#invoke('reset', () => tag.reset())
        return
    }
  }

  #invoke(method: string, invoke: () => unknown): void {
    try {
      const result = invoke()
      if (isThenable(result)) {
        result.then(undefined, (error: unknown) => this.#on.report(new IntileryTagError(method, 'rejected', error)))
      }
    } catch (error) {
      this.#on.report(new IntileryTagError(method, 'threw', error))
    }
  }

  #deliver(tag: AnalyticsTag, call: TrackCall): void {
    clearTimeout(call.timer)
    const { payload } = call
    let settled = false
    const settle = (outcome: 'acknowledged' | 'timeout'): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      call.resolve(outcome)
      this.#on.state(call, outcome)
    }
    const fail = (reason: 'threw' | 'rejected', error: unknown): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      const failure = new IntileryTagError(payload.event, reason, error)
      if (call.queued) this.#on.report(failure)
      else call.reject(failure)
      this.#on.state(call, 'failed')
    }
    // analytics.js tags confirm at the latest when their own timeout (300 ms) runs out; the grace
    // keeps a tag that confirms right at that moment from being taken for one that never answers.
    const timer = setTimeout(() => settle('timeout'), this.deliveryTimeout + ACK_GRACE_MS)
    this.#on.state(call, 'handed')
    try {
      // The tag gets its own copy of the context: analytics-next adds page and userAgent to it in place.
      const options = { context: { ...payload.context } }
      const result = tag.track(payload.event, payload.properties, options, () => settle('acknowledged'))
      if (isThenable(result)) result.then(() => settle('acknowledged'), (error: unknown) => fail('rejected', error))
    } catch (error) {
      fail('threw', error)
    }
  }

  #dropped(calls: Call[]): void {
    for (const call of calls) {
      if (call.kind !== 'track') continue
      clearTimeout(call.timer)
      call.reject(new IntileryQueueOverflowError(1, this.#limit, call.payload.event))
      this.#on.state(call, 'dropped')
    }
    if (this.#overflow === 0) {
      queueMicrotask(() => {
        const count = this.#overflow
        this.#overflow = 0
        this.#on.report(new IntileryQueueOverflowError(count, this.#limit))
      })
    }
    this.#overflow += calls.length
  }
}
