import { windowAnalytics } from './browser'
import type { Deadlines } from './deadlines'
import { type IntileryError, IntileryQueueOverflowError, IntileryTagError } from './errors'
import { type AnalyticsTag, isSnippetStub, isTag, isThenable, type TagCallback } from './tag'

/**
 * Exactly what an event hands to the tag: `tag.track(event, properties, { context })`, or for a page
 * view `tag.page(null, event, properties, { context })` (its `event` is the page's name, if any).
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

/** Where a call is in its life, for whoever inspects it (devtools, tests). */
export type HandoffState = 'queued' | 'handed' | 'acknowledged' | 'timeout' | 'failed' | 'dropped' | 'discarded'

/** How an event's promise settles: a status, or an error. */
export type Outcome = 'acknowledged' | 'timeout' | 'queued' | 'discarded' | IntileryError

/** One event (a `track`, or a `page` view) on its way to the tag. */
export interface EventCall {
  readonly type: 'track' | 'page'
  /** Replaced once, by `prepare`, when the properties are validated late. */
  payload: TrackPayload
  /** Settles the call's promise (first outcome wins). */
  readonly settle: (outcome: Outcome) => void
  /**
   * Runs right before the call is handed over, when it could not be checked when it was made (the
   * validator had not loaded): true sends it, false drops it (it has settled itself), undefined
   * keeps it, and everything after it, waiting.
   */
  prepare?: (() => boolean | undefined) | undefined
  /** True once the call has settled; a failure after that can only be reported. */
  done?: boolean
  /** True once the call has been handed to the tag. */
  handed?: boolean
}

/** A call that changes who the tag thinks the user and account are. */
export interface IdentityCall {
  readonly type: 'identify' | 'group' | 'reset'
  /** The user's id (identify) or the account's (group). */
  readonly id?: string
  readonly traits?: object | undefined
}

/** A call to the tag, in the one order the tag must see them. */
export type Call = EventCall | IdentityCall

/** How the handoff tells its owner what happened. */
export interface HandoffEvents {
  readonly report: (error: IntileryError) => void
  readonly state: (call: Call, state: HandoffState) => void
}

/** The ordered queue in front of the tag. See {@link createHandoff}. */
export interface Handoff {
  /** Hands the call over now if nothing waits before it and the tag is ready; otherwise queues it. */
  send(call: Call): void
  /** Hands over everything waiting, in order, if the tag is ready and nothing holds the queue. */
  flush(): void
  /** Empties the queue without sending: every waiting event settles as 'discarded'. */
  discard(): void
  /**
   * Clears the tag's identity as soon as the tag is ready, ahead of anything held: a logout under
   * pending or denied consent must not leave the user's id and traits stored in the browser.
   */
  resetSoon(): void
  /** The tag, if one has loaded (a snippet's stub never counts). */
  readyTag(): AnalyticsTag | undefined
  /** While true (consent not granted), calls wait even if the tag is ready. */
  held: boolean
  /** How long a handed-over event waits for the tag's confirmation, in ms. */
  deliveryTimeout: number
}

/**
 * Analytics.js tags confirm at the latest when their own timeout (300 ms) runs out; this grace keeps
 * a tag that confirms right at that moment from being taken for one that never answers.
 */
export const ACK_GRACE_MS = 50

const isEvent = (call: Call): call is EventCall => call.type === 'track' || call.type === 'page'

/**
 * The ordered queue in front of the tag: holds every call until the tag is ready (and while `held`),
 * then hands each over exactly once, in call order. Bounded by `limit`: when full it drops the oldest
 * events first and reports how many.
 *
 * Two rules keep the identity on each event what it was when the app sent it, whatever the tag does
 * later:
 * - an `identify` is handed over only once every event sent while no user was identified has been
 *   confirmed (or has timed out): analytics.js tags stamp a missing user when they send, not when
 *   called, so an anonymous event still in the tag's pipeline would otherwise leave as the next user;
 * - a snippet's stub is never handed a call: `window.analytics` is followed to the real instance.
 */
