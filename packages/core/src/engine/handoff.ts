import { type Call, type Host, shownName } from '../call'
import { IntileryTagError } from '../errors'
import { type AnalyticsTag, isThenable, type TagCallback } from '../tag'
import { canPin, PIN_KEY } from './pin'
import type { Scheduler } from './scheduler'

/**
 * Analytics.js tags confirm at the latest when their own timeout (300 ms) runs out; this grace keeps
 * a tag that confirms right at that moment from being taken for one that never answers.
 */
export const ACK_GRACE_MS = 50

/**
 * Hands calls to the tag and settles each event the first time one of these happens: the tag
 * confirms it (its promise or its callback), `deliveryTimeout` (and its grace) passes from its own
 * handoff, or the tag throws or rejects.
 */
export class Handoff {
  readonly #host: Host
  readonly #scheduler: Scheduler
  /** Tags that answer with a promise: they are handed no callback, so they confirm at delivery. */
  readonly #promising = new WeakSet<AnalyticsTag>()

  constructor(host: Host, scheduler: Scheduler) {
    this.#host = host
    this.#scheduler = scheduler
  }

  /** Hands one call to the tag, exactly once. */
  hand(tag: AnalyticsTag, call: Call): void {
    if (call.payload) return this.#deliver(tag, call)
    const host = this.#host
    // Its traits, once handed, can only be reported (see validation.ts).
    if (call.type !== 'reset') call.handed = true
    host.notify(call, 'handed')
    try {
      const result =
        call.type === 'identify'
          ? tag.identify(call.target, call.traits)
          : call.type === 'group'
            ? tag.group(call.target, call.traits)
            : tag.reset()
      if (isThenable(result)) {
        result.then(undefined, (error: unknown) => host.report(new IntileryTagError(call.type, 'rejected', error)))
      }
    } catch (error) {
      host.report(new IntileryTagError(call.type, 'threw', error))
      host.notify(call, 'failed')
    }
  }

  #deliver(tag: AnalyticsTag, call: Call): void {
    const host = this.#host
    let done = false
    const answer = (outcome: 'acknowledged' | 'timeout', error?: IntileryTagError): void => {
      if (done) return
      done = true
      // Its deadline holds the call until it runs: let go of it now.
      deadline.run = undefined
      if (!error) host.finish(call, outcome)
      else if (call.done) host.report(error)
      else host.finish(call, error)
    }
    const fail = (reason: 'threw' | 'rejected', error: unknown): void =>
      answer('timeout', new IntileryTagError(shownName(call.payload!.event) || call.type, reason, error))
    call.handed = true
    host.notify(call, 'handed')
    const deadline = this.#scheduler.after(host.settings().deliveryTimeout + ACK_GRACE_MS, () => answer('timeout'))
    const confirm: TagCallback | undefined = this.#promising.has(tag) ? undefined : () => answer('acknowledged')
    try {
      const result = send(tag, call, confirm)
      if (isThenable(result)) {
        // A promise says more than a callback: analytics-next resolves it once the event is sent (or
        // kept for its own retry), but runs a callback only after its 300 ms timeout on top of that.
        this.#promising.add(tag)
        result.then(
          () => answer('acknowledged'),
          (error: unknown) => fail('rejected', error),
        )
      }
    } catch (error) {
      fail('threw', error)
    }
  }
}

/**
 * The tag's own call for an event. The tag gets its own copy of the context: analytics-next adds
 * page and userAgent to it in place. A call that waited keeps the page and time it was made at (a
 * page view's properties too). An event made for a known user carries that user to the tag's
 * middleware, where the tag takes one (see pin.ts): the user this tab's session holds, whatever
 * another tab stored since.
 */
function send(tag: AnalyticsTag, call: Call, confirm: TagCallback | undefined): unknown {
  const payload = call.payload!
  const { at } = call
  const context: Record<string, unknown> = at ? { ...payload.context, page: { ...at.page } } : { ...payload.context }
  if (call.userId !== undefined && canPin(tag)) context[PIN_KEY] = call.userId
  const options = at ? { context, timestamp: at.timestamp } : { context }
  if (call.type === 'track') return tag.track(payload.event, payload.properties, options, confirm)
  const properties = at ? { ...at.page, ...payload.properties } : payload.properties
  return tag.page(null, payload.event || null, properties, options, confirm)
}
