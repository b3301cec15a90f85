import { AnalyticsBrowser } from '@segment/analytics-next'

// The collector these tests send to is the playground's: one module for the unit tests, the
// playground and the browser suite.
export { startCollector } from '../../../../playground/collector/collector'

/** The real analytics.js tag, fully offline, sending to a collector on 127.0.0.1. */
export function realTag(port: number, load = true): AnalyticsBrowser {
  const analytics = new AnalyticsBrowser()
  if (load) loadRealTag(analytics, port)
  return analytics
}

export function loadRealTag(analytics: AnalyticsBrowser, port: number): void {
  void analytics.load(
    {
      writeKey: 'test',
      cdnSettings: { integrations: { 'Segment.io': { apiKey: 'test' } }, metrics: { sampleRate: 0 } },
    },
    { integrations: { 'Segment.io': { apiHost: `127.0.0.1:${port}/v1`, protocol: 'http' } } },
  )
}

/** Forgets what earlier tags stored in this page (user, anonymous id). */
export function clearBrowserState(): void {
  localStorage.clear()
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0]?.trim()
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`
  }
}
