'use client'
import type { Delivery, EventCatalog, IntileryError } from '@intilery/core'
import type { UseMutationResult } from '@tanstack/react-query'
import type { IntileryContextValue } from './context'
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
 * One typed mutation for any event of the catalogue: the spec's ten, and an app's own once
 * registered (see {@link Register}). A property the event does not have, a wrong type or an unknown
 * event name does not compile. Each call's mutation is keyed `['intilery', <its event>]`.
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
  return useEventMutation('useTrack', eventOf, sendTrack, options)
}

/** Sends the event a call names. */
const sendTrack = (context: IntileryContextValue, variables: unknown): Promise<Delivery> =>
  sendEvent(context, (given) => given?.event, variables)

/** A call's event name, for its mutation key; anything else names the hook. */
export function eventOf(variables: unknown): string {
  const event = (variables as { event?: unknown } | null | undefined)?.event
  return typeof event === 'string' ? event : 'useTrack'
}
