'use client'
import type { Delivery, EventCatalog, IntileryError } from '@intilery/core'
import type { UseMutationResult } from '@tanstack/react-query'
import type { IntileryContextValue } from './context'
import { sendEvent } from './hooks'
import type { TrackVariables } from './useTrack'
import { type EventMutationOptions, useEventMutation } from './useEventMutation'

/**
 * How a batch went: the deliveries of the events that were sent, in batch order, and the events
 * that failed, each by its index in the batch and with its error.
 *
 * @example
 * ```ts
 * const { delivered, failed } = await batch.mutateAsync(invites)
 * if (failed.length > 0) console.warn(`${failed.length} invites were not tracked`)
 * ```
 */
export interface BatchResult {
  /** The events sent, in batch order (the failed ones left out). */
  readonly delivered: readonly Delivery[]
  /** The events that failed: `index` is the event's place in the batch. */
  readonly failed: readonly { readonly index: number; readonly error: IntileryError }[]
}

/**
 * One mutation for many events at once — a bulk invite, an import. Each event is validated and
 * handed to the tag in order, as `useTrack` would, but the batch is one react-query mutation instead
 * of one per event: ten thousand events cost what the core costs, not ten thousand mutations. It
 * resolves when every event has settled; an invalid event or a failed handoff fails that event
 * alone, listed in `failed`.
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
  options?: EventMutationOptions<BatchResult, readonly TrackVariables[], TOnMutateResult>,
): UseMutationResult<BatchResult, IntileryError, readonly TrackVariables[], TOnMutateResult> {
  return useEventMutation(
    'useTrackBatch',
    (context, batch: readonly TrackVariables[]) => sendBatch(context, batch),
    options,
  )
}

/** Sends every event of a batch in order, and gathers how each went. */
export async function sendBatch(
  context: IntileryContextValue,
  batch: readonly (
    { event: string; properties?: object; context?: { groupId?: string | undefined } } | null | undefined
  )[],
  events?: EventCatalog,
): Promise<BatchResult> {
  const outcomes = await Promise.allSettled(
    batch.map((variables) => sendEvent(context, variables?.event, variables, events)),
  )
  const delivered: Delivery[] = []
  const failed: { index: number; error: IntileryError }[] = []
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') delivered.push(outcome.value)
    else failed.push({ index, error: outcome.reason as IntileryError })
  })
  return { delivered, failed }
}
