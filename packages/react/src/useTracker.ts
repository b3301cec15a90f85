'use client'
import type { Tracker } from '@intilery/core'
import { useIntileryContext } from './context'
import type { RegisteredEvents } from './Register'

/**
 * The tracker the nearest `IntileryProvider` uses — the one it made from its props, or the one it
 * was given — for code that needs it directly: a router listener, a service, a store middleware can
 * then send through the same ordered queue, consent and logout as the hooks. To reach it outside
 * React altogether, create it yourself with `createTracker` and give it to the provider.
 *
 * @example
 * ```tsx
 * const tracker = useTracker()
 * useEffect(() => router.subscribe(() => void tracker.page()), [tracker])
 * ```
 */
export function useTracker(): Tracker<RegisteredEvents> {
  return useIntileryContext('useTracker').tracker as Tracker<RegisteredEvents>
}
