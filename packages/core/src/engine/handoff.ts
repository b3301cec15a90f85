import { type Call, type Host, shownName } from '../call'
import { IntileryTagError } from '../errors'
import { type AnalyticsTag, isThenable, type TagCallback } from '../tag'
import { personalKeysOf, without } from './personal'
import { canPin, PIN_KEY } from './pin'
import { type Page, PageRedactor } from './redact'
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
  readonly #pages = new PageRedactor()

  constructor(host: Host, scheduler: Scheduler) {
    this.#host = host
    this.#scheduler = scheduler
  }

  /**
   * With `personalData: 'omit'`, what the plan marks as personal data is left out of what the tag
   * gets (an event's marked properties, an identify's or a group's personal traits), after the
   * check, which saw them: the event still goes out, and its delivery shows what was sent.
   */
  #omit(call: Call): void {
    if (!this.#host.privacy().omit) return
    const keys = personalKeysOf(call, this.#host.events)
    if (call.payload) call.payload.properties = without(call.payload.properties, keys)
    else if (call.traits) call.traits = without(call.traits, keys)
  }

  /**
   * The page a call hands the tag, redacted, in every mode: the one it was made on if it waited,
   * else the page now. analytics.js tags stamp their own (unredacted) page on a call that carries
   * none, field by field, so every call carries all five fields. None outside a browser.
   */
  #page(call: Call): Page | undefined {
    this.#pages.names(this.#host.privacy().params)
    return call.at ? this.#pages.page(call.at.page) : this.#pages.current()
  }

  /** Hands one call to the tag, exactly once. */
  hand(tag: AnalyticsTag, call: Call): void {
    this.#omit(call)
    if (call.payload) return this.#deliver(tag, call)
    const host = this.#host
    // Its traits, once handed, can only be reported (see validation.ts).
    if (call.type !== 'reset') call.handed = true
    host.notify(call, 'handed')
    try {
      const page = call.type === 'reset' ? undefined : this.#page(call)
      const args = page ? [call.target, call.traits, { context: { page: { ...page } } }] : [call.target, call.traits]
      const result =
        call.type === 'identify'
          ? tag.identify(...(args as [string]))
          : call.type === 'group'
            ? tag.group(...(args as [string]))
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
      const result = send(tag, call, confirm, this.#page(call), this.#pages)
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
 * The tag's own call for an event. The tag gets its own copy of the context, with the page
 * (redacted): analytics-next adds page and userAgent to it in place. A call that waited keeps the
 * time it was made at. A page view's properties start from the page, and the page fields an app
 * passes (its `path`, `search`…) are redacted too and win in the context, as the tag would have
 * it. An event made for a known user carries that user to the tag's middleware, where the tag
 * takes one (see pin.ts): the user this tab's session holds, whatever another tab stored since.
 */
function send(
  tag: AnalyticsTag,
  call: Call,
  confirm: TagCallback | undefined,
  page: Page | undefined,
  pages: PageRedactor,
): unknown {
  const payload = call.payload!
  const { at } = call
  let properties = payload.properties
  let shown = page
  if (page && call.type === 'page') {
    properties = pages.fields({ ...page, ...properties })
    const { url, path, search, referrer, title } = properties as Partial<Page>
    shown = { ...page, url, path, search, referrer, title } as Page
  }
  // The page is a copy: the one redacted last is handed to every call made on it, and a plugin may
  // write to its own. Built in one literal, which costs half of adding the field afterwards.
  const context: Record<string, unknown> = shown ? { ...payload.context, page: { ...shown } } : { ...payload.context }
  if (call.userId !== undefined && canPin(tag)) context[PIN_KEY] = call.userId
  const options = at ? { context, timestamp: at.timestamp } : { context }
  if (call.type === 'track') return tag.track(payload.event, properties, options, confirm)
  return tag.page(null, payload.event || null, properties, options, confirm)
}
