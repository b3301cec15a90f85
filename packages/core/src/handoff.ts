import { windowAnalytics } from './browser'
import type { Deadlines } from './deadlines'
import { type IntileryError, IntileryQueueOverflowError, IntileryTagError, type ValidationIssue } from './errors'
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

/** A payload while the tracker builds it (its properties are replaced once validated). */
type Building = { -readonly [K in keyof TrackPayload]: TrackPayload[K] }

/** Where a call is in its life, for whoever inspects it (devtools, tests). */
export type HandoffState = 'queued' | 'handed' | 'acknowledged' | 'timeout' | 'failed' | 'dropped' | 'discarded'

/** How an event's promise settles: a status, or an error. */
export type Outcome = 'acknowledged' | 'timeout' | 'queued' | 'discarded' | IntileryError

/** What every call carries for whoever inspects it: an id when someone listened as it was made. */
interface Inspected {
  id?: number | undefined
  validation?: 'valid' | 'invalid' | 'unchecked' | 'pending' | undefined
  issues?: readonly ValidationIssue[] | undefined
}

/** One event (a `track`, or a `page` view) on its way to the tag. */
export interface EventCall extends Inspected {
  readonly type: 'track' | 'page'
  /** Its properties are replaced once validated; read-only once handed over. */
  readonly payload: Building
  /** Settles the call's promise (first outcome wins). */
  readonly settle: (outcome: Outcome) => void
  /**
   * The check of a call that could not be checked when it was made (the validator had not loaded):
   * runs once the validator has loaded ({@link Handoff.check}), or at the latest right before the
   * handoff. True sends it, false drops it (it has settled itself), undefined keeps it, and
   * everything after it, waiting.
   */
  prepare?: (() => boolean | undefined) | undefined
  /** True once the call has settled; a failure after that can only be reported. */
  done?: boolean
  /** True once the call has been handed to the tag. */
  handed?: boolean
  /** Its readyTimeout, cancelled once it is handed over. */
  ready?: { run: (() => void) | undefined } | undefined
  /**
   * The page it was made on and when, taken when it had to wait (for the tag, or for consent): the
   * tag stamps both when it is called, and would otherwise give it those of its handoff.
   */
  at?: Stamp | undefined
}

/** The page as analytics.js tags read it when called, and the time. */
interface Stamp {
  readonly timestamp: Date
  readonly page: { path: string; referrer: string; search: string; title: string; url: string }
}

/** Where and when a call is made, in a browser; nothing elsewhere. The canonical URL wins, as the tag has it. */
function stamp(): Stamp | undefined {
  if (typeof location === 'undefined' || typeof document === 'undefined') return undefined
  try {
    const { href, pathname, search } = location
    const canonical = document.querySelector("link[rel='canonical']")?.getAttribute('href')
    let path = pathname
    let url = href.split('#')[0]!
    if (canonical) {
      url = canonical.includes('?') ? canonical : canonical + search
      try {
        path = new URL(canonical).pathname
      } catch {
        path = canonical.startsWith('/') ? canonical : `/${canonical}`
      }
    }
    return { timestamp: new Date(), page: { path, referrer: document.referrer, search, title: document.title, url } }
  } catch {
    return undefined
  }
}

/** A call that changes who the tag thinks the user and account are. */
export interface IdentityCall extends Inspected {
  readonly type: 'identify' | 'group' | 'reset'
  /** The user's id (identify) or the account's (group). */
  readonly target?: string | undefined
  readonly traits?: object | undefined
}

/** A call to the tag, in the one order the tag must see them. */
export type Call = EventCall | IdentityCall

