/**
 * Runs callbacks at their own deadlines, each measured from the moment it was scheduled. One
 * instance per tracker (no state shared between trackers) and one timer per instance at a time: a
 * burst of ten thousand events costs one `setTimeout`, not ten thousand, and every event still gets
 * its whole timeout from its own handoff.
 */
export interface Deadlines {
  /**
   * Runs `callback` once, `ms` from now (`Infinity`: never). To cancel it, clear the `run` of what
   * this returns: what it held (an event in flight, its promise) can then be collected at once.
   */
  after(ms: number, callback: () => void): { run: (() => void) | undefined }
}

/** The longest delay `setTimeout` takes as given (about 24.8 days); longer ones are re-armed. */
const MAX_DELAY = 2 ** 31 - 1

interface Due {
  readonly at: number
  run: (() => void) | undefined
}

/** The deadlines of one delay: scheduled in time order, so they fall due in that order. */
interface Lane {
  due: (Due | undefined)[]
  head: number
}

export function createDeadlines(): Deadlines {
  // Deadlines of the same delay (every delivery's, every readyTimeout's) fall due in the order they
  // were set: a lane per delay is a first-in, first-out line, with no sorting and no copying.
  const lanes = new Map<number, Lane>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let armedAt = Infinity

  const fire = (): void => {
    timer = undefined
    armedAt = Infinity
    const now = Date.now()
    let next = Infinity
    for (const [ms, lane] of lanes) {
      while (lane.head < lane.due.length && lane.due[lane.head]!.at <= now) {
        const { run } = lane.due[lane.head]!
        lane.due[lane.head++] = undefined
        try {
          run?.()
        } catch {
          // One callback that throws must not keep the others from running.
        }
      }
      if (lane.head === lane.due.length) lanes.delete(ms)
      else {
        if (lane.head > 1024 && lane.head * 2 > lane.due.length) {
          lane.due = lane.due.slice(lane.head)
          lane.head = 0
        }
        next = Math.min(next, lane.due[lane.head]!.at)
      }
    }
    arm(next)
  }

  const arm = (at: number): void => {
    if (at >= armedAt) return
    if (timer !== undefined) clearTimeout(timer)
    armedAt = at
    timer = setTimeout(fire, Math.min(Math.max(0, at - Date.now()), MAX_DELAY))
  }

  return {
    after(ms, run) {
      const due: Due = { at: Date.now() + ms, run }
      if (!(ms < Infinity)) return due
      let lane = lanes.get(ms)
      if (lane === undefined) lanes.set(ms, (lane = { due: [], head: 0 }))
      lane.due.push(due)
      arm(due.at)
      return due
    },
  }
}
