'use client'
import type { Delivery, EventCatalog, IntileryError } from '@intilery/core'
import type { UseMutationResult } from '@tanstack/react-query'
import { type EventVariables, sendEvent } from './hooks'
import type { RegisteredEvents } from './Register'
import { type EventMutationOptions, useEventMutation } from './useEventMutation'

/**
 * What `useTrack()`'s `mutate` takes: the event's name, and its properties typed for that name.
 *
 * @example
 * ```ts
 * const variables: TrackVariables = { event: 'Signed In', properties: { username: 'pgibbons' } }
 * ```
 */
export type TrackVariables<C extends EventCatalog = RegisteredEvents> = {
  [E in keyof C & string]: { event: E } & EventVariables<E, {}, C>
}[keyof C & string]

/**
 * One typed mutation for any of the ten events (and an app's own, once registered: see
 * {@link Register}). A property the event does not have, a wrong type or an unknown event name does
 * not compile.
 *
 * @example
 * ```tsx
 * const track = useTrack()
 * track.mutate({ event: 'Signed In', properties: { username: 'pgibbons' } })
 * ```
 */
export function useTrack<TOnMutateResult = unknown>(
  options?: EventMutationOptions<Delivery, TrackVariables, TOnMutateResult>,
): UseMutationResult<Delivery, IntileryError, TrackVariables, TOnMutateResult> {
  return useEventMutation('useTrack', (context, variables) => sendEvent(context, variables?.event, variables), options)
}
