// @ts-check
import { readdir, readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * What the local CDN serves, for any write key (letters, digits, `-` and `_`):
 * - `script`: the tag's standalone build, at `/analytics.js/v1/<writeKey>/analytics.min.js`;
 * - `settings`: the write key's settings, at `/v1/projects/<writeKey>/settings`;
 * - `bundle`: the chunks the standalone build loads lazily, under `/analytics-next/bundles/`.
 * @typedef {'script' | 'settings' | 'bundle'} CdnAsset
 */

/**
 * One request the CDN answered, in arrival order.
 * @typedef {{ asset: CdnAsset | 'unknown', path: string, status: number }} CdnRequest
 */

/**
 * Holds requests for one asset (for one write key, or any) until `release()`.
 * @typedef {object} CdnGate
 * @property {Promise<void>} requested Resolves when the first held request has arrived.
 * @property {() => void} release Answers the held requests, and every later one at once.
 */

/**
 * A running local CDN. See {@link startCdn}.
 * @typedef {object} Cdn
 * @property {string} url The origin, e.g. `http://127.0.0.1:41234`: what a snippet sets as `analytics._cdn`.
 * @property {readonly CdnRequest[]} requests Every request answered so far.
 * @property {(asset: CdnAsset, writeKey?: string) => CdnGate} hold From now on, requests for `asset`
 *   wait until the gate is released: those for `writeKey` only when it is given (so that pages with
 *   their own write keys can be held apart), else all of them. Lazy chunks are one set for every key.
 * @property {() => Promise<void>} close Answers what is held, and stops the server.
 */

const cors = { 'access-control-allow-origin': '*' }

/** The folder of `@segment/analytics-next`'s UMD builds: `standalone.js` and its lazy chunks. */
const umdFolder = () =>
  join(dirname(createRequire(import.meta.url).resolve('@segment/analytics-next/package.json')), 'dist/umd')

/**
 * A stand-in for the CDN the analytics.js snippet loads the tag from, on 127.0.0.1 (a free port), so
 * that the snippet install path runs with nothing leaving the machine. It serves the real
 * `@segment/analytics-next` standalone build and, for any write key, settings whose only destination
 * is the collector at `collectorUrl` (over http, with remote metrics off); the tag puts the write key
 * in every message it posts, so a collector shared by several pages can tell them apart. Each asset
 * can be held, so that a test can send events before, while and after the tag loads.
 *
 * @example
 * ```js
 * const cdn = await startCdn({ collectorUrl: 'http://127.0.0.1:8787' })
 * const script = cdn.hold('script', 'page-1')
 * await page.goto(`${site}/snippet.html?cdn=${cdn.url}&writeKey=page-1`) // analytics._cdn = cdn.url
 * await script.requested // the page is waiting for the tag: send events now
 * script.release()
 * await cdn.close()
 * ```
 * @param {{ collectorUrl: string }} options
 * @returns {Promise<Cdn>}
 */
export async function startCdn({ collectorUrl }) {
  const folder = umdFolder()
  const files = new Set((await readdir(folder)).filter((name) => /\.js(\.map)?$/.test(name)))
  const collector = new URL(collectorUrl)
  /** @type {(writeKey: string) => string} */
  const settings = (writeKey) =>
    JSON.stringify({
      integrations: {
        'Segment.io': { apiKey: writeKey, apiHost: `${collector.host}/v1`, protocol: collector.protocol.slice(0, -1) },
      },
      metrics: { sampleRate: 0 },
      remotePlugins: [],
    })

  /** @type {CdnRequest[]} */
  const requests = []
  /**
   * The held assets, by `${asset} ${writeKey}` (an empty key: every key).
   * @type {Map<string, { wait: Promise<void>, release: () => void, arrived: () => void }>}
   */
  const gates = new Map()

  /** @type {(path: string) => { asset: CdnAsset | 'unknown', writeKey?: string, file?: string, body?: string }} */
  const route = (path) => {
    const writeKey = /^\/analytics\.js\/v1\/([\w-]+)\/analytics\.min\.js$/.exec(path)?.[1]
    if (writeKey !== undefined) return { asset: 'script', writeKey, file: 'standalone.js' }
    const project = /^\/v1\/projects\/([\w-]+)\/settings$/.exec(path)?.[1]
    if (project !== undefined) return { asset: 'settings', writeKey: project, body: settings(project) }
    const chunk = /^\/analytics-next\/bundles\/([^/]+)$/.exec(path)?.[1]
    if (chunk !== undefined && files.has(chunk)) return { asset: 'bundle', file: chunk }
    return { asset: 'unknown' }
  }

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://cdn').pathname
    const found = route(path)
    const gate = gates.get(`${found.asset} ${found.writeKey ?? ''}`) ?? gates.get(`${found.asset} `)
    gate?.arrived()
    ;(gate?.wait ?? Promise.resolve())
      .then(async () => {
        if (request.method !== 'GET') return send(405)
        if (found.body !== undefined) return send(200, 'application/json', found.body)
        if (found.file !== undefined) return send(200, 'text/javascript', await readFile(join(folder, found.file)))
        send(404)
      })
      .catch(() => send(500))

    /** @type {(status: number, type?: string, body?: string | Buffer) => void} */
    function send(status, type, body) {
      requests.push({ asset: found.asset, path, status })
      if (response.headersSent || response.destroyed) return
      response.writeHead(status, { ...cors, 'cache-control': 'no-store', ...(type ? { 'content-type': type } : {}) })
      response.end(body)
    }
  })

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(undefined))
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the CDN has no port')

  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    hold(asset, writeKey = '') {
      const key = `${asset} ${asset === 'bundle' ? '' : writeKey}`
      if (gates.has(key)) throw new Error(`the CDN already holds ${asset} requests${writeKey && ` for ${writeKey}`}`)
      /** @type {() => void} */
      let arrived = () => {}
      /** @type {() => void} */
      let open = () => {}
      const requested = new Promise((resolve) => (arrived = () => resolve(undefined)))
      const wait = new Promise((resolve) => (open = () => resolve(undefined)))
      const release = () => {
        if (gates.get(key)?.wait === wait) gates.delete(key)
        open()
      }
      gates.set(key, { wait, release, arrived })
      return { requested, release }
    },
    async close() {
      for (const gate of gates.values()) gate.release()
      await new Promise((resolve) => {
        server.close(() => resolve(undefined))
        server.closeAllConnections()
      })
    },
  }
}
