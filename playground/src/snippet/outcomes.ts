/**
 * What the page reports of each mutation it started, read by the browser tests: when it started and
 * settled (`performance.now()`, the clock the tests' tag probe uses), and what the library said.
 */
export interface Outcome {
  readonly id: number
  readonly hook: string
  /** The `probe` property of each event the mutation sent: how the tests find it on the wire. */
  readonly probes: readonly string[]
  readonly startedAt: number
  settledAt?: number
  /** The status the library reported (`data.status`; for a logout, Signed Out's). */
  status?: string
  /** The error the mutation rejected with. */
  error?: { readonly name: string; readonly message: string }
  /** A batch's result, as counts per status (see `summarizeBatch`). */
  batch?: BatchSummary
}

/** A batch's result as the tests compare it: how many events ended in each status, and each event's where known. */
export interface BatchSummary {
  readonly counts: Readonly<Record<string, number>>
  /** Each event's status by its probe, when the result lists the events. */
  readonly statuses?: Readonly<Record<string, string>>
}

const outcomes: Outcome[] = []

export const allOutcomes = (): readonly Outcome[] => outcomes

/** Records a mutation: `run` starts it; `read` takes what it resolved with. */
export function record<T>(
  hook: string,
  probes: readonly string[],
  run: () => Promise<T>,
  read: (value: T, outcome: Outcome) => void,
): void {
  const outcome: Outcome = { id: outcomes.length, hook, probes, startedAt: performance.now() }
  outcomes.push(outcome)
  const failed = (error: unknown): void => {
    outcome.error =
      error instanceof Error
        ? { name: error.name, message: error.message }
        : { name: 'unknown', message: String(error) }
  }
  run().then(
    (value) => {
      outcome.settledAt = performance.now()
      try {
        read(value, outcome)
      } catch (error) {
        failed(error)
      }
    },
    (error: unknown) => {
      outcome.settledAt = performance.now()
      failed(error)
    },
  )
}

const isCounts = (value: unknown): value is Record<string, number> =>
  typeof value === 'object' &&
  value !== null &&
  Object.values(value).every((count) => typeof count === 'number' && Number.isInteger(count))

/**
 * A `useTrackBatch` result as counts per status. Two shapes are read: the result of today, which
 * lists each delivered event (`delivered`, with its status and payload) and each failure; and a
 * bounded summary with a `counts` record of numbers per status. Any other shape throws, so a change
 * of the result's shape fails the tests that read it instead of passing unread.
 */
export function summarizeBatch(result: unknown): BatchSummary {
  const value = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>
  if (isCounts(value.counts)) return { counts: value.counts }
  if (Array.isArray(value.delivered) && Array.isArray(value.failed)) {
    const counts: Record<string, number> = {}
    const statuses: Record<string, string> = {}
    for (const delivery of value.delivered as { status: string; payload: { properties: { probe?: unknown } } }[]) {
      counts[delivery.status] = (counts[delivery.status] ?? 0) + 1
      statuses[String(delivery.payload.properties.probe)] = delivery.status
    }
    if (value.failed.length > 0) counts.failed = value.failed.length
    return { counts, statuses }
  }
  throw new Error(`[snippet page] a batch result of an unknown shape: ${Object.keys(value).join(', ')}`)
}
