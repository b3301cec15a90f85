import type { AnalyticsTag } from '@intilery/react'
import { AnalyticsBrowser } from '@segment/analytics-next'

/**
 * What the playground does with the tag:
 * - `normal`: the real tag posts every event to the collector;
 * - `blocked`: as with an ad blocker, the tag's code never loads;
 * - `down`: the tag loads, but the collector refuses connections.
 */
export type TagMode = 'normal' | 'blocked' | 'down'

/**
 * The real `@segment/analytics-next` tag, loaded with inline settings so that it fetches nothing from
 * any CDN and sends only to the collector (`/v1/t`, `/v1/i`, `/v1/g`).
 */
export function loadTag(collectorUrl: string): AnalyticsTag {
  const { host, protocol } = new URL(collectorUrl)
  const tag = AnalyticsBrowser.load(
    {
      writeKey: 'playground',
      cdnSettings: { integrations: { 'Segment.io': { apiKey: 'playground' } }, metrics: { sampleRate: 0 } },
    },
    { integrations: { 'Segment.io': { apiHost: `${host}/v1`, protocol: protocol === 'https:' ? 'https' : 'http' } } },
  )
  return tag
}

/**
 * What an ad blocker leaves an app: the tag object the app holds exists, but its code is never
 * loaded, so it never becomes ready and sends nothing. (`load()` is simply never called.)
 */
export function blockedTag(): AnalyticsTag {
  return new AnalyticsBrowser()
}
