import { onBeforeUnload } from '../browser'

/**
 * Tells the pipeline the page is about to go, while it holds something it could still hand over.
 *
 * `beforeunload` is the last moment a call reaches analytics-next in time: Chromium fires it inside
 * `location.assign()` and a link's click, before either returns, and on a form's submission a task
 * later; the tag keeps what it was handed then (and stores it, on `pagehide`, for the next page). A
 * call made on `pagehide` is neither sent nor stored, and `visibilitychange` fires on every switch
 * of tabs. The listener is there only while something waits (see {@link PageExit.watch}), so that
 * a page with nothing to hand over keeps no listener.
 */
export class PageExit {
  readonly #leave: () => void
  #stop: (() => void) | undefined

  constructor(leave: () => void) {
    this.#leave = leave
  }

  /** Listens while `on`. */
  watch(on: boolean): void {
    if (on && this.#stop === undefined) this.#stop = onBeforeUnload(this.#onExit)
    else if (!on && this.#stop !== undefined) {
      this.#stop()
      this.#stop = undefined
    }
  }

  readonly #onExit = (): void => this.#leave()
}