export function createHandoff(
  getTag: () => AnalyticsTag | undefined,
  limit: number,
  deliveryTimeout: number,
  deadlines: Deadlines,
  on: HandoffEvents,
): Handoff {
  /** The waiting calls are `queue[head…]`: taking the first is O(1), and the array is compacted now and then. */
  let queue: (Call | undefined)[] = []
  let head = 0
  let draining = false
  let overflow = 0
  let eagerReset = false
  /** What the tag was last told of the user: events handed while false are anonymous. */
  let identified = false
  /** Anonymous events handed over and not yet confirmed or timed out. */
  let anonymousInFlight = 0
  const readiness = new WeakMap<object, boolean>()
  /** Tags that answer with a promise: they are handed no callback, so they confirm at delivery. */
  const promising = new WeakSet<AnalyticsTag>()
  /** A stub that cannot call back when the script loads: the queue looks for the real tag itself. */
  let silentStub = false

  const waiting = (): number => queue.length - head

  const watch = (tag: AnalyticsTag): void => {
    readiness.set(tag, false)
    const onReady = (): void => {
      if (readiness.get(tag)) return
      readiness.set(tag, true)
      handoff.flush()
    }
    try {
      if (typeof tag.ready !== 'function') onReady()
      else {
        const result = tag.ready(onReady)
        // A load that fails leaves the tag not ready: the calls stay queued, bounded.
        if (isThenable(result)) result.then(onReady, () => undefined)
      }
    } catch {
      // A tag whose ready() throws cannot say when it is ready: try it now.
      readiness.set(tag, true)
    }
  }

  /**
   * The real tag, when it has loaded. A snippet's stub (given as the tag, or still on `window`) is
   * followed: the real instance that replaced it on `window.analytics` is used, or, while the script
   * has not loaded, a `ready` callback is left on the live stub, which the script runs once loaded.
   */
  const readyTag = (): AnalyticsTag | undefined => {
    let tag = getTag()
    if (tag === undefined) return undefined
    if (isSnippetStub(tag)) {
      const live = windowAnalytics()
      if (isTag(live) && !isSnippetStub(live)) tag = live
      else {
        const stub = isTag(live) ? live : tag
        if (!readiness.has(stub)) {
          readiness.set(stub, false)
          try {
            stub.ready(() => handoff.flush())
          } catch {
            silentStub = true
          }
        }
        return undefined
      }
    }
    if (!readiness.has(tag)) watch(tag)
    return readiness.get(tag) ? tag : undefined
  }

  /**
   * Calls wait and there is no tag object yet (a tag loaded after consent), or only a stub that
   * cannot call back: look again every 100 ms for 30 s at most. A tag that appears later is found by
   * the next call instead. A tag that exists but has not loaded calls back through `ready`.
   */
  let looking = 0
  let gaveUp = false
  const lookForTag = (): void => {
    if (looking > 0 || gaveUp || (getTag() !== undefined && !silentStub)) return
    const look = (): void => {
      if (looking >= 300) {
        looking = 0
        gaveUp = true
      } else if ((waiting() === 0 && !eagerReset) || readyTag() !== undefined) {
        looking = 0
        handoff.flush()
      } else {
        looking += 1
        setTimeout(look, 100)
      }
    }
    looking = 1
    setTimeout(look, 100)
  }

  const invoke = (call: IdentityCall, run: () => unknown): void => {
    on.state(call, 'handed')
    try {
      const result = run()
      if (isThenable(result))
        result.then(undefined, (error: unknown) => on.report(new IntileryTagError(call.type, 'rejected', error)))
    } catch (error) {
      on.report(new IntileryTagError(call.type, 'threw', error))
      on.state(call, 'failed')
    }
  }

  const deliver = (tag: AnalyticsTag, call: EventCall): void => {
    const { payload } = call
    const anonymous = !identified
    if (anonymous) anonymousInFlight += 1
    let answered = false
    const answer = (outcome: 'acknowledged' | 'timeout' | 'failed', error?: IntileryTagError): void => {
      if (answered) return
      answered = true
      if (error === undefined) call.settle(outcome as 'acknowledged' | 'timeout')
      else if (call.done) on.report(error)
      else call.settle(error)
      on.state(call, outcome)
      if (anonymous) {
        anonymousInFlight -= 1
        if (anonymousInFlight === 0 && waiting() > 0) handoff.flush()
      }
    }
    call.handed = true
    on.state(call, 'handed')
    // Each event's wait starts at its own handoff.
    deadlines.after(handoff.deliveryTimeout + ACK_GRACE_MS, () => answer('timeout'))
    const confirm: TagCallback | undefined = promising.has(tag) ? undefined : () => answer('acknowledged')
    try {
      // The tag gets its own copy of the context: analytics-next adds page and userAgent to it in place.
      const options = { context: { ...payload.context } }
      const result =
        call.type === 'track'
          ? tag.track(payload.event, payload.properties, options, confirm)
          : tag.page(null, payload.event === '' ? null : payload.event, payload.properties, options, confirm)
      if (isThenable(result)) {
        // A promise says more than a callback: analytics-next resolves it once the event is sent (or
        // kept for its own retry), but runs a callback only after its 300 ms timeout on top of that.
        promising.add(tag)
        result.then(
          () => answer('acknowledged'),
          (error: unknown) => answer('failed', new IntileryTagError(payload.event, 'rejected', error)),
        )
      }
    } catch (error) {
      answer('failed', new IntileryTagError(payload.event, 'threw', error))
    }
  }

  const hand = (tag: AnalyticsTag, call: Call): void => {
    if (isEvent(call)) deliver(tag, call)
    else if (call.type === 'identify') {
      identified = true
      invoke(call, () => tag.identify(call.id, call.traits))
    } else if (call.type === 'group') invoke(call, () => tag.group(call.id, call.traits))
    else {
      identified = false
      invoke(call, () => tag.reset())
    }
  }

  /**
   * Whether the first waiting call can go now: an identify waits for anonymous events in flight, and
   * an event made before the validator loaded waits for it ('wait'); 'skip' when its late check
   * rejected it. (An event whose promise already settled as 'queued' still goes.)
   */
  const nextStep = (call: Call): 'go' | 'wait' | 'skip' => {
    if (!isEvent(call)) return call.type === 'identify' && anonymousInFlight > 0 ? 'wait' : 'go'
    if (call.prepare === undefined) return 'go'
    const prepared = call.prepare()
    if (prepared === undefined) return 'wait'
    call.prepare = undefined
    return prepared ? 'go' : 'skip'
  }

  const dropped = (calls: Call[]): void => {
    for (const call of calls) {
      if (!isEvent(call)) continue
      call.settle(new IntileryQueueOverflowError(1, limit, call.payload.event))
      on.state(call, 'dropped')
    }
    if (overflow === 0) {
      queueMicrotask(() => {
        on.report(new IntileryQueueOverflowError(overflow, limit))
        overflow = 0
      })
    }
    overflow += calls.length
  }

  /** Adds a call at the back; when the queue is full, the oldest events (else the oldest calls) make room. */
  const enqueue = (call: Call): void => {
    const lost: Call[] = []
    while (waiting() >= limit) {
      let index = head
      while (index < queue.length && !isEvent(queue[index]!)) index += 1
      if (index === queue.length) index = head
      lost.push(queue[index]!)
      if (index === head) queue[head++] = undefined
      else queue.splice(index, 1)
    }
    queue.push(call)
    if (lost.length > 0) dropped(lost)
  }

  const shift = (): void => {
    queue[head] = undefined
    head += 1
    if (head === queue.length) {
      queue = []
      head = 0
    } else if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head)
      head = 0
    }
  }

  const handoff: Handoff = {
    held: false,
    deliveryTimeout,
    readyTag,
    send(call) {
      gaveUp = false
      if (waiting() === 0 && !draining && !handoff.held && !eagerReset) {
        const tag = readyTag()
        if (tag !== undefined) {
          const now = nextStep(call)
          if (now === 'go') hand(tag, call)
          if (now !== 'wait') return
        }
      }
      enqueue(call)
      if (isEvent(call)) on.state(call, 'queued')
      handoff.flush()
    },
    flush() {
      if (draining || (waiting() === 0 && !eagerReset)) return
      const tag = readyTag()
      if (tag === undefined) {
        lookForTag()
        return
      }
      draining = true
      try {
        if (eagerReset) {
          eagerReset = false
          hand(tag, { type: 'reset' })
        }
        while (!handoff.held && waiting() > 0) {
          const call = queue[head]!
          const now = nextStep(call)
          if (now === 'wait') break
          shift()
          if (now === 'go') hand(tag, call)
        }
      } finally {
        draining = false
      }
    },
    discard() {
      const calls = queue.slice(head)
      queue = []
      head = 0
      for (const call of calls) {
        if (call === undefined || !isEvent(call)) continue
        call.settle('discarded')
        on.state(call, 'discarded')
      }
    },
    resetSoon() {
      eagerReset = true
      handoff.flush()
    },
  }
  return handoff
}
