import { windowAnalytics } from './browser'
import type { Call } from './call'
import { IntileryTagError } from './errors'
import { type AnalyticsTag, isSnippetStub, isTag } from './tag'
import type { Front } from './call'
import type { Settings } from './settings'

/**
 * Where a tracker's calls wait, in order, until the delivery code has loaded and takes them. Each
 * event's promise still settles when its `readyTimeout` passes (`'queued'`; in `'throw'` mode only
 * once the delivery code has checked it). If that code cannot be loaded, the buffer hands its calls
 * to the tag itself (the degraded path): in order, what consent allows, a reset at once; no check,
 * no wait for the tag to say it has loaded, and an event settles `'acknowledged'` once handed.
 */
export class CallBuffer {
  readonly #front: Front
  readonly #validation: () => Settings['validation']
  #calls: Call[] = []
  #direct = false
  #timer: unknown

  constructor(front: Front, validation: () => Settings['validation']) {
    this.#front = front
    this.#validation = validation
  }

  push(call: Call): void {
    if (this.#direct && call.discard) return call.settle?.('discarded')
    this.#calls.push(call)
    this.flush()
  }

  /** The delivery code cannot be loaded: hand calls to the tag directly from now on. */
  degrade(): void {
    this.#direct = true
    this.flush()
  }

  /** What waits, in order, for the delivery code; the buffer's timer stops. */
  take(): Call[] {
    this.dispose()
    return this.#calls.splice(0)
  }

  dispose(): void {
    this.#front.clock.clearTimeout(this.#timer)
    this.#timer = undefined
  }

  /** Settles what has waited out its `readyTimeout`; on the degraded path, hands what consent allows. */
  flush(): void {
    const { clock, consent } = this.#front
    const now = clock.now()
    const checked = this.#direct || this.#validation() !== 'throw'
    let next = Infinity
    for (const call of this.#calls) {
      if (!call.settle || call.done || !checked) continue
      if (call.readyAt! <= now) call.settle('queued')
      else next = Math.min(next, call.readyAt!)
    }
    clock.clearTimeout(this.#timer)
    this.#timer = next < Infinity ? clock.setTimeout(() => this.flush(), next - now) : undefined
    const tag = this.#direct ? this.#tag() : undefined
    if (consent === 'granted') {
      if (tag) for (const call of this.#calls.splice(0)) hand(tag, call)
      return
    }
    // What consent holds waits (pending) or goes nowhere (denied); a reset goes to the tag at once,
    // ahead of it (the identity must not stay stored), and keeps its place while pending.
    if (tag) for (const call of this.#calls) if (call.type === 'reset' && !call.handed) hand(tag, call)
    if (consent === 'denied') {
      for (const call of this.#calls) call.settle?.('discarded')
      this.#calls = this.#calls.filter((call) => call.type === 'reset' && !call.handed)
    }
  }

  /** The tag the degraded path hands calls to: a snippet's stub captured earlier is followed to the real one. */
  #tag(): AnalyticsTag | undefined {
    const given = this.#front.getTag()
    const live = windowAnalytics()
    return isSnippetStub(given) && isTag(live) && !isSnippetStub(live) ? live : given
  }
}

/** The degraded path's handoff: the call goes to the tag as it is; an event settles once handed. */
function hand(tag: AnalyticsTag, call: Call): void {
  call.handed = true
  try {
    const { payload } = call
    if (!payload) {
      if (call.type === 'identify') tag.identify(call.target, call.traits)
      else if (call.type === 'group') tag.group(call.target, call.traits)
      else tag.reset()
      return
    }
    const options = { context: { ...payload.context } }
    if (call.type === 'track') tag.track(payload.event, payload.properties, options)
    else tag.page(null, payload.event || null, payload.properties, options)
    call.settle?.('acknowledged')
  } catch (error) {
    call.settle?.(new IntileryTagError(call.payload?.event || call.type, 'threw', error))
  }
}

/** The tag as a tracker is given it: an instance, a function's answer, or `window.analytics`; undefined if none is one. */
export function tagOf(source: unknown): AnalyticsTag | undefined {
  try {
    const found =
      source === undefined ? windowAnalytics() : typeof source === 'function' ? (source as () => unknown)() : source
    return isTag(found) ? found : undefined
  } catch {
    return undefined // A tag source that throws is no tag.
  }
}
