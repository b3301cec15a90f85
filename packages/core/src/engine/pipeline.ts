import { type Call, type Host, isEvent, type Pipeline, shownName } from '../call'
import { IntileryQueueOverflowError, IntileryTagError } from '../errors'
import type { AnalyticsTag } from '../tag'
import type { Consent } from '../types'
import { TagConnection } from './connection'
import { PageExit } from './exit'
import { Handoff } from './handoff'
import { Queue } from './queue'
import { TrackerScheduler } from './scheduler'
import { stamp } from './stamp'
import { check, freeze, redactUnchecked } from './validation'

/**
 * The engine's pipeline: every call in one ordered queue until the tag is ready (and while consent
 * is pending), then handed over exactly once, in call order, as early as a direct call would be:
 * in the caller's own task when nothing waits before it. What waits:
 * - an event in `'throw'` mode whose check waits for the validation code (unless a reset is in
 *   line after it: a logout does not wait for that code);
 * - an `identify` while the tag has not yet sent an event handed to it with no user (the tag stamps
 *   a missing user when it sends: see {@link DeliveryPipeline.next});
 * - a batch's calls past the slice of this task (see `SLICE_MS`).
 *
 * None of them waits once the page is going ({@link PageExit}): whatever the tag can take is handed
 * to it then, in order, as direct calls in the same handler would have been. Delivery wins: an
 * event with no user may then be sent with the user identified after it.
 *
 * A reset reaches a ready tag at once, ahead of what consent holds: the user's identity must not
 * stay stored. It also keeps its place, after the calls made before it.
 */
export class DeliveryPipeline implements Pipeline {
  readonly #host: Host
  readonly #queue = new Queue()
  readonly #scheduler: TrackerScheduler
  readonly #connection: TagConnection
  readonly #handoff: Handoff
  readonly #exit = new PageExit(() => this.#drain(true))
  /** Resets already handed ahead of what consent holds: each also keeps its place, and goes again there. */
  readonly #covered = new WeakSet<Call>()
  /** True while the tag may not yet have sent an event handed to it with no user. */
  #unsent = false
  /** An event with no user was handed while the tag's work on earlier ones was being waited for. */
  #unsentAgain = false
  /** Calls sent before the validation code loaded (events in `'report'` mode, traits): checked once it has. */
  #later: Call[] = []
  #held: boolean
  #denied: boolean
  #draining = false
  #swept = false
  /** What the tag was last told of the user: events handed while false are anonymous. */
  #identified = false
  /** How many resets wait in the queue: while one does, nothing before it waits for its check. */
  #resets = 0
  #overflow = 0

  constructor(host: Host, consent: Consent) {
    this.#host = host
    this.#held = consent !== 'granted'
    this.#denied = consent === 'denied'
    this.#scheduler = new TrackerScheduler(host.clock, this.flush)
    this.#connection = new TagConnection(host, () => this.#queue.size > 0, this.flush)
    this.#handoff = new Handoff(host, this.#scheduler)
  }

