import { AnalyticsBrowser } from '@segment/analytics-next'

// The Intilery tag, loaded from npm, in the browser only. A site that pastes the Intilery snippet
// instead can delete this module and the `tag` prop: the provider reads `window.analytics` by default.
// The collector comes from the build's environment, e.g. NEXT_PUBLIC_INTILERY_API_URL=https://collector.example.com/v1
// (by default, the local collector that `pnpm dev` starts in the intilery-react repository).
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
