/**
 * Runs callbacks at their own deadlines, each measured from the moment it was scheduled. One
 * instance per tracker (no state shared between trackers) and one timer per instance at a time: a
 * burst of ten thousand events costs one `setTimeout`, not ten thousand, and every event still gets
 * its whole timeout from its own handoff.
 */
export interface Deadlines {
  /** Runs `callback` once, `ms` from now. `Infinity` never runs it. A callback cannot be cancelled: it checks for itself whether it still has work to do. */
  after(ms: number, callback: () => void): void
}

/** The longest delay `setTimeout` takes as given (about 24.8 days); longer ones are re-armed. */
const MAX_DELAY = 2 ** 31 - 1

export function createDeadlines(): Deadlines {
  /** Waiting callbacks, sorted by due time (mostly appended: deadlines of one timeout arrive in order). */
  const due: { at: number; run: () => void }[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let armedAt = Infinity

  const fire = (): void => {
    timer = undefined
    armedAt = Infinity
    const now = Date.now()
    let ready = 0
    while (ready < due.length && due[ready]!.at <= now) ready += 1
    for (const { run } of due.splice(0, ready)) {
      try {
        run()
      } catch {
        // One callback that throws must not keep the others from running.
      }
    }
    arm()
  }

  const arm = (): void => {
    const next = due[0]
    if (next === undefined || next.at >= armedAt) return
    if (timer !== undefined) clearTimeout(timer)
    armedAt = next.at
    timer = setTimeout(fire, Math.min(Math.max(0, next.at - Date.now()), MAX_DELAY))
  }

  return {
    after(ms, run) {
      if (!(ms < Infinity)) return
      const at = Date.now() + ms
      let index = due.length
      while (index > 0 && due[index - 1]!.at > at) index -= 1
      due.splice(index, 0, { at, run })
      arm()
    },
  }
}
