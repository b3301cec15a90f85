'use client'
import { useEffect, useRef } from 'react'
import { declare, scopeOf, useIntileryContext } from './context'

/**
 * Sends one page view each time the screen that calls it is shown: when the component mounts, when
 * `name` or `properties` change by value (a navigation: pass what identifies the page, its path
 * say), and when a screen kept alive by React's `<Activity>` (or a router that keeps screens) is
 * shown again. StrictMode's simulated remount never doubles one; nothing is sent on the server. It
 * goes through the tracker's ordered queue like every event: consent-gated, after the identity in
 * force, and before a logout's reset when it was sent before the logout. The tag adds the URL,
 * path, referrer and title itself; one that waits (for the tag to load, or for consent) keeps those
 * of the moment it was made.
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
  const context = useIntileryContext('usePageView')
  const { tracker, declaration } = context
  const scope = scopeOf(declaration)
  const key = pageKey(name, properties)
  const shown = useRef<Shown | undefined>(undefined)
  useEffect(() => {
    // StrictMode runs a mount's effects, their cleanup and the effects again in one go: the second
    // run finds the first one's page still leaving, and sends nothing. A screen shown again later
    // (an <Activity> made visible, a remount) finds it gone, and sends.
    const last = shown.current
    if (!(last?.key === key && last.leaving)) {
      declare(context)
      tracker.page(name, properties, { account: scope }).catch(() => undefined)
    }
    const current: Shown = { key, leaving: false }
    shown.current = current
    return () => {
      current.leaving = true
      queueMicrotask(() => {
        current.leaving = false
      })
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new page is a new key; name and properties are its value
  }, [tracker, scope, key])
}

/** The page a component last sent, and whether its effect is being cleaned up right now. */
interface Shown {
  readonly key: string
  leaving: boolean
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
