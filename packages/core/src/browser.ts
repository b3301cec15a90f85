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
