'use client'
import type { Delivery, EventName, IntileryError } from '@intilery/core'
import type { UseMutationResult } from '@tanstack/react-query'
import type { EventVariables } from './hooks'
import { type EventMutationOptions, useEventMutation } from './useEventMutation'

/**
 * What `useTrack()`'s `mutate` takes: the event's name, and its properties typed for that name.
 *
 * @example
 * ```ts
 * const variables: TrackVariables = { event: 'Signed In', properties: { username: 'pgibbons' } }
 * ```
 */
export type TrackVariables = { [E in EventName]: { event: E } & EventVariables<E> }[EventName]

/**
 * One typed mutation for any of the ten events. A property the event does not have, a wrong type
 * or an unknown event name does not compile.
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
  return useEventMutation(
    'useTrack',
    ({ tracker, groupId }, variables: TrackVariables) =>
      tracker.track(variables.event, variables.properties as never, {
        groupId: variables.context?.groupId,
        account: groupId,
      }),
    options,
  )
}
