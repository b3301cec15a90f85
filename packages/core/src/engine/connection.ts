import { windowAnalytics } from '../browser'
import type { Host } from '../call'
import { type AnalyticsTag, isSnippetStub, isTag, isThenable } from '../tag'
import { canPin } from './pin'

/** How the engine reaches the tag: the real, loaded instance, found and followed. */
export interface Connection {
  /** The real tag once it has said it has loaded; otherwise undefined, and it is looked for. */
  ready(): AnalyticsTag | undefined
  /** The real tag if it is on the page, whether or not it has said it has loaded (a stub is not). */
  live(): AnalyticsTag | undefined
  /** Stops looking, and takes back what it asked of a snippet's stub (so the stub does not grow). */
  dispose(): void
}

/** How often a tag that is not there yet is looked for, and for how long. */
const LOOK_EVERY_MS = 100
const LOOK_FOR_MS = 30_000
/** How long before a tag (not a stub) that has not answered `ready` is asked again. */
const ASK_AGAIN_MS = 200

/**
 * Finds the tag and says when it has loaded (`onReady`). A snippet's stub, given as the tag or still
 * on `window.analytics`, is never the answer: the stub is asked once to say when its script has
 * loaded, and `window.analytics` is watched until the real instance replaces it. A tag that is not
 * there is looked for every 100 ms, for 30 s, while something waits (`waiting`); after that, at the
 * next call. A tag that has not answered is asked again every 200 ms meanwhile: analytics-next
 * drops a `ready` call made in the instant between replaying its buffer and becoming its instance.
 * A stub is never asked twice: each ask would stay on it.
 */
export class TagConnection implements Connection {
  readonly #host: Host
  readonly #waiting: () => boolean
  readonly #onReady: () => void
  /** Per tag (or stub): true once it has said it loaded, else when it was asked. */
  readonly #loaded = new WeakMap<object, true | number>()
  /** The stubs asked, with what was pushed onto them, to take back on dispose. */
  readonly #asked: [unknown[], unknown][] = []
  #timer: unknown
  #lookedSince: number | undefined

  constructor(host: Host, waiting: () => boolean, onReady: () => void) {
    this.#host = host
    this.#waiting = waiting
    this.#onReady = onReady
  }

  ready(): AnalyticsTag | undefined {
    const tag = this.#find()
    if (tag === undefined && this.#timer === undefined && this.#waiting()) {
      const { clock } = this.#host
      if (this.#lookedSince !== undefined && clock.now() - this.#lookedSince >= LOOK_FOR_MS)
        this.#lookedSince = undefined
      this.#timer = clock.setTimeout(this.#look, LOOK_EVERY_MS)
    }
    return tag
  }

  dispose(): void {
    if (this.#timer !== undefined) this.#host.clock.clearTimeout(this.#timer)
    this.#timer = undefined
    this.#lookedSince = undefined
    for (const [stub, entry] of this.#asked.splice(0)) {
      const at = stub.indexOf(entry)
      if (at !== -1) stub.splice(at, 1)
      this.#loaded.delete(stub)
    }
  }

  #ask(tag: AnalyticsTag, stub: boolean): void {
    const last = this.#loaded.get(tag)
    if (last === true || (last !== undefined && (stub || this.#host.clock.now() - last < ASK_AGAIN_MS))) return
    this.#loaded.set(tag, this.#host.clock.now())
    const answered = (): void => {
      if (!stub) {
        this.#loaded.set(tag, true)
        // Its middleware is added as soon as it has loaded, so that the first events find it in place.
        canPin(tag)
      }
      this.#onReady()
    }
    try {
      const length = stub ? (tag as unknown as unknown[]).length : 0
      const result = tag.ready(answered)
      if (stub) this.#asked.push([tag as unknown as unknown[], (tag as unknown as unknown[])[length]])
      // A load that fails leaves the tag not ready: what waits stays, bounded.
      if (isThenable(result)) result.then(answered, () => undefined)
    } catch {
      // A tag that cannot say when it is ready is taken as ready.
      if (!stub) this.#loaded.set(tag, true)
    }
  }

  live(): AnalyticsTag | undefined {
    const tag = this.#host.getTag()
    if (tag === undefined || !isSnippetStub(tag)) return tag
    const live = windowAnalytics()
    return isTag(live) && !isSnippetStub(live) ? live : undefined
  }

  #find(): AnalyticsTag | undefined {
    const tag = this.live()
    if (tag === undefined) {
      // A stub, given or on `window.analytics`: asked to say when its script has loaded.
      const given = this.#host.getTag()
      if (given !== undefined) {
        const live = windowAnalytics()
        this.#ask(isTag(live) ? live : given, true)
      }
      return undefined
    }
    this.#ask(tag, false)
    return this.#loaded.get(tag) === true ? tag : undefined
  }

  readonly #look = (): void => {
    this.#timer = undefined
    const now = this.#host.clock.now()
    this.#lookedSince ??= now
    if (!this.#waiting()) this.#lookedSince = undefined
    else if (this.#find() !== undefined) {
      this.#lookedSince = undefined
      this.#onReady()
    } else if (now - this.#lookedSince < LOOK_FOR_MS)
      this.#timer = this.#host.clock.setTimeout(this.#look, LOOK_EVERY_MS)
  }
}
