// Time to first event (issue 19, item 7): how much later the first event reaches the real tag when
// an app sends it through the library than when it calls `window.analytics.track` itself, on a slow
// link, in headless Chromium.
//
// - Two pages, built by Vite for production (bench/ttfe/build.mjs): `app` (the provider, Signed In
//   from a mount effect through its hook) and `twin` (the same event from the same effect, straight
//   to the tag), React and react-query in both.
// - Both are served from 127.0.0.1 (bench/ttfe/server.mjs), gzipped, with the real analytics-next
//   loaded the snippet's way and a collector on the same origin. Each run is a new visitor (a new
//   browser context, nothing cached). The tag loads first, unthrottled: it is already on the page.
//   Then CDP throttles the page to 400 ms of latency and 400 kbps each way, and the page's own
//   script is added (bench/ttfe/harness.js).
// - The first event is the moment the real tag's `track` is called with it (what happens after is
//   the tag's, the same for both); each figure is the time from adding the page's script to that.
//   The collector's receipt of the event is checked on every run, not timed.
// - Runs alternate, app then twin, after one warm-up pair that is not counted; the medians are
//   compared. The target: at most one chunk fetch later than the twin, that is one round trip plus
//   the transfer, at 400 kbps, of the chunks the tracker and the delivery `import()`s fetch (their
//   gzip bytes, read from the build).
//
//   node bench/ttfe.mjs [--runs 10] [--root <checkout>] [--validation <mode>] [--json]
//   --root: build the app from another checkout's sources (e.g. a worktree of an older commit)
//   --validation: the app's `validation` prop ('off' shows what the validation chunk costs)
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { chromiumArgs, chromiumPath } from '../playground/e2e/chromium.js'
import { rootDir, tmpDir } from './lib/build.mjs'
import { isMain, report } from './lib/table.mjs'
import { buildPage } from './ttfe/build.mjs'
import { event as eventName } from './ttfe/event.mjs'
import { startServer } from './ttfe/server.mjs'

const LATENCY_MS = 400
const KBPS = 400
const BYTES_PER_S = (KBPS * 1000) / 8

const requireFromPlayground = createRequire(join(rootDir, 'playground', 'package.json'))

const option = (name, fallback) => {
  const at = process.argv.indexOf(name)
  return at === -1 ? fallback : process.argv[at + 1]
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (sorted.length - 1) * q
  const low = Math.floor(at)
  return sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low)
}
const median = (values) => quantile(values, 0.5)

/** One visit: a new context, the tag loaded, the network throttled, then the page's script. */
async function visit(browser, server, page, writeKey) {
  const context = await browser.newContext()
  try {
    const tab = await context.newPage()
    const errors = []
    tab.on('pageerror', (error) => errors.push(error.message))
    const cdp = await context.newCDPSession(tab)
    await cdp.send('Network.enable')
    await tab.goto(`${server.origin}/${page}.html?writeKey=${writeKey}`)
    await tab.waitForFunction(() => window.ttfe.state.tagReadyAt !== undefined, null, { timeout: 15_000 })
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: LATENCY_MS,
      downloadThroughput: BYTES_PER_S,
      uploadThroughput: BYTES_PER_S,
    })
    await tab.evaluate(() => window.ttfe.start())
    await tab.waitForFunction(() => window.ttfe.state.trackedAt !== undefined, null, { timeout: 30_000 })
    const delivered = () => server.received.some((m) => m.writeKey === writeKey && m.event === eventName)
    const until = Date.now() + 15_000
    while (!delivered() && Date.now() < until) await new Promise((done) => setTimeout(done, 50))
    const { state, scripts } = await tab.evaluate(() => ({ state: window.ttfe.state, scripts: window.ttfe.scripts() }))
    if (errors.length > 0) throw new Error(`the ${page} page threw: ${errors.join('; ')}`)
    if (state.event !== eventName) throw new Error(`the ${page} page's first track was ${state.event}`)
    if (!delivered()) throw new Error(`the collector did not receive ${eventName} from the ${page} page`)
    return { ms: state.trackedAt - state.startedAt, calls: state.calls, scripts }
  } finally {
    await context.close()
  }
}

/** Builds both pages, serves them and runs `runs` alternating visits of each after a warm-up pair. */
export async function measureTtfe({ runs = 10, root = rootDir, validation } = {}) {
  const label = root === rootDir ? 'current' : 'other'
  const out = (name) => join(tmpDir, 'ttfe', label, name)
  const app = await buildPage({ page: 'app', name: 'app', root, outDir: out('app'), validation })
  const twin = await buildPage({ page: 'twin', name: 'twin', root, outDir: out('twin') })
  const server = await startServer({
    app: { dir: out('app'), entry: app.entry },
    twin: { dir: out('twin'), entry: twin.entry },
  })
  const { chromium } = requireFromPlayground('playwright-core')
  const visits = { app: [], twin: [] }
  let browser
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
    for (let run = 0; run <= runs; run += 1) {
      for (const page of ['app', 'twin']) {
        const result = await visit(browser, server, page, `ttfe-${page}-${run}`)
        if (run > 0) visits[page].push(result)
      }
    }
  } finally {
    await browser?.close()
    await server.close()
  }
  return summarise({ app, twin, visits, runs })
}

