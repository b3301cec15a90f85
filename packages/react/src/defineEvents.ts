'use client'
import { b2bSaasEvents, type B2bSaasEvents, type Delivery, type EventCatalog, type IntileryError } from '@intilery/core'
import type { UseMutationResult } from '@tanstack/react-query'
import { type EventVariables, sendEvent } from './hooks'
import type { TrackVariables } from './useTrack'
import { type BatchResult, sendBatch } from './useTrackBatch'
import { type EventMutationOptions, useEventMutation } from './useEventMutation'

/**
 * The spec's catalogue with an app's own events added (an app's event of the same name wins).
 *
 * @example
 * ```ts
 * type Plan = WithEvents<{ 'Report Exported': typeof reportExported }>
 * ```
 */
export type WithEvents<T extends EventCatalog> = Omit<B2bSaasEvents, keyof T> & T

/**
 * What {@link defineEvents} gives: the merged catalogue and hooks typed and validated by it.
 *
 * @example
 * ```ts
 * const plan: EventKit<WithEvents<{ 'Report Exported': typeof schema }>> = defineEvents({ 'Report Exported': schema })
 * ```
 */
export interface EventKit<C extends EventCatalog> {
  /** The merged catalogue: the spec's ten events and the app's own. */
  readonly events: C
  /** Like {@link useTrack}, for every event of the catalogue. */
  useTrack<TOnMutateResult = unknown>(
    options?: EventMutationOptions<Delivery, TrackVariables<C>, TOnMutateResult>,
  ): UseMutationResult<Delivery, IntileryError, TrackVariables<C>, TOnMutateResult>
  /** Like {@link useTrackBatch}, for every event of the catalogue. */
  useTrackBatch<TOnMutateResult = unknown>(
    options?: EventMutationOptions<BatchResult, readonly TrackVariables<C>[], TOnMutateResult>,
  ): UseMutationResult<BatchResult, IntileryError, readonly TrackVariables<C>[], TOnMutateResult>
  /** A hook for one event of the catalogue, like the spec's own hooks. */
  useTrackEvent<E extends keyof C & string, TOnMutateResult = unknown>(
    event: E,
    options?: EventMutationOptions<Delivery, EventVariables<E, {}, C>, TOnMutateResult>,
  ): UseMutationResult<Delivery, IntileryError, EventVariables<E, {}, C>, TOnMutateResult>
}

/**
 * Extends the typed catalogue with an app's own tracking plan: each event's zod schema (zod or
 * zod/mini). The hooks it returns are typed from the schemas, validated by them, and delivered with
 * the same guarantees as the spec's events: typed like a code generator would, without one. To have
 * the global `useTrack` and `useTrackBatch` know them too, register the catalogue (see
 * {@link Register}) and pass it to the provider as `events`.
 *
 * @example
 * ```tsx
 * import * as z from 'zod/mini'
 * import { defineEvents } from '@intilery/react'
 *
 * export const plan = defineEvents({
 *   'Report Exported': z.object({ format: z.enum(['csv', 'pdf']), rows: z.optional(z.number()) }),
 * })
 *
 * function ExportButton() {
 *   const track = plan.useTrack()
 *   return <button onClick={() => track.mutate({ event: 'Report Exported', properties: { format: 'csv' } })}>Export</button>
 * }
 * ```
 */
export function defineEvents<const T extends EventCatalog>(custom: T): EventKit<WithEvents<T>> {
  const events = { ...b2bSaasEvents, ...custom } as WithEvents<T>
  return {
    events,
    useTrack(options) {
      return useEventMutation(
        'useTrack',
        (context, variables) => sendEvent(context, variables?.event, variables, events),
        options,
      )
    },
    useTrackBatch(options) {
      return useEventMutation('useTrackBatch', (context, batch) => sendBatch(context, batch, events), options)
    },
    useTrackEvent(event, options) {
      return useEventMutation(
        'useTrackEvent',
        (context, variables) => sendEvent(context, event, variables, events),
        options,
      )
    },
  }
}