  push(call: Call): void {
    if (isEvent(call) && check(this.#host, call, this.#remember) === false) return
    if (call.discard) return this.#host.finish(call, 'discarded')
    const tag = this.#connection.ready()
    if (tag !== undefined && this.#queue.size === 0 && !this.#draining && !this.#held) {
      const step = this.#next(call)
      if (step === 'go' && (!call.batch || this.#scheduler.slice())) return this.#deliver(tag, call)
      if (step === 'skip') return
    }
    this.#enqueue(call, tag)
    this.flush()
  }

  consent(consent: Consent): void {
    this.#held = consent !== 'granted'
    this.#denied = consent === 'denied'
    if (this.#denied) {
      // What waits is discarded; a reset still goes out (it sends nothing).
      for (const call of this.#queue.all()) {
        if (!call.settle) continue
        if (call.due) call.due.run = undefined
        this.#host.finish(call, 'discarded')
      }
      this.#queue.filter((call) => call.type === 'reset' && !this.#covered.has(call))
      this.#resets = this.#queue.size
    }
    this.flush()
  }

  readonly flush = (): void => this.#drain(false)

  /**
   * Hands over what can go, in order. `leaving`: the page is going, and nothing waits that the tag
   * could take (see the class comment); a reset also goes to a tag that has not said it has loaded.
   */
  #drain(leaving: boolean): void {
    this.#sweep()
    if (this.#draining) return
    const tag = this.#connection.ready()
    if (tag === undefined) {
      const live = leaving ? this.#connection.live() : undefined
      if (live !== undefined) this.#resetAhead(live)
      return this.#watch()
    }
    this.#draining = true
    try {
      if (this.#held) return this.#resetAhead(tag)
      while (this.#queue.size > 0) {
        const call = this.#queue.first()!
        const step = this.#next(call, leaving)
        if (step === 'wait' || (call.batch && !leaving && !this.#scheduler.slice())) break
        this.#queue.shift()
        if (call.type === 'reset') this.#resets -= 1
        if (step === 'go') this.#deliver(tag, call)
      }
    } finally {
      this.#draining = false
      this.#watch()
    }
  }

  /** Listens for the page going while something waits that could then go. */
  #watch(): void {
    this.#exit.watch(this.#queue.size > 0 && !this.#held)
  }

  dispose(): void {
    this.#scheduler.dispose()
    this.#connection.dispose()
    this.#exit.watch(false)
  }

  take(): Call[] {
    return this.#queue.all()
  }

  /** A call may be remembered twice (looked at again while it waits): its first check settles it. */
  readonly #remember = (call: Call): void => void this.#later.push(call)

  /**
   * Whether the first waiting call can go now ('go'), must wait ('wait') or was dropped ('skip').
   * A call waits for the validation code when `check` says so; a logout, or the page going, does
   * not wait for it: what was made before goes now, in order, redacted by the delivery code's own
   * detectors, and is checked once the code has loaded (then only reported). An `identify` waits
   * while the tag may not yet have sent an event handed with no user: the tag stamps a missing user
   * when it sends, and would stamp the new one. It sends a few timer tasks after its call (see
   * `TAG_HOPS`), long before it confirms. Unless the page is going (`leaving`).
   */
  #next(call: Call, leaving = false): 'go' | 'wait' | 'skip' {
    const verdict = check(this.#host, call, this.#remember)
    if (verdict === false) return 'skip'
    if (verdict === undefined) {
      if (!leaving && this.#resets === 0) return 'wait'
      this.#remember(call)
      redactUnchecked(this.#host, call)
    }
    return call.type === 'identify' && this.#unsent && !leaving ? 'wait' : 'go'
  }

  #deliver(tag: AnalyticsTag, call: Call): void {
    if (call.due) call.due.run = undefined
    if (isEvent(call)) {
      if (!this.#identified) this.#handedUnsent()
    } else this.#identified = call.type === 'identify' || (this.#identified && call.type === 'group')
    this.#handoff.hand(tag, call)
  }

  /** An event went with no user: an identify waits until the tag has done its work on it. */
  #handedUnsent(): void {
    if (this.#unsent) {
      this.#unsentAgain = true
      return
    }
    this.#unsent = true
    const done = (): void => {
      if (this.#unsentAgain) {
        this.#unsentAgain = false
        return this.#scheduler.afterTag(done)
      }
      this.#unsent = false
      this.flush()
    }
    this.#scheduler.afterTag(done)
  }

  /**
   * Hands every reset that waits to the tag now, ahead of the calls before it, which consent holds:
   * the user's identity must not stay stored meanwhile. Each keeps its place too (the calls before
   * it may identify the user again), but under denial, where nothing else will go.
   */
  #resetAhead(tag: AnalyticsTag): void {
    for (const call of this.#queue.all()) {
      if (call.type !== 'reset' || this.#covered.has(call)) continue
      this.#covered.add(call)
      this.#handoff.hand(tag, call)
      this.#identified = false
    }
    if (this.#denied) {
      this.#queue.filter(() => false)
      this.#resets = 0
    }
  }

  /** Once the validation code has loaded: every waiting check runs now, not when the tag loads. */
  #sweep(): void {
    if (this.#swept || this.#host.validator() === undefined) return
    this.#swept = true
    for (const call of this.#later) check(this.#host, call, () => undefined)
    this.#later = []
    const ready = !this.#held && this.#connection.ready() !== undefined
    this.#queue.filter((call) => {
      if (call.validation !== 'pending') return true
      const verdict = check(this.#host, call, () => undefined)
      if (verdict && call.late) overdue(this.#host, call, ready)
      return verdict !== false
    })
  }

  /** An event's readiness deadline: settles it as `'queued'` (or missing) if it is still waiting then. */
  #expire(call: Call): void {
    call.due = undefined
    const ready = !this.#held && this.#connection.ready() !== undefined
    if (!overdue(this.#host, call, ready) && !call.late) {
      call.due = this.#scheduler.after(this.#host.settings().readyTimeout, () => this.#expire(call))
    }
  }

  #enqueue(call: Call, tag: AnalyticsTag | undefined): void {
    const host = this.#host
    // The limit bounds what waits for a tag or for consent; behind a ready tag nothing is dropped.
    const waits = tag === undefined || this.#held
    if (isEvent(call)) {
      freeze(call)
      if (waits) call.at = stamp(host.clock.now())
      if (call.settle) {
        call.due = this.#scheduler.after(Math.max(0, call.readyAt! - host.clock.now()), () => this.#expire(call))
      }
      host.notify(call, 'queued')
    }
    // Room is made before it joins: the oldest events go first, then the oldest calls.
    const dropped = waits ? this.#queue.trim(host.limit - 1) : []
    this.#queue.push(call)
    if (call.type === 'reset') this.#resets += 1
    for (const lost of dropped) this.#drop(lost)
  }

  #drop(lost: Call): void {
    const host = this.#host
    if (lost.type === 'reset') this.#resets -= 1
    if (lost.due) lost.due.run = undefined
    if (lost.settle) {
      host.finish(lost, new IntileryQueueOverflowError(1, host.limit, shownName(lost.payload!.event)), 'dropped')
    }
    // One report for what one burst dropped.
    if (this.#overflow++ === 0) {
      queueMicrotask(() => {
        host.report(new IntileryQueueOverflowError(this.#overflow, host.limit))
        this.#overflow = 0
      })
    }
  }
}

/**
 * Settles an event whose `readyTimeout` has passed without its handoff. In `'throw'` mode an event
 * not yet checked settles only once it is (it is marked `late`); one behind a tag that has loaded,
 * in line behind a big batch, is not `'queued'` (false: look again later). Otherwise it settles
 * `'queued'`, or fails when there is no tag at all (a logout's Signed Out is `'queued'` then too).
 * True when it has settled.
 */
function overdue(host: Host, call: Call, tagReady: boolean): boolean {
  if (call.done || call.handed) return true
  const { validation, consent } = host.settings()
  if (validation === 'throw' && call.validation === 'pending' && host.validator() !== null) {
    call.late = true
    return false
  }
  if (consent === 'granted' && tagReady) return false
  if (consent === 'granted' && !call.logout && host.getTag() === undefined) {
    host.finish(call, new IntileryTagError(shownName(call.payload!.event) || call.type, 'missing'))
  } else call.settle?.('queued')
  return true
}
