import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AnalyticsBrowser } from '@segment/analytics-next'

/** One message as the collector received it over HTTP. */
export interface Received {
  readonly path: string
  readonly body: Record<string, unknown>
}

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'content-type, authorization, x-retry-count',
  'access-control-allow-methods': 'POST, OPTIONS',
}

/**
 * A small event collector on 127.0.0.1 for tests with the real tag: records every POST, answers
 * preflights; `hang` makes it take requests and never answer; `stop`/`start` take it down and up
 * on the same port.
 */
export async function startCollector(options: { hang?: boolean; port?: number } = {}) {
  const received: Received[] = []
  const hanging = new Set<ServerResponse>()
  let server: Server | undefined
  let port = options.port ?? 0

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end()
      return
    }
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      text += chunk
    })
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(text) as Record<string, unknown> })
      if (options.hang) hanging.add(res)
      else res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{}')
    })
  }

  const start = async (): Promise<void> => {
    server = createServer(handle)
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  }
  const stop = async (): Promise<void> => {
    for (const res of hanging) res.destroy()
    hanging.clear()
    server?.closeAllConnections()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    server = undefined
  }
  await start()

  return {
    received,
    get port() {
      return port
    },
    /** The track messages received, in order. */
    tracks: () => received.filter((message) => message.path === '/v1/t').map((message) => message.body),
    start,
    stop,
  }
}

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