/** The ordered queue in front of the tag. See {@link createHandoff}. */
export interface Handoff {
  /** Hands the call over now if nothing waits before it and the tag is ready; otherwise queues it. */
  send(call: Call): void
  /** Hands over everything waiting, in order, if the tag is ready and nothing holds the queue. */
  flush(): void
  /**
   * Runs the late check of every waiting event that has one (the validator has just loaded), then
   * flushes: an event `'throw'` rejects leaves the queue now, not when the tag loads.
   */
  check(): void
  /** Whether the tag (the real instance behind a snippet's stub) has loaded. */
  ready(): boolean
  /** Empties the queue without sending: every waiting event settles as 'discarded'. */
  discard(): void
  /**
   * Clears the tag's identity as soon as the tag is ready, ahead of anything held: a logout under
   * pending or denied consent must not leave the user's id and traits stored in the browser.
   */
  resetSoon(): void
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

/**
 * The most time the handoff spends handing calls to the tag in one task, in ms. The real tag costs
 * a few milliseconds of main thread per `track()`: a batch of 1,000 handed at once would freeze the
 * page for seconds. Past this, the rest goes in the next task, in order.
 */
export const SLICE_MS = 8

/** Runs `callback` in a task of its own soon: not a timer, which background tabs slow to once a second. */
function nextTask(callback: () => void): void {
  if (typeof MessageChannel === 'undefined' || typeof window === 'undefined') {
    setTimeout(callback, 0)
    return
  }
  const channel = new MessageChannel()
  channel.port1.onmessage = () => {
    channel.port1.close()
    callback()
  }
  channel.port2.postMessage(undefined)
}

const isEvent = (call: Call): call is EventCall => call.type === 'track' || call.type === 'page'

/**
 * An event's name as an error shows it. A name that does not read like one (an email passed as the
 * event by mistake) may be personal data: it is shown as `[event]`, as validation errors show it.
 * The rule is copied in events/validate.ts (the validator chunk) and the testing matchers.
 */
export const shownName = (name: string): string => (/^(?:[A-Za-z][\w .:/-]{0,79})?$/.test(name) ? name : '[event]')

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
  deadlines: Deadlines,
  report: (error: IntileryError) => void,
  state: (call: Call, state: HandoffState) => void,
): Handoff {
  /** The waiting calls are `queue[head…]`: taking the first is O(1); the array is renewed when drained. */
  let queue: Call[] = []
  let head = 0
  let draining = false
  let overflow = 0
  let eagerReset = false
  /** What the tag was last told of the user: events handed while false are anonymous. */
  let identified = false
  /** Anonymous events handed over and not yet confirmed or timed out. */
  let anonymousInFlight = 0
  /** Per tag (or stub): true once loaded, else when it was last asked to say so. */
  const loaded = new WeakMap<object, true | number>()
  /** Tags that answer with a promise: they are handed no callback, so they confirm at delivery. */
  const promising = new WeakSet<AnalyticsTag>()

  const waiting = (): number => queue.length - head

  /** When the current slice of handing over began (undefined between tasks). */
  let sliceStart: number | undefined
  /** True while this task may still hand calls to the tag; the next task drains what is left. */
  const inSlice = (): boolean => {
    const now = Date.now()
    if (sliceStart === undefined) {
      sliceStart = now
      nextTask(() => {
        sliceStart = undefined
        handoff.flush()
      })
    }
    return now - sliceStart < SLICE_MS
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
      if (!isTag(live) || isSnippetStub(live)) {
        watch(isTag(live) ? live : tag, true)
        return undefined
      }
      tag = live
    }
    watch(tag)
    return loaded.get(tag) === true ? tag : undefined
  }

  /**
   * Asks a tag (or a stub, which buffers the call for its script) to say when it has loaded, and
   * asks again 200 ms later if it has not (lookForTag comes back while calls wait): analytics-next
   * drops a `ready` call made in the instant between replaying its buffer and becoming its instance.
   */
  const watch = (tag: AnalyticsTag, stub = false): void => {
    const asked = loaded.get(tag)
    if (asked === true || (asked !== undefined && Date.now() - asked < 200)) return
    loaded.set(tag, Date.now())
    const onReady = (): void => {
      if (!stub) loaded.set(tag, true)
      handoff.flush()
    }
    try {
      const result = tag.ready(onReady)
      // A load that fails leaves the tag not ready: the calls stay queued, bounded.
      if (isThenable(result)) result.then(onReady, () => undefined)
    } catch {
      // A tag that cannot say when it is ready is taken as ready; a stub that cannot is looked for.
      if (!stub) loaded.set(tag, true)
    }
  }

  /**
   * While calls wait for a tag that is not there or has not said it is ready, look again every
   * 100 ms, for 30 s at most: a tag loaded after consent, a stub, a lost `ready` callback. A call
   * made after that looks again.
   */
  let looking = 0
  let gaveUp = false
  const lookForTag = (): void => {
    if (looking > 0 || gaveUp) return
    const look = (): void => {
      if (looking > 300) {
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

  /** Settles one handed-over event the first time: the tag confirmed it, did not in time, or failed. */
  const deliver = (tag: AnalyticsTag, call: EventCall): void => {
    const { payload } = call
    const anonymous = !identified
    if (anonymous) anonymousInFlight += 1
    let answered = false
    const answer = (outcome: 'acknowledged' | 'timeout' | 'failed', error?: IntileryTagError): void => {
      if (answered) return
      answered = true
      // Its deadline holds the event until it runs: let go of it now.
      deadline.run = undefined
      if (!error) call.settle(outcome as 'acknowledged' | 'timeout')
      else if (call.done) report(error)
      else call.settle(error)
      state(call, outcome)
      if (anonymous && --anonymousInFlight === 0) handoff.flush()
    }
    const fail = (reason: 'threw' | 'rejected', error: unknown): void =>
      answer('failed', new IntileryTagError(payload.event ? shownName(payload.event) : call.type, reason, error))
    call.handed = true
    if (call.ready) call.ready.run = undefined
    state(call, 'handed')
    // Each event's wait starts at its own handoff.
    const deadline = deadlines.after(handoff.deliveryTimeout + ACK_GRACE_MS, () => answer('timeout'))
    const confirm: TagCallback | undefined = promising.has(tag) ? undefined : () => answer('acknowledged')
    try {
      // The tag gets its own copy of the context: analytics-next adds page and userAgent to it in place.
      // A call that waited keeps the page and time it was made at (a page view's properties too).
      const { at } = call
      const options = at
        ? { context: { ...payload.context, page: { ...at.page } }, timestamp: at.timestamp }
        : { context: { ...payload.context } }
      const result =
        call.type === 'track'
          ? tag.track(payload.event, payload.properties, options, confirm)
          : tag.page(
              null,
              payload.event || null,
              at ? { ...at.page, ...payload.properties } : payload.properties,
              options,
              confirm,
            )
      if (isThenable(result)) {
        // A promise says more than a callback: analytics-next resolves it once the event is sent (or
        // kept for its own retry), but runs a callback only after its 300 ms timeout on top of that.
        promising.add(tag)
        result.then(
          () => answer('acknowledged'),
          (error: unknown) => fail('rejected', error),
        )
      }
    } catch (error) {
      fail('threw', error)
    }
  }

  const hand = (tag: AnalyticsTag, call: Call): void => {
    if (isEvent(call)) return deliver(tag, call)
    identified = call.type === 'identify' || (identified && call.type === 'group')
    state(call, 'handed')
    try {
      const result =
        call.type === 'identify'
          ? tag.identify(call.target, call.traits)
          : call.type === 'group'
            ? tag.group(call.target, call.traits)
            : tag.reset()
      if (isThenable(result))
        result.then(undefined, (error: unknown) => report(new IntileryTagError(call.type, 'rejected', error)))
    } catch (error) {
      report(new IntileryTagError(call.type, 'threw', error))
      state(call, 'failed')
    }
  }

  /**
   * Whether the first waiting call can go now: an identify waits for anonymous events in flight, and
   * an event made before the validator loaded waits for it ('wait'); 'skip' when its late check
   * rejected it. (An event whose promise already settled as 'queued' still goes.)
   */
  const nextStep = (call: Call): 'go' | 'wait' | 'skip' => {
    if (!isEvent(call)) return call.type === 'identify' && anonymousInFlight > 0 ? 'wait' : 'go'
    const prepared = call.prepare?.()
    if (prepared === undefined && call.prepare) return 'wait'
    call.prepare = undefined
    return prepared === false ? 'skip' : 'go'
  }

  /** Adds a call at the back; when the queue is full, the oldest events (else the oldest calls) make room. */
  const enqueue = (call: Call, bounded: boolean): void => {
    let dropped = 0
    while (bounded && waiting() >= limit) {
      const index = Math.max(
        queue.findIndex((waiting, i) => i >= head && isEvent(waiting)),
        head,
      )
      const [lost] = queue.splice(index, 1)
      if (lost && isEvent(lost)) {
        lost.settle(new IntileryQueueOverflowError(1, limit, shownName(lost.payload.event)))
        state(lost, 'dropped')
      }
      dropped += 1
    }
    queue.push(call)
    if (isEvent(call)) state(call, 'queued')
    if (dropped > 0) {
      if (overflow === 0) {
        queueMicrotask(() => {
          report(new IntileryQueueOverflowError(overflow, limit))
          overflow = 0
        })
      }
      overflow += dropped
    }
  }

  const handoff: Handoff = {
    held: false,
    deliveryTimeout: 300,
    send(call) {
      gaveUp = false
      const tag = readyTag()
      if (tag !== undefined && waiting() === 0 && !draining && !handoff.held && !eagerReset && inSlice()) {
        const step = nextStep(call)
        if (step === 'go') hand(tag, call)
        if (step !== 'wait') return
      }
      // The limit bounds what waits for a tag (or for consent). Behind a ready tag the line only
      // waits for the next slice: nothing is dropped.
      const waits = tag === undefined || handoff.held
      if (waits && isEvent(call)) call.at = stamp()
      enqueue(call, waits)
      handoff.flush()
    },
    flush() {
      if (draining || (waiting() === 0 && !eagerReset)) return
      const tag = readyTag()
      if (tag === undefined) {
        // Something new (consent granted, the validator loaded): look again, even after giving up.
        gaveUp = false
        return lookForTag()
      }
      draining = true
      try {
        if (eagerReset) {
          eagerReset = false
          hand(tag, { type: 'reset' })
        }
        while (!handoff.held && waiting() > 0 && inSlice()) {
          const call = queue[head]!
          const step = nextStep(call)
          if (step === 'wait') break
          head += 1
          if (head === queue.length) {
            queue = []
            head = 0
          }
          if (step === 'go') hand(tag, call)
        }
      } finally {
        draining = false
      }
    },
    check() {
      let kept = head
      for (let i = head; i < queue.length; i++) {
        const call = queue[i]!
        // A waiting event that fails its check settles itself and leaves the line.
        if (!isEvent(call) || !call.prepare || nextStep(call) !== 'skip') queue[kept++] = call
      }
      queue.length = kept
      handoff.flush()
    },
    ready: () => readyTag() !== undefined,
    discard() {
      const calls = queue.slice(head)
      queue = []
      head = 0
      for (const call of calls) {
        if (!isEvent(call)) continue
        call.settle('discarded')
        state(call, 'discarded')
      }
    },
    resetSoon() {
      eagerReset = true
      handoff.flush()
    },
  }
  return handoff
}
