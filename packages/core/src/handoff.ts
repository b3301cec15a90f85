import { type IntileryError, IntileryQueueOverflowError, IntileryTagError } from './errors'
import { enqueue, later } from './queue'
import { type AnalyticsTag, isThenable } from './tag'

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

/** Where a track call is in its life, for whoever inspects it (devtools, tests). */
export type HandoffState = 'queued' | 'handed' | 'acknowledged' | 'timeout' | 'failed' | 'dropped' | 'discarded'

/** One event on its way to the tag. */
export interface TrackCall {
  readonly payload: TrackPayload
  /** Settles the call's promise (first outcome wins). */
  readonly settle: (outcome: 'acknowledged' | 'timeout' | 'queued' | 'discarded' | IntileryError) => void
  /** True once the call has settled; a failure after that can only be reported. */
  done?: boolean
  /** True once the call has been handed to the tag. */
  handed?: boolean
}

/** A call to the tag, in the one order the tag must see them. */
export type Call =
  TrackCall | readonly ['identify', string, object | undefined] | readonly ['group', string] | readonly ['reset']

/** How the handoff tells its owner what happened. */
export interface HandoffEvents {
  readonly report: (error: IntileryError) => void
  readonly state: (call: TrackCall, state: HandoffState) => void
}

/** The ordered queue in front of the tag. See {@link createHandoff}. */
export interface Handoff {
  /** Hands the call over now if nothing waits before it and the tag is ready; otherwise queues it. */
  send(call: Call): void
  /** Hands over everything waiting, in order, if the tag is ready and nothing holds the queue. */
  flush(): void
  /** Empties the queue without sending: every waiting event settles as 'discarded'. True if a reset was among them. */
  discard(): boolean
  /** While true (consent pending), calls wait even if the tag is ready. */
  held: boolean
  /** How long a handed-over event waits for the tag's confirmation, in ms. */
  deliveryTimeout: number
}

/**
 * Analytics.js tags confirm at the latest when their own timeout (300 ms) runs out; this grace keeps
 * a tag that confirms right at that moment from being taken for one that never answers.
 */
export const ACK_GRACE_MS = 50

const isTrack = (call: Call): call is TrackCall => !Array.isArray(call)

/**
 * The ordered queue in front of the tag: holds every call until the tag is ready (and while
 * `held`), then hands each over exactly once, in call order. Bounded by `limit`: when full it drops
 * the oldest events first and reports how many.
 */
export function createHandoff(
  getTag: () => AnalyticsTag | undefined,
  limit: number,
  deliveryTimeout: number,
  on: HandoffEvents,
): Handoff {
  let queue: Call[] = []
  let draining = false
  let overflow = 0
  const readiness = new WeakMap<AnalyticsTag, boolean>()

  /** The tag when it has loaded; otherwise starts watching for it and gives undefined. */
  const readyTag = (): AnalyticsTag | undefined => {
    const tag = getTag()
    if (tag === undefined) return undefined
    if (!readiness.has(tag)) {
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
    return readiness.get(tag) ? tag : undefined
  }

  /**
   * Calls wait and there is no tag object yet (a tag loaded after consent, say): look again every
   * 100 ms for 30 s at most. A tag that appears later is found by the next call instead.
   */
  let looking = 0
  let gaveUp = false
  const lookForTag = (): void => {
    if (looking > 0 || gaveUp || getTag() !== undefined) return
    const look = (): void => {
      if (looking >= 300) {
        looking = 0
        gaveUp = true
      } else if (queue.length === 0 || handoff.held || getTag() !== undefined) {
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

  const invoke = (method: string, run: () => unknown): void => {
    try {
      const result = run()
      if (isThenable(result))
        result.then(undefined, (error: unknown) => on.report(new IntileryTagError(method, 'rejected', error)))
    } catch (error) {
      on.report(new IntileryTagError(method, 'threw', error))
    }
  }

  const deliver = (tag: AnalyticsTag, call: TrackCall): void => {
    const { payload } = call
    let answered = false
    const answer = (outcome: 'acknowledged' | 'timeout' | 'failed', error?: IntileryTagError): void => {
      if (answered) return
      answered = true
      if (error === undefined) call.settle(outcome as 'acknowledged')
      else if (call.done) on.report(error)
      else call.settle(error)
      on.state(call, outcome)
    }
    call.handed = true
    on.state(call, 'handed')
    later(handoff.deliveryTimeout + ACK_GRACE_MS, () => answer('timeout'))
    try {
      // The tag gets its own copy of the context: analytics-next adds page and userAgent to it in place.
      const result = tag.track(payload.event, payload.properties, { context: { ...payload.context } }, () =>
        answer('acknowledged'),
      )
      if (isThenable(result)) {
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
    if (isTrack(call)) deliver(tag, call)
    else if (call[0] === 'identify') invoke('identify', () => tag.identify(call[1], call[2]))
    else if (call[0] === 'group') invoke('group', () => tag.group(call[1]))
    else invoke('reset', () => tag.reset())
  }

  const dropped = (calls: Call[]): void => {
    for (const call of calls) {
      if (!isTrack(call)) continue
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

  const handoff: Handoff = {
    held: false,
    deliveryTimeout,
    send(call) {
      gaveUp = false
      const tag = queue.length === 0 && !draining && !handoff.held ? readyTag() : undefined
      if (tag !== undefined) return hand(tag, call)
      const lost = enqueue(queue, call, limit, isTrack)
      if (lost.length > 0) dropped(lost)
      if (isTrack(call)) on.state(call, 'queued')
      handoff.flush()
    },
    flush() {
      if (draining || handoff.held || queue.length === 0) return
      const tag = readyTag()
      if (tag === undefined) {
        lookForTag()
        return
      }
      draining = true
      try {
        while (queue.length > 0) {
          const calls = queue
          queue = []
          for (const call of calls) hand(tag, call)
        }
      } finally {
        draining = false
      }
    },
    discard() {
      const calls = queue
      queue = []
      let reset = false
      for (const call of calls) {
        if (!isTrack(call)) {
          reset ||= call[0] === 'reset'
          continue
        }
        call.settle('discarded')
        on.state(call, 'discarded')
      }
      return reset
    },
  }
  return handoff
}
