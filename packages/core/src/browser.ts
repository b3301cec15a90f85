import type { AnalyticsTag } from './tag'

/**
 * The only module that touches browser globals. Reads `window.analytics` at call time, so nothing
 * is read during a server render and a snippet that later replaces its stub is followed.
 */
export function windowAnalytics(): AnalyticsTag | undefined {
  if (typeof window === 'undefined') return undefined
  return (window as { analytics?: AnalyticsTag }).analytics
}

/** True when the code runs in a browser-like environment (not during a server render). */
export function hasWindow(): boolean {
  return typeof window !== 'undefined'
}

/**
 * Calls `run` on `beforeunload` until the returned function is called; undefined where there is no
 * window to listen to (a server, a worker). See engine/exit.ts for why this event.
 */
export function onBeforeUnload(run: () => void): (() => void) | undefined {
  if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return undefined
  window.addEventListener('beforeunload', run)
  return () => window.removeEventListener('beforeunload', run)
}
