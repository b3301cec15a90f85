// CPU per event (issue 5, item 3), tinybench, one process, one run: the raw `tag.track` call, our
// core path and our React hook path, each as a median of per-event figures (every sample is the
// mean of a batch of events), with its ratio to the raw call.
//
// React, react-dom and the tracker run their production code (NODE_ENV=production), as in an app.
// What each figure includes:
// - raw:  `tag.track(name, properties, { context: { groupId } })` on a no-op tag (returns a
//         resolved promise, like the loaded tag).
// - core: `tracker.track(...)` as the caller pays it, synchronously: validation (zod/mini), the
//         payload, the ready check, the delivery timer and the call into the tag. Budgeted.
// - core, settled: the same plus the microtasks until every Delivery promise has resolved (the
//         acknowledgement, clearing the timer). Not budgeted; printed so nothing is hidden.
// - hook: `mutate()` from `useInviteSent()` rendered once, through react-query's mutation to the
//         tag and until the microtask queue is empty (a setImmediate per batch of events).
//         Budgeted. It does not include react-query's deferred notifications (setTimeout 0) and the
//         re-renders they cause; the next row does.
// - hook, one event alone: one `mutate()`, then its deferred notifications and re-renders, as
//         event-loop active time (performance.eventLoopUtilization), idle time excluded, minus the
//         same wait with no event (median of each, same run). Not budgeted: a click's full cost.
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { benchDir, bundle, externalButOurs, tmpDir } from './lib/build.mjs'
import { isMain, report } from './lib/table.mjs'

const NS_PER_MS = 1e6
const budgets = { core: 1500, hook: 15000 } // ns per valid event, checked on medians

const immediate = () => new Promise((resolve) => setImmediate(resolve))
const timeout = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Makes a DOM for react-dom, before it loads (it checks for one at import). */
async function installDom() {
  const { JSDOM } = await import('jsdom')
  const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>')
  for (const key of ['window', 'document', 'navigator']) {
    Object.defineProperty(globalThis, key, {
      value: dom.window[key === 'window' ? 'window' : key],
      configurable: true,
      writable: true,
    })
  }
  return dom.window.document.getElementById('root')
}

