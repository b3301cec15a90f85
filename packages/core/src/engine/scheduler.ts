import type { Clock } from '../types'

/** A deadline: clear its `run` to cancel it (what it held can then be collected at once). */
export interface Due {
  readonly at: number
  run: (() => void) | undefined
}

/**
 * The engine's time, on the tracker's clock: deadlines and slices. Nothing else in the engine sets
 * a timer.
 */
export interface Scheduler {
  /** Runs `run` once, `ms` from now (`Infinity`: never). */
  after(ms: number, run: () => void): Due
  /**
   * True while this task may still hand a batch's calls to the tag; false once it has spent
   * {@link SLICE_MS} doing so, and the next task (in which `next` runs) takes the rest.
   */
  slice(): boolean
  /**
   * Runs `run` once the tag's own work for the calls handed so far is done: after
   * {@link TAG_HOPS} timer tasks, each set by the one before, as the tag sets its own.
   */
  afterTag(run: () => void): void
  /** Cancels every deadline and the next task's run; nothing runs after this. */
  dispose(): void
}

/**
 * How many timer tasks after a call analytics-next sends it (and reads the stored user for one that
 * has none): 2, in every one of 20 runs of each case measured in Chromium (idle and busy queue,
 * visible and background tab, npm build and snippet). One more is kept as a margin.
 */
export const TAG_HOPS = 3

/**
 * The most time spent handing a batch to the tag in one task, in ms. The real tag costs a few
 * milliseconds of main thread per call: a batch of 1,000 handed at once would freeze the page for
 * seconds. Past this, the rest goes in the next task, in order.
 */
export const SLICE_MS = 8

/** The longest delay `setTimeout` takes as given (about 24.8 days); longer ones are re-armed. */
const MAX_DELAY = 2 ** 31 - 1

/** The deadlines of one delay, in the order they were set, which is the order they fall due. */
interface Lane {
  due: (Due | undefined)[]
  head: number
}

/**
 * One instance per tracker, one timer at a time: a burst of ten thousand events costs one timer,
 * and every deadline still counts from the moment it was set. `next` runs in the task after a
 * slice ran out.
 */
export class TrackerScheduler implements Scheduler {
  readonly #clock: Clock
  readonly #next: () => void
  readonly #lanes = new Map<number, Lane>()
  #timer: unknown
  #armedAt = Infinity
  #sliceStart: number | undefined
  #live = true

  constructor(clock: Clock, next: () => void) {
    this.#clock = clock
    this.#next = next
  }

  after(ms: number, run: () => void): Due {
    this.#live = true
    const due: Due = { at: this.#clock.now() + ms, run }
    if (!(ms < Infinity)) return due
    let lane = this.#lanes.get(ms)
    if (lane === undefined) this.#lanes.set(ms, (lane = { due: [], head: 0 }))
    lane.due.push(due)
    this.#arm(due.at)
    return due
  }

  slice(): boolean {
    const now = this.#clock.now()
    if (this.#sliceStart === undefined) {
      this.#sliceStart = now
      this.#task(() => {
        this.#sliceStart = undefined
        if (this.#live) this.#next()
      })
    }
    return now - this.#sliceStart < SLICE_MS
  }

  afterTag(run: () => void): void {
    this.#live = true
    const hop = (left: number): void => {
      this.#clock.setTimeout(() => {
        if (!this.#live) return
        if (left > 1) hop(left - 1)
        else run()
      }, 0)
    }
    hop(TAG_HOPS)
  }

  /** Runs `run` in a task of its own: the clock's, or a message, which background tabs do not slow down. */
  #task(run: () => void): void {
    if (this.#clock.task) return this.#clock.task(run)
    if (typeof MessageChannel === 'undefined' || typeof window === 'undefined') {
      this.#clock.setTimeout(run, 0)
      return
    }
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      run()
    }
    channel.port2.postMessage(undefined)
  }

  dispose(): void {
    this.#live = false
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer)
    this.#timer = undefined
    this.#armedAt = Infinity
    for (const lane of this.#lanes.values()) for (const due of lane.due) if (due) due.run = undefined
    this.#lanes.clear()
  }

  /** Runs what has fallen due, lane by lane (each in the order set), then arms for the next. */
  readonly #fire = (): void => {
    this.#timer = undefined
    this.#armedAt = Infinity
    const now = this.#clock.now()
    let soonest = Infinity
    for (const [ms, lane] of this.#lanes) {
      while (lane.head < lane.due.length && lane.due[lane.head]!.at <= now) {
        const { run } = lane.due[lane.head]!
        lane.due[lane.head++] = undefined
        try {
          run?.()
        } catch {
          // One callback that throws must not keep the others from running.
        }
      }
      if (lane.head === lane.due.length) this.#lanes.delete(ms)
      else {
        if (lane.head > 1024 && lane.head * 2 > lane.due.length) {
          lane.due = lane.due.slice(lane.head)
          lane.head = 0
        }
        soonest = Math.min(soonest, lane.due[lane.head]!.at)
      }
    }
    this.#arm(soonest)
  }

  #arm(at: number): void {
    if (at >= this.#armedAt || !this.#live) return
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer)
    this.#armedAt = at
    this.#timer = this.#clock.setTimeout(this.#fire, Math.min(Math.max(0, at - this.#clock.now()), MAX_DELAY))
  }
}
