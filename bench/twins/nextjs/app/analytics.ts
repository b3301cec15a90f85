import { AnalyticsBrowser } from '@segment/analytics-next'

// The Intilery tag, loaded from npm, in the browser only: the same module as examples/nextjs's.
const api = new URL(process.env.NEXT_PUBLIC_INTILERY_API_URL ?? 'http://127.0.0.1:8787/v1')
const writeKey = process.env.NEXT_PUBLIC_INTILERY_WRITE_KEY ?? 'example'

export const analytics =
  typeof window === 'undefined'
    ? undefined
    : AnalyticsBrowser.load(
        // Settings inline: the tag fetches nothing from a CDN.
        { writeKey, cdnSettings: { integrations: { 'Segment.io': { apiKey: writeKey } }, metrics: { sampleRate: 0 } } },
        {
          integrations: {
            'Segment.io': { apiHost: api.host + api.pathname, protocol: api.protocol === 'http:' ? 'http' : 'https' },
          },
        },
      )
