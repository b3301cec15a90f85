// @ts-check
// Measures what reaches the collector when a click handler makes N calls and then navigates
// (location.assign), with the library and with direct calls of the tag (the twin), for both ways of
// loading the tag. Not part of CI: `pnpm e2e` runs e2e/navigation.test.js; this takes minutes.
//
//   node e2e/navigation.measure.js [--runs 10] [--setups snippet,npm] [--cases 5,20,100,batch100]
//                                  [--ways library,direct] [--serve 100] [--bfcache] [--json file]
//
// --serve    how long the server takes to answer the next page, in ms (the page that navigated runs
//            meanwhile); --bfcache  keeps Chromium's back/forward cache on, as Chrome ships it
//            (Playwright turns it off by default). Runs are interleaved (one of each configuration,
//            then the next round) so that the machine's load falls on all of them alike.
//
// For each configuration it prints: the runs; the calls handed to the tag in time, of those made
// (by the end of the task that navigated, as direct calls are: in the handler, or inside
// `beforeunload`, which Chromium fires inside location.assign), and the runs in which all were; those
// handed later (while the next page came); what the collector received, in total and the runs
// that got all of it; duplicates (the same message twice: the tag resends from the next page what
// was in flight when the page went); and the runs in which the tag posted what was received in the
// order it was made.
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { act, freshWriteKey, judge, logOf, openTab, received, startNavigation } from './navigationRun.js'

/** @typedef {import('./navigationRun.js').Setup} Setup */
/** @typedef {import('./navigationRun.js').Verdict} Verdict */

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    setups: { type: 'string', default: 'snippet,npm' },
    cases: { type: 'string', default: '5,20,100,batch100' },
    ways: { type: 'string', default: 'library,direct' },
    serve: { type: 'string', default: '100' },
    bfcache: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
})
const runs = Number(values.runs)
const serve = Number(values.serve)
const setups = /** @type {Setup[]} */ (values.setups.split(','))
const ways = values.ways.split(',')

/** @typedef {{ setup: Setup, way: string, label: string, kind: 'track' | 'batch' | 'direct', n: number }} Config */
/** @type {Config[]} */
const configs = []
for (const setup of setups) {
  for (const name of values.cases.split(',')) {
    const batch = name.startsWith('batch')
    const n = Number(batch ? name.slice('batch'.length) : name)
    for (const way of ways) {
      // The twin of a batch is the same n direct calls: measured once, as `n`.
      if (batch && way === 'direct') continue
      const kind = way === 'direct' ? 'direct' : batch ? 'batch' : 'track'
      configs.push({ setup, way, label: batch ? `batch of ${n}` : `${n} events`, kind, n })
    }
  }
}

const launch = values.bfcache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}
let nav = await startNavigation({ launch })
/** @type {Map<Config, Verdict[]>} */
const results = new Map(configs.map((config) => [config, []]))
const started = Date.now()
try {
  for (let round = 1; round <= runs; round += 1) {
    for (const config of configs) {
      const writeKey = freshWriteKey(`${config.setup}-${config.kind}-${config.n}`)
      try {
        const context = await nav.browser.newContext()
        try {
          const tab = await openTab(nav, context, { setup: config.setup, writeKey, user: 'u1', group: 'acct_1', serve })
          const expected = Array.from({ length: config.n }, (_, i) => ({ key: `track:e${i}`, userId: 'u1' }))
          await act(nav, tab, { kind: config.kind, n: config.n, leave: true }, { writeKey, expected })
          const verdict = judge({ expected, log: await logOf(tab), bodies: await received(nav, writeKey) })
          results.get(config)?.push(verdict)
        } finally {
          await context.close().catch(() => undefined)
        }
      } catch (error) {
        // A run that could not be completed is left out, and said so; a browser that went away
        // (another process ended it) is started again.
        process.stderr.write(`${config.setup} ${config.way} ${config.label}: ${String(error).split('\n')[0]}\n`)
        if (!nav.browser.isConnected()) {
          await nav.close().catch(() => undefined)
          nav = await startNavigation({ launch })
        }
      }
    }
    process.stderr.write(`round ${round} of ${runs} done, ${Math.round((Date.now() - started) / 1000)} s\n`)
  }
} finally {
  await nav.close()
}

const rows = configs.map((config) => {
  const verdicts = results.get(config) ?? []
  const sum = (/** @type {(v: Verdict) => number} */ pick) => verdicts.reduce((total, v) => total + pick(v), 0)
  return {
    setup: config.setup,
    way: config.way,
    calls: config.label,
    runs: verdicts.length,
    made: sum((v) => v.made),
    handed: sum((v) => v.handed),
    handedAll: verdicts.filter((v) => v.handed === v.made).length,
    onLeave: sum((v) => v.onLeave),
    late: sum((v) => v.late),
    delivered: sum((v) => v.received),
    deliveredAll: verdicts.filter((v) => v.received === v.made).length,
    duplicates: sum((v) => v.duplicates),
    inOrder: verdicts.filter((v) => v.inOrder).length,
    perRun: verdicts.map((v) => v.received).join(' '),
  }
})

const percent = (/** @type {number} */ part, /** @type {number} */ whole) =>
  whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`
const table = [
  [
    'tag',
    'calls',
    'made by',
    'runs',
    'handed in time',
    'runs all in time',
    'handed later',
    'delivered',
    'runs all delivered',
    'duplicates',
    'runs in order',
    'delivered per run',
  ],
  ...rows.map((row) => [
    row.setup === 'snippet' ? 'official snippet' : 'npm AnalyticsBrowser',
    row.calls,
    row.way === 'direct' ? 'direct tag.track' : 'library',
    String(row.runs),
    `${row.handed}/${row.made} (${row.onLeave} in beforeunload)`,
    `${row.handedAll}/${row.runs}`,
    String(row.late),
    `${row.delivered}/${row.made} (${percent(row.delivered, row.made)})`,
    `${row.deliveredAll}/${row.runs}`,
    String(row.duplicates),
    `${row.inOrder}/${row.runs}`,
    row.perRun,
  ]),
]
const widths = (table[0] ?? []).map((_, i) => Math.max(...table.map((line) => (line[i] ?? '').length)))
const format = (/** @type {string[]} */ line) => `| ${line.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`
console.log(
  `Next page served after ${serve} ms; back/forward cache ${values.bfcache ? 'on' : 'off (Playwright default)'}; ` +
    `${Math.round((Date.now() - started) / 1000)} s.`,
)
console.log(format(table[0] ?? []))
console.log(format(widths.map((width) => '-'.repeat(width))))
for (const line of table.slice(1)) console.log(format(line))
if (values.json) await writeFile(values.json, JSON.stringify({ serve, bfcache: values.bfcache, rows }, null, 2))
