// One origin on 127.0.0.1 for the time-to-first-event benchmark (bench/ttfe.mjs): the pages, the
// real tag (analytics-next's standalone build and its lazy chunks, as a CDN serves them, with
// settings whose only destination is this origin) and the collector the tag posts to. Every file is
// served gzipped (level 9, as the size budgets count bytes) and never cached. Same origin: the tag's
// posts need no preflight.
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, join, normalize } from 'node:path'
import { gzipSync } from 'node:zlib'

const requireFromRoot = createRequire(import.meta.url)
const tagFolder = join(dirname(requireFromRoot.resolve('@segment/analytics-next/package.json')), 'dist/umd')
const tagFiles = new Set(readdirSync(tagFolder).filter((name) => name.endsWith('.js')))

const types = { js: 'text/javascript', html: 'text/html; charset=utf-8', json: 'application/json' }
const typeOf = (path) => types[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream'

/** The page's HTML: the harness first (it loads the tag), the page's own script only when started. */
const html = (title, entry) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">` +
  `<title>${title}</title><script src="/harness.js" data-entry="${entry}"></script></head>` +
  `<body><div id="root"></div></body></html>`

/**
 * Starts the server. `pages` maps a name to `{ dir, entry }`: the build's folder, served under
 * `/<name>/`, and its entry's path; the page itself is `/<name>.html`. Resolves with its origin, what
 * the collector received (`{ writeKey, type, event }`, in order) and `close()`.
 */
export async function startServer(pages) {
  const received = []
  const gzipped = new Map()
  const body = (file) => {
    if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(file), { level: 9 }))
    return gzipped.get(file)
  }
  let origin = ''
  const settings = (writeKey) => ({
    integrations: { 'Segment.io': { apiKey: writeKey, apiHost: `${new URL(origin).host}/v1`, protocol: 'http' } },
    metrics: { sampleRate: 0 },
    remotePlugins: [],
  })

  /** The file (or generated text, with its type) a GET asks for, or undefined. */
  const route = (path) => {
    const page = /^\/([\w-]+)\.html$/.exec(path)?.[1]
    if (page !== undefined && pages[page]) return { text: html(page, pages[page].entry), type: types.html }
    if (path === '/harness.js') return { file: join(import.meta.dirname, 'harness.js') }
    if (/^\/analytics\.js\/v1\/[\w-]+\/analytics\.min\.js$/.test(path))
      return { file: join(tagFolder, 'standalone.js') }
    const project = /^\/v1\/projects\/([\w-]+)\/settings$/.exec(path)?.[1]
    if (project !== undefined) return { text: JSON.stringify(settings(project)), type: types.json }
    const chunk = /^\/analytics-next\/bundles\/([^/]+)$/.exec(path)?.[1]
    if (chunk !== undefined && tagFiles.has(chunk)) return { file: join(tagFolder, chunk) }
    const [, name, rest] = /^\/([\w-]+)\/(.+)$/.exec(path) ?? []
    const dir = pages[name]?.dir
    const file = dir && normalize(join(dir, rest))
    return file?.startsWith(dir) ? { file } : undefined
  }

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://bench').pathname
    const headers = { 'cache-control': 'no-store' }
    if (request.method === 'POST' && /^\/v1\/\w+$/.test(path)) {
      const chunks = []
      request.on('data', (chunk) => chunks.push(chunk))
      request.on('end', () => {
        try {
          const message = JSON.parse(Buffer.concat(chunks).toString('utf8'))
          received.push({ writeKey: message.writeKey, type: message.type, event: message.event })
        } catch {
          received.push({ type: 'unreadable' })
        }
        response.writeHead(200, { ...headers, 'content-type': 'application/json' }).end('{}')
      })
      return
    }
    let found
    let data
    try {
      found = request.method === 'GET' ? route(path) : undefined
      if (found) data = found.text === undefined ? body(found.file) : gzipSync(found.text, { level: 9 })
    } catch {
      found = undefined
    }
    if (!found) return void response.writeHead(404, headers).end()
    response
      .writeHead(200, { ...headers, 'content-type': found.type ?? typeOf(found.file), 'content-encoding': 'gzip' })
      .end(data)
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  origin = `http://127.0.0.1:${server.address().port}`
  return {
    origin,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve)
        server.closeAllConnections()
      }),
  }
}
