'use client'
import { useEffect, useRef } from 'react'
import { useIntileryContext } from './context'

/**
 * Sends one page view per navigation: when the component mounts, and again whenever `name` or
 * `properties` change by value — so pass what identifies the page (its path, say). It goes through
 * the tracker's ordered queue like every event: consent-gated, after the identity in force, and
 * before a logout's reset when it was sent before the logout. Exactly once per navigation under
 * StrictMode; never on the server. The tag adds the URL, path, referrer and title itself; one that
 * waits (for the tag to load, or for consent) keeps those of the moment it was made.
 *
 * @example
 * ```tsx
 * // react-router
 * function PageViews() {
 *   const { pathname, search } = useLocation()
 *   usePageView(undefined, { path: pathname, search })
 *   return null
 * }
 * ```
 */
export function usePageView(name?: string, properties?: Readonly<Record<string, unknown>>): void {
  const { tracker, scope } = useIntileryContext('usePageView')
  const key = pageKey(name, properties)
  const sent = useRef<string | undefined>(undefined)
  useEffect(() => {
    // StrictMode runs a mount's effects twice on the same component: the second sees the first's key.
    if (sent.current === key) return
    sent.current = key
    tracker.page(name, properties, { account: scope }).catch(() => undefined)
  }, [tracker, scope, key, name, properties])
}

/**
 * The page by value. Properties JSON cannot hold (a BigInt, a cycle) are invalid, and reported when
 * sent: such a page is known by its name alone, so it is reported once, not on every render.
 */
function pageKey(name: string | undefined, properties: Readonly<Record<string, unknown>> | undefined): string {
  try {
    return JSON.stringify([name ?? null, properties ?? null])
  } catch {
    return `${name}`
  }
}
