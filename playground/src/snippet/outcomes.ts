import type { BatchResult } from '@intilery/react'
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

/** A batch's result as the tests compare it: how many events ended in each status, and each event's. */
export interface BatchSummary {
  readonly counts: Readonly<Record<string, number>>
  /** Each event's status by its probe, from the tracker's records (`acknowledged`, `timeout`, `failed`). */
  readonly statuses: Readonly<Record<string, string>>
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

/** A `useTrackBatch` result as the tests compare it, with each event's status from the tracker's records. */
export function summarizeBatch(
  result: BatchResult,
  probes: readonly string[],
  states: ReadonlyMap<string, string>,
): BatchSummary {
  return {
    counts: result.counts,
    statuses: Object.fromEntries(probes.map((probe) => [probe, states.get(probe) ?? 'unknown'])),
  }
}
