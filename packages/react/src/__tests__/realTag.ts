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

/** The fields the spec's examples show, taken from a body the collector received. */
export function specFields(body: Record<string, unknown>) {
  const { userId, type, event, properties } = body
  return { userId, type, event, properties, context: { groupId: (body.context as { groupId?: string }).groupId } }
}

/** Forgets what earlier tags stored in this page (user, anonymous id). */
export function clearBrowserState(): void {
  localStorage.clear()
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0]?.trim()
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`
  }
}

/**
 * Records the order in which the tag posts its track calls to the collector on `port`. Each call is
 * its own HTTP request, so the collector can receive two of them in the other order on a busy
 * machine; the order we hand events over in is the order the tag posts them in, and that is what
 * tests of order compare. Posts to other ports (a tag of an earlier test still retrying against its
 * own collector) are not this test's. Returns `inPostOrder`, which checks that the collector
 * received exactly what was posted and returns its bodies in post order, and `restore`, which puts
 * the original `fetch` back.
 */
export function recordPostOrder(port: number): {
  inPostOrder(received: Record<string, unknown>[]): Record<string, unknown>[]
  restore(): void
} {
  const original = globalThis.fetch
  const posted: string[] = []
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (
      init?.method?.toUpperCase() === 'POST' &&
      url.port === String(port) &&
      url.pathname.endsWith('/t') &&
      typeof init.body === 'string'
    ) {
      const id = (JSON.parse(init.body) as { messageId?: string }).messageId
      if (id !== undefined && !posted.includes(id)) posted.push(id)
    }
    return original(input, init)
  }
  return {
    inPostOrder(received) {
      const byId = new Map(received.map((body) => [body.messageId as string, body]))
      if (byId.size !== received.length || posted.length !== received.length || posted.some((id) => !byId.has(id)))
        throw new Error(`the collector received ${received.length} track calls; the tag posted ${posted.length}`)
      return posted.map((id) => byId.get(id)!)
    },
    restore() {
      globalThis.fetch = original
    },
  }
}
