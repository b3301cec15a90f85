'use client'
import type { Delivery, IntileryError } from '@intilery/core'
import type { UseMutationResult } from '@tanstack/react-query'
import { useCallback, useEffect } from 'react'
import { type IntileryContextValue, useIntileryContext } from './context'
import { type EventArgs, sendEvent } from './hooks'
import type { RegisteredEvents } from './Register'
import { type EventMutationOptions, useEventMutation } from './useEventMutation'

/**
 * A hook for one event of the catalogue — an app's own, once registered (see {@link Register}), or
 * one of the spec's — like the spec's `useTrackSignIn`. Outside production, an event the provider's
 * catalogue does not hold is a clear console error when the component mounts, not at the first send.
 *
 * @example
 * ```tsx
 * const exported = useTrackEvent('Report Exported')
 * exported.mutate({ properties: { format: 'csv' } })
 * ```
 */
export function useTrackEvent<E extends Extract<keyof RegisteredEvents, string>, TOnMutateResult = unknown>(
  event: E,
  options?: EventMutationOptions<Delivery, EventArgs<E, {}, RegisteredEvents>, TOnMutateResult>,
): UseMutationResult<Delivery, IntileryError, EventArgs<E, {}, RegisteredEvents>, TOnMutateResult> {
  const { tracker } = useIntileryContext('useTrackEvent')
  useEffect(() => {
    if (isDevelopment() && !tracker.knows(event)) {
      console.error(
        `[intilery] useTrackEvent("${event}"): the provider's catalogue has no such event. ` +
          'Give the provider the catalogue you registered: <IntileryProvider events={plan}> (or createTracker({ events: plan })).',
      )
    }
  }, [tracker, event])
  const send = useCallback(
    (context: IntileryContextValue, variables: EventArgs<E, {}, RegisteredEvents>) =>
      sendEvent(context, event, variables),
    [event],
  )
  return useEventMutation('useTrackEvent', event, send, options)
}

function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production'
  } catch {
    return true
  }
}