const kb = (bytes) => `${(bytes / 1000).toFixed(2)} KB`
const ms = (value) => `${Math.round(value)} ms`
const spread = (values) =>
  `median ${ms(median(values))}, quartiles ${ms(quantile(values, 0.25))}–${ms(quantile(values, 0.75))}, ` +
  `range ${ms(Math.min(...values))}–${ms(Math.max(...values))}`

/** A file's name for people: the module its chunk loads, or the chunk's file name. */
const fileLabel = (file) => (file.source ? file.source.split('/').pop() : file.path.split('/').pop())

/** For each script a page fetched after start: its median request and response-end times. */
function timeline(results, build) {
  const files = [...build.initial, ...build.lazy.flatMap((lazy) => lazy.files)]
  const byPath = new Map(files.map((file) => [file.path, file]))
  return [...new Set(results.flatMap((r) => r.scripts.map((s) => s.path)))].map((path) => {
    const seen = results.flatMap((r) => r.scripts.filter((s) => s.path === path))
    const file = byPath.get(path)
    const name = file ? fileLabel(file) : path
    return `${name} ${file ? `(${kb(file.gzip)}) ` : ''}${ms(median(seen.map((s) => s.start)))} → ${ms(median(seen.map((s) => s.end)))}`
  })
}

function summarise({ app, twin, visits, runs }) {
  const appMs = visits.app.map((v) => v.ms)
  const twinMs = visits.twin.map((v) => v.ms)
  const difference = median(appMs) - median(twinMs)
  // The engine: every file a lazy import fetches but the validator's, each counted once.
  const engine = new Map(
    app.lazy
      .filter((lazy) => !/validator\.ts$/.test(lazy.source))
      .flatMap((lazy) => lazy.files.map((f) => [f.path, f])),
  )
  const engineBytes = [...engine.values()].reduce((sum, file) => sum + file.gzip, 0)
  const target = LATENCY_MS + (engineBytes / BYTES_PER_S) * 1000
  const initial = (build) => build.initial.reduce((sum, file) => sum + file.gzip, 0)
  const link = `${LATENCY_MS} ms RTT, ${KBPS} kbps`
  const rows = [
    {
      metric: `time to first event: provider + hook from a mount effect, until the tag's track (${link})`,
      value: median(appMs),
      unit: 'ms',
      baseline: 'twin, window.analytics.track',
      baselineValue: median(twinMs),
    },
    {
      metric: `time to first event: later than its twin (target: 1 RTT + the engine chunks, ${kb(engineBytes)} at ${KBPS} kbps)`,
      value: difference,
      unit: 'ms',
      budget: target,
    },
  ]
  const pairs = appMs.map((value, i) => value - twinMs[i])
  const notes = [
    `${runs} runs of each page, alternating, after a warm-up pair; from adding the page's script to the real tag's track of ${eventName}`,
    `app: ${spread(appMs)}`,
    `twin: ${spread(twinMs)}`,
    `app − twin, run by run: ${spread(pairs)}`,
    `target: ${LATENCY_MS} ms + ${engineBytes} B × 8 / ${KBPS} kbps = ${ms(target)} (${[...engine.values()].map((f) => `${fileLabel(f)} ${kb(f.gzip)}`).join(', ')})`,
    `initial JS, gzip: app ${kb(initial(app))}, twin ${kb(initial(twin))}; ${kb(initial(app) - initial(twin))} more is ${ms(((initial(app) - initial(twin)) / BYTES_PER_S) * 1000)} at ${KBPS} kbps`,
    `lazy chunks: ${app.lazy.map((lazy) => `${lazy.source.split('/').pop()} ${kb(lazy.files.reduce((s, f) => s + f.gzip, 0))}`).join(', ')}`,
    `app's scripts, requested → received (median ms from start): ${timeline(visits.app, app).join('; ')}`,
    `twin's scripts: ${timeline(visits.twin, twin).join('; ')}`,
    `the tag was called: app ${visits.app[0].calls.join(', ')}; twin ${visits.twin[0].calls.join(', ')}`,
  ]
  return { rows, notes, visits }
}

if (isMain(import.meta.url)) {
  const root = resolve(option('--root', rootDir))
  const validation = option('--validation', undefined)
  const { rows, notes } = await measureTtfe({ runs: Number(option('--runs', 10)), root, validation })
  if (validation !== undefined) notes.unshift(`the app with validation="${validation}"`)
  if (root !== rootDir) notes.unshift(`the app built from ${root}`)
  report({ rows, notes })
}
