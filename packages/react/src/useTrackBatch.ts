'use client'
import { type Delivery, type DeliveryStatus, type IntileryError, IntileryValidationError } from '@intilery/core'
import type { UseMutationResult } from '@tanstack/react-query'
import type { IntileryContextValue } from './context'
import { sendEvent } from './hooks'
import type { RegisteredEvents } from './Register'
import type { TrackVariables } from './useTrack'
import { type EventMutationOptions, useEventMutation } from './useEventMutation'

/** How many failures a {@link BatchResult} keeps, with their index and error; the rest are counted. */
export const BATCH_FAILURES_KEPT = 10

/**
 * How a batch went, in a bounded summary whatever its size: how many events ended in each status,
 * how many failed, and the first few failures by their index in the batch.
 *
 * @example
 * ```ts
 * const { total, counts, failures } = await batch.mutateAsync(invites)
 * if (counts.failed > 0) console.warn(`${counts.failed} of ${total} invites were not tracked`, failures[0]?.error.message)
 * ```
 */
export interface BatchResult {
  /** How many events the batch held. */
  readonly total: number
  /** How many settled with each delivery status, and how many failed (invalid, dropped, no tag, the tag threw). */
  readonly counts: Readonly<Record<DeliveryStatus | 'failed', number>>
  /** The first failures, at most {@link BATCH_FAILURES_KEPT}, in the order they failed: `index` is the event's place in the batch. */
  readonly failures: readonly { readonly index: number; readonly error: IntileryError }[]
}

/**
 * One mutation for many events at once — a bulk invite, an import. Each event is validated and
 * handed to the tag in order, as `useTrack` would, but the batch is one react-query mutation instead
 * of one per event: ten thousand events cost what the core costs, not ten thousand mutations. It
 * resolves when every event has settled, with a bounded {@link BatchResult}; an invalid event or a
 * failed handoff fails that event alone.
 *
 * @example
 * ```tsx
 * const batch = useTrackBatch()
 * batch.mutate(invitees.map((invitee) => ({
 *   event: 'Invite Sent',
 *   properties: { invitee_email: invitee.email, invitee_role: invitee.role },
 * })))
 * ```
 */
export function useTrackBatch<TOnMutateResult = unknown>(
  options?: EventMutationOptions<BatchResult, readonly TrackVariables<RegisteredEvents>[], TOnMutateResult>,
): UseMutationResult<BatchResult, IntileryError, readonly TrackVariables<RegisteredEvents>[], TOnMutateResult> {
  return useEventMutation('useTrackBatch', 'batch', sendBatch, options)
}

/** Sends every event of a batch in order, and sums up how they went. */
export function sendBatch(context: IntileryContextValue, batch: unknown): Promise<BatchResult> {
  if (!Array.isArray(batch)) {
    return Promise.reject(
      new IntileryValidationError('useTrackBatch', [{ path: 'variables', message: 'expected an array of events' }]),
    )
  }
  const counts = { acknowledged: 0, timeout: 0, queued: 0, discarded: 0, failed: 0 }
  const failures: { index: number; error: IntileryError }[] = []
  const total = batch.length
  if (total === 0) return Promise.resolve({ total, counts, failures })
  return new Promise((resolve) => {
    let settled = 0
    const done = (): void => {
      settled += 1
      if (settled === total) resolve({ total, counts, failures })
    }
    batch.forEach((variables: unknown, index) => {
      sendEvent(context, (given) => given?.event, variables, true).then(
        (delivery: Delivery) => {
          counts[delivery.status] += 1
          done()
        },
        (error: IntileryError) => {
          counts.failed += 1
          if (failures.length < BATCH_FAILURES_KEPT) failures.push({ index, error })
          done()
        },
      )
    })
  })
}
