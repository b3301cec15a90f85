import type { Clock } from '../types'

/** A {@link Clock} whose time moves only when a test says so. */
export interface ManualClock extends Clock {
  /** Moves time on by `ms`, running each timer that falls due on the way, in the order they fall due. */
  advance(ms: number): void
  /** How many timers are set and have neither run nor been cleared. */
  readonly pending: number
}

interface Timer {
  readonly at: number
  readonly order: number
  readonly run: () => void
}

/** The platform's own, taken before any test could fake it: what is due now runs in a task of its own. */
const task = globalThis.setImmediate

/**
 * A clock for tests that drive a tracker's deadlines (readyTimeout, deliveryTimeout, logoutTimeout)
 * without faking the platform's timers: React, react-query, Testing Library's `waitFor` and the
 * code that loads lazily keep the real ones, and only the tracker's time is the test's. Time moves
 * only when the test calls `advance`; a timer that is already due (set for 0 ms, or for a time
 * that has passed) runs in the next task, as the platform's would, without moving it.
 * `start` is the time it shows first, in ms since the epoch.
 */
export function manualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let now = start
  let made = 0
  const timers = new Map<number, Timer>()
  const nextDue = (end: number): [number, Timer] | undefined => {
    let next: [number, Timer] | undefined
    for (const entry of timers) {
      const [, timer] = entry
      if (timer.at > end) continue
      if (!next || timer.at < next[1].at || (timer.at === next[1].at && timer.order < next[1].order)) next = entry
    }
    return next
  }
  const clock: ManualClock = {
    now: () => now,
    setTimeout(run, ms) {
      made += 1
      timers.set(made, { at: now + Math.max(0, ms), order: made, run })
      if (!(ms > 0)) task(() => clock.advance(0))
      return made
    },
    clearTimeout(timer) {
      timers.delete(timer as number)
    },
    advance(ms) {
      const end = now + ms
      for (let due = nextDue(end); due; due = nextDue(end)) {
        timers.delete(due[0])
        now = due[1].at
        due[1].run()
      }
      now = end
    },
    get pending() {
      return timers.size
    },
  }
  return clock
}
