// Burst (issue 5, item 4): 10,000 Invite Sent events fired in one loop, in headless Chromium, through
// the core tracker and through a React hook, into a recording tag; and, as the baseline in the same
// page, 10,000 raw `tag.track` calls. Checks every event reached the tag, in order, and that the
// time from the loop's start until the last one was handed over stays under 50 ms.
//
// Figures (median of `rounds` runs after one warm-up run, every scenario in the same page):
// - handed: performance.now() from the loop's start until the tag received the 10,000th event.
//   Nothing waits on a timer in between (the core hands over synchronously; react-query runs its
//   mutations on microtasks), so this is main-thread time. Budgeted.
// - main thread: Chromium's own TaskDuration (CDP Performance metrics) from before the run until
//   300 ms after, so deferred work (react-query's setTimeout notifications, re-renders, GC of
//   settled mutations) is counted too. Not budgeted: printed so nothing is hidden.
import { createRequire } from 'node:module'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { benchDir, bundle, rootDir, tmpDir } from './lib/build.mjs'
import { isMain, report } from './lib/table.mjs'
import { chromiumArgs, chromiumPath } from '../playground/e2e/chromium.js'

const COUNT = 10_000
const BUDGET_MS = 50

/** playwright-core is a dependency of the playground; load it from there. */
const requireFromPlayground = createRequire(join(rootDir, 'playground', 'package.json'))

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

async function pageScript(profileReadable = false) {
  const result = await bundle({
    entryPoints: [join(benchDir, 'burst', 'page.mjs')],
    write: false,
    minify: !profileReadable,
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  return result.outputFiles[0].text
}

/** Self time by function of a CDP CPU profile, largest first. */
export function hotSpots(profile, top = 12) {
  const self = new Map()
  const dt = profile.timeDeltas
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  profile.samples.forEach((id, i) => {
    const { callFrame } = byId.get(id)
    const where =
      `${callFrame.functionName || '(anonymous)'} ${callFrame.url ? `${callFrame.url.split('/').pop()}:${callFrame.lineNumber + 1}:${callFrame.columnNumber + 1}` : ''}`.trim()
    self.set(where, (self.get(where) ?? 0) + (dt[i] ?? 0))
  })
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([where, us]) =>
        `${(us / 1000).toFixed(1).padStart(7)} ms ${((us / total) * 100).toFixed(1).padStart(5)}%  ${where}`,
    )
}

export async function measureBurst({ rounds = 5, profile = false } = {}) {
  const { chromium } = requireFromPlayground('playwright-core')
  const script = await pageScript(profile)
  const userDataDir = mkdtempSync(join(tmpdir(), 'intilery-bench-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs, '--js-flags=--expose-gc'],
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    const errors = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.setContent('<!doctype html><html><body></body></html>')
    await page.addScriptTag({ content: script })
    const cdp = await context.newCDPSession(page)
    await cdp.send('Performance.enable')
    const taskSeconds = async () =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value

    const runs = { raw: [], core: [], hook: [], batch: [] }
    for (let round = 0; round <= rounds; round += 1) {
      for (const scenario of Object.keys(runs)) {
        await page.evaluate(() => window.gc?.())
        const profiling = profile && round === rounds
        if (profiling) {
          await cdp.send('Profiler.enable')
          await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
          await cdp.send('Profiler.start')
        }
        const before = await taskSeconds()
        const figures = await page.evaluate(([name, count]) => window.burst[name](count), [scenario, COUNT])
        await page.waitForTimeout(300)
        const mainThreadMs = ((await taskSeconds()) - before) * 1000
        if (round > 0) runs[scenario].push({ ...figures, mainThreadMs })
        if (profiling) {
          const { profile: cpu } = await cdp.send('Profiler.stop')
          const file = join(tmpDir, `burst-${scenario}.cpuprofile`)
          mkdirSync(tmpDir, { recursive: true })
          writeFileSync(file, JSON.stringify(cpu))
          console.error(`\n${scenario}: ${file} (open in Chrome DevTools). Self time, top functions:`)
          for (const line of hotSpots(cpu)) console.error(`  ${line}`)
        }
      }
    }
    if (errors.length > 0) throw new Error(`[bench] the burst page threw: ${errors.join('; ')}`)
    return summarise(runs)
  } finally {
    await context.close()
    rmSync(userDataDir, { recursive: true, force: true })
  }
}

function summarise(runs) {
  const stat = (scenario, key) => median(runs[scenario].map((run) => run[key]))
  const allInOrder = (scenario) => runs[scenario].every((run) => run.inOrder && run.handed === COUNT)
  const raw = { handed: stat('raw', 'handedMs'), main: stat('raw', 'mainThreadMs') }
  const vsRawHanded = { baseline: `raw loop of ${COUNT} tag.track`, baselineValue: raw.handed }
  const vsRawMain = { baseline: `raw loop of ${COUNT} tag.track`, baselineValue: raw.main }
  const rows = [
    { metric: `burst raw: ${COUNT} tag.track, loop`, value: raw.handed, unit: 'ms' },
    {
      metric: `burst core: ${COUNT} tracker.track, until all handed`,
      value: stat('core', 'handedMs'),
      unit: 'ms',
      ...vsRawHanded,
      budget: BUDGET_MS,
    },
    {
      metric: `burst hook: useTrackBatch, one mutate of ${COUNT}, until all handed`,
      value: stat('batch', 'handedMs'),
      unit: 'ms',
      ...vsRawHanded,
      budget: BUDGET_MS,
    },
    // One react-query mutation per event: printed for comparison, not budgeted (see docs/performance.md).
    {
      metric: `burst hook: ${COUNT} × mutate() of useInviteSent, until all handed`,
      value: stat('hook', 'handedMs'),
      unit: 'ms',
      ...vsRawHanded,
    },
    {
      metric: 'burst core: main-thread time incl. deferred work',
      value: stat('core', 'mainThreadMs'),
      unit: 'ms',
      ...vsRawMain,
    },
    {
      metric: 'burst batch: main-thread time incl. deferred work',
      value: stat('batch', 'mainThreadMs'),
      unit: 'ms',
      ...vsRawMain,
    },
    {
      metric: 'burst hook: main-thread time incl. deferred work',
      value: stat('hook', 'mainThreadMs'),
      unit: 'ms',
      ...vsRawMain,
    },
    // Order is a pass/fail figure: 0 runs out of order is the budget.
    {
      metric: 'burst: scenarios with an event lost, out of order or invalid',
      value: ['raw', 'core', 'hook', 'batch'].filter((s) => !allInOrder(s)).length,
      unit: 'scenarios',
      budget: 0,
    },
  ]
  const notes = [
    `raw main-thread time incl. the harness: ${raw.main.toFixed(1)} ms`,
    `core loop alone: ${stat('core', 'loopMs').toFixed(1)} ms; until every Delivery settled: ${stat('core', 'settledMs').toFixed(1)} ms; rejected: ${Math.max(...runs.core.map((r) => r.failed))}`,
    `hook loop alone: ${stat('hook', 'loopMs').toFixed(1)} ms; re-renders after the burst: ${runs.hook.map((r) => r.extraRenders).join(', ')}`,
    `batch: re-renders after the burst: ${runs.batch.map((r) => r.extraRenders).join(', ')}`,
  ]
  return { rows, notes, runs }
}

if (isMain(import.meta.url)) {
  // --profile: unminified page, CPU profile of the last round of each scenario, hot spots printed
  const { rows, notes } = await measureBurst({ profile: process.argv.includes('--profile') })
  report({ rows, notes })
}
