import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request the collector received, as the tag sent it. */
export interface ReceivedCall {
  /** 1, 2, 3… in arrival order, never reused. */
  readonly seq: number
  /** The endpoint, e.g. `/v1/t` (track), `/v1/i` (identify), `/v1/g` (group), `/v1/p` (page). */
  readonly path: string
  /** ISO time of arrival. */
  readonly receivedAt: string
  /** The JSON body, parsed (the tag posts it as `text/plain`). */
  readonly body: unknown
  /** The tag's `X-Retry-Count` header: how many times it tried before, when this is a retry. */
  readonly retry?: number
}

/** A running collector. `stop()` makes it refuse connections, as a collector that is down does. */
export interface Collector {
  readonly url: string
  readonly port: number
  readonly isUp: boolean
  readonly received: readonly ReceivedCall[]
  /** The bodies of the `track` calls received, oldest first. */
  tracks(): Record<string, unknown>[]
  start(): Promise<void>
  stop(): Promise<void>
}

/** How the collector behaves: `hang` takes each call and never answers, as a stalled endpoint does. */
export interface CollectorOptions {
  readonly hang?: boolean
}

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  // The tag sends an Authorization header (its write key) and X-Retry-Count on retries.
  'access-control-allow-headers': 'content-type, authorization, x-retry-count',
}
const maxBody = 1024 * 1024

/**
 * A stand-in for Intilery's event collector: a plain Node HTTP server on 127.0.0.1 that records every
 * POST under `/v1/`, answers CORS preflights, and serves what it received at `GET /events`
 * (`DELETE /events` forgets it). The playground, the browser suite and the unit tests with the real
 * tag all use this one. Port 0 picks a free port.
 */
export async function startCollector(port = 0, options: CollectorOptions = {}): Promise<Collector> {
  const received: ReceivedCall[] = []
  const hanging = new Set<ServerResponse>()
  let seq = 0
  const record = (path: string, body: unknown, retry: number | undefined): void => {
    seq += 1
    received.push({ seq, path, receivedAt: new Date().toISOString(), body, ...(retry ? { retry } : {}) })
  }
  const server = createServer((request, response) => {
    const hang = options.hang ? (held: ServerResponse) => void hanging.add(held) : undefined
    handle(request, response, received, record, hang).catch(() => reply(response, 500, { error: 'collector failed' }))
  })
  let boundPort = port
  let up = false

  const collector: Collector = {
    get url() {
      return `http://127.0.0.1:${boundPort}`
    },
    get port() {
      return boundPort
    },
    tracks: () => received.filter((call) => call.path === '/v1/t').map((call) => call.body as Record<string, unknown>),
    get isUp() {
      return up
    },
    received,
    start: () =>
      new Promise<void>((resolve, reject) => {
        if (up) return resolve()
        server.once('error', reject)
        server.listen(boundPort, '127.0.0.1', () => {
          server.off('error', reject)
          boundPort = (server.address() as AddressInfo).port
          up = true
          resolve()
        })
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (!up) return resolve()
        up = false
        for (const held of hanging) held.destroy()
        hanging.clear()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
  await collector.start()
  return collector
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  received: ReceivedCall[],
  record: (path: string, body: unknown, retry: number | undefined) => void,
  hang: ((response: ServerResponse) => void) | undefined,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://collector').pathname
  if (request.method === 'OPTIONS') return reply(response, 204)
  if (request.method === 'POST' && path.startsWith('/v1/')) {
    const text = await readBody(request)
    if (text === undefined) return reply(response, 413, { error: 'body too large' })
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return reply(response, 400, { error: 'body is not JSON' })
    }
    const retry = Number(request.headers['x-retry-count'])
    record(path, body, Number.isInteger(retry) ? retry : undefined)
    if (hang) return hang(response)
    return reply(response, 200, { success: true })
  }
  if (path === '/events' && request.method === 'GET') return reply(response, 200, received)
  if (path === '/events' && request.method === 'DELETE') {
    received.length = 0
    return reply(response, 204)
  }
  reply(response, 404, { error: 'not found' })
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  let size = 0
  const chunks: Buffer[] = []
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBody) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function reply(response: ServerResponse, status: number, body?: unknown): void {
  response.writeHead(status, body === undefined ? cors : { ...cors, 'content-type': 'application/json' })
  response.end(body === undefined ? undefined : JSON.stringify(body))
}