async function loadTargets() {
  const outfile = join(tmpDir, 'cpu-targets.mjs')
  await bundle({
    entryPoints: [join(benchDir, 'cpu', 'targets.mjs')],
    outfile,
    platform: 'node',
    target: 'node20',
    extraPlugins: [externalButOurs],
  })
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`)
}

export async function measureCpu({ time = 1500 } = {}) {
  process.env.NODE_ENV = 'production'
  const container = await installDom()
  const targets = await loadTargets()
  const { Bench } = await import('tinybench')

  const batch = { raw: 1000, core: 100, hook: 100 }
  const rawTag = targets.createNoopTag()
  const coreTag = targets.createNoopTag()
  const settledTag = targets.createNoopTag()
  const hookTag = targets.createNoopTag()
  const aloneTag = targets.createNoopTag()
  const core = await targets.createCore(coreTag)
  const coreSettled = await targets.createCore(settledTag)
  const hook = await targets.mountHook(hookTag, container)
  const alone = await targets.mountHook(aloneTag, container.appendChild(container.ownerDocument.createElement('div')))
  const expected = { raw: 0, core: 0, settled: 0, hook: 0, alone: 0 }

  const bench = new Bench({ time, warmupTime: 300, iterations: 50, timestampProvider: 'hrtimeNow' })
  const now = () => bench.now()

  bench.add(
    'raw',
    () => {
      let sink
      const start = now()
      for (let i = 0; i < batch.raw; i += 1) sink = targets.rawTrack(rawTag)
      const elapsed = now() - start
      expected.raw += batch.raw
      return { overriddenDuration: elapsed / batch.raw, overriddenIterationCost: elapsed, sink }
    },
    { async: false },
  )
  bench.add(
    'core',
    async () => {
      const start = now()
      for (let i = 0; i < batch.core; i += 1) core()
      const elapsed = now() - start
      expected.core += batch.core
      await immediate() // lets the deliveries settle outside the timed part
      return { overriddenDuration: elapsed / batch.core, overriddenIterationCost: now() - start }
    },
    { async: true },
  )
  bench.add(
    'core, settled',
    async () => {
      const start = now()
      const deliveries = []
      for (let i = 0; i < batch.core; i += 1) deliveries.push(coreSettled())
      await Promise.all(deliveries)
      const elapsed = now() - start
      expected.settled += batch.core
      return { overriddenDuration: elapsed / batch.core, overriddenIterationCost: elapsed }
    },
    { async: true },
  )
  bench.add(
    'hook',
    async () => {
      const target = hookTag.handed + batch.hook
      const start = now()
      for (let i = 0; i < batch.hook; i += 1) hook.fire()
      while (hookTag.handed < target) await immediate()
      await immediate()
      const elapsed = now() - start
      expected.hook += batch.hook
      return { overriddenDuration: elapsed / batch.hook, overriddenIterationCost: elapsed }
    },
    { async: true },
  )
  // One event, then wait out react-query's setTimeout(0) notifications and React's render; only
  // event-loop active time counts. The same wait with no event is the harness, subtracted below.
  const settleLoop = async (fire) => {
    const before = performance.eventLoopUtilization()
    fire()
    await timeout(1)
    await timeout(1)
    await immediate()
    const { active } = performance.eventLoopUtilization(before)
    return { overriddenDuration: active, overriddenIterationCost: active + 2 }
  }
  bench.add('event-loop harness, no event', () => settleLoop(() => undefined), { async: true })
  bench.add(
    'hook, one event alone',
    () => {
      expected.alone += 1
      return settleLoop(alone.fire)
    },
    { async: true },
  )

  await bench.run()
  await timeout(50) // let the last deferred notifications land before counting

  const handed = {
    raw: rawTag.handed,
    core: coreTag.handed,
    settled: settledTag.handed,
    hook: hookTag.handed,
    alone: aloneTag.handed,
  }
  for (const key of Object.keys(expected)) {
    // warmup calls are not in `expected`, so the tag saw at least as many; fewer means events were lost
    if (handed[key] < expected[key])
      throw new Error(`[bench] ${key}: ${handed[key]} events handed, ${expected[key]} fired`)
  }
  if (targets.reported.errors > 0) throw new Error(`[bench] ${targets.reported.errors} events were reported invalid`)
  const renders = { hook: hook.probe.renders, alone: alone.probe.renders, aloneEvents: aloneTag.handed }
  hook.unmount()
  alone.unmount()

  const median = (name) => bench.getTask(name).result.latency.p50 * NS_PER_MS
  const samples = (name) => bench.getTask(name).result.latency.samplesCount
  const raw = median('raw')
  const vsRaw = { baseline: 'raw tag.track', baselineValue: raw }
  const harness = median('event-loop harness, no event')
  const rows = [
    {
      metric: 'cpu raw tag.track (no-op tag), median',
      value: raw,
      unit: 'ns/event',
      note: `${samples('raw')} batches of ${batch.raw}`,
    },
    {
      metric: 'cpu core tracker.track, sync, median',
      value: median('core'),
      unit: 'ns/event',
      ...vsRaw,
      budget: budgets.core,
    },
    {
      metric: 'cpu core tracker.track, until settled, median',
      value: median('core, settled'),
      unit: 'ns/event',
      ...vsRaw,
    },
    {
      metric: 'cpu hook mutate() until handed + microtasks, median',
      value: median('hook'),
      unit: 'ns/event',
      ...vsRaw,
      budget: budgets.hook,
    },
    {
      metric: 'cpu hook, one event alone incl. its re-renders, median',
      value: median('hook, one event alone') - harness,
      unit: 'ns/event',
      ...vsRaw,
      note: `event-loop active time minus the empty harness (${(harness / 1000).toFixed(1)} µs); ${renders.alone - 1} re-renders for ${renders.aloneEvents} events`,
    },
  ]
  return { rows, renders }
}

if (isMain(import.meta.url)) {
  const { rows } = await measureCpu()
  report({ rows, notes: rows.filter((row) => row.note).map((row) => `${row.metric}: ${row.note}`) })
}
