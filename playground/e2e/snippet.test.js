// @ts-check
// The snippet install path, in Debian's chromium: a page with a hand-written analytics.js snippet (the
// 4.x stub that only buffers, or the 5.x stub that also forwards), whose script is the real
// @segment/analytics-next standalone build served by a local CDN the test holds and releases, posting
// to the collector. Nothing is routed or mocked, and nothing leaves 127.0.0.1. Each scenario runs
// with both stubs, and with the provider finding window.analytics itself and given
// tag={window.analytics} while it was still the stub (see `runs`).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { judge } from './deliveryTruth.js'
import { stackForFile } from './harness.js'
import { orphanedCalls, probeTag } from './tagProbe.js'

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {any} Body JSON as the collector received it */
/** @typedef {import('./deliveryTruth.js').Expected} Expected */
/** @typedef {import('./tagProbe.js').TagProbe} TagProbe */
/** @typedef {import('../src/snippet/SnippetApp.tsx').SnippetPage} SnippetPage */
/** @typedef {'classic' | 'forwarding'} Stub */
/** @typedef {'window' | 'prop'} TagWay */

/**
 * The provider's `readyTimeout` and `logoutTimeout` on the page: long enough that no event of these
 * scenarios settles as queued, and that a logout rejects only when Signed Out's delivery timed out,
 * not because the test released the script later than the default bound of 1 s.
 */
const bound = 10_000

const stack = stackForFile()

const stubs = /** @type {const} */ (['classic', 'forwarding'])
const ways = /** @type {const} */ (['window', 'prop'])
const label = (/** @type {Stub} */ stub, /** @type {TagWay} */ way) =>
  `${stub === 'classic' ? '4.x stub' : '5.x stub'}, ${way === 'window' ? 'tag found on window' : 'tag={window.analytics}'}`

/**
 * Runs `drive` in the page with the page's `window.snippetPage` (whose functions call the hooks), in
 * one task, as one event handler would; `arg` is handed to it.
 * @param {Page} page
 * @param {(api: SnippetPage, arg: number) => void} drive
 * @param {number} [arg]
 */
async function run(page, drive, arg) {
  const api = await page.evaluateHandle(() => /** @type {SnippetPage} */ (/** @type {any} */ (window).snippetPage))
  await api.evaluate(drive, arg ?? 0)
  await api.dispose()
}

let pages = 0

/**
 * Opens the snippet page in a new visitor's tab with the tag's script and settings held at the CDN,
 * and waits until the app is mounted and the script has been asked for: the tag has not loaded.
 * Each page has a write key of its own, which the tag puts in every message: the collector is
 * shared by the tests, and each reads what its own page sent.
 */
async function open(
  /** @type {import('node:test').TestContext} */ t,
  /** @type {Stub} */ stub,
  /** @type {TagWay} */ way,
  { deliveryTimeout = 300 } = {},
) {
  pages += 1
  const writeKey = `snippet-${pages}`
  const script = stack.cdn.hold('script', writeKey)
  const settings = stack.cdn.hold('settings', writeKey)
  t.after(() => {
    script.release()
    settings.release()
  })
  const context = await stack.playground.browser.newContext()
  t.after(() => context.close())
  await context.addInitScript(probeTag)
  const page = await context.newPage()
  const query = new URLSearchParams({
    stub,
    tag: way,
    cdn: stack.cdn.url,
    writeKey,
    user: 'u1',
    group: 'acct_1',
    deliveryTimeout: String(deliveryTimeout),
    readyTimeout: String(bound),
    logoutTimeout: String(bound),
  })
  // An async script that is still loading holds the page's load event: wait for the DOM only.
  await page.goto(`${stack.playground.url}snippet.html?${query}`, { waitUntil: 'domcontentloaded' })
  await page.waitForFunction(() => /** @type {any} */ (window).snippetPage !== undefined)
  await script.requested
  assert.ok(await isStub(page), 'window.analytics is the stub while the script is held')
  return {
    page,
    writeKey,
    deliveryTimeout,
    /** Lets the script through; resolves once it runs (it then asks for its settings, still held). */
    async scriptRuns() {
      script.release()
      await settings.requested
    },
    /** Lets everything through; resolves once the real tag has replaced the stub. */
    async loaded() {
      script.release()
      settings.release()
      await page.waitForFunction(() => /** @type {any} */ (window).__tagProbe.replacedAt !== undefined)
    },
    /**
     * As `loaded`, and until the library has taken the tag as ready: the tag has said so, and the
     * library's own look has followed. analytics-next can drop a `ready` callback registered as its
     * script replaces the stub; the library then asks again within 200 ms (`ASK_AGAIN_MS`), so the
     * wait covers two of those.
     */
    async ready() {
      await this.loaded()
      await page.evaluate(
        () => new Promise((resolve) => /** @type {any} */ (window).analytics.ready(() => resolve(true))),
      )
      await page.waitForTimeout(400)
    },
  }
}

const isStub = (/** @type {Page} */ page) => page.evaluate(() => Array.isArray(/** @type {any} */ (window).analytics))

/**
 * Waits until every mutation has settled, and every event the real tag took has been confirmed by it
 * (callback or promise), posted and answered: an event that never reached the real tag is never
 * posted, and is not waited for. Then checks the scenario with {@link judge}, prints what it saw and
 * fails with every problem found. A wait that runs out is not a failure of its own: what did not
 * happen by then is what `judge` reports.
 */
async function verify(
  /** @type {import('node:test').TestContext} */ t,
  /** @type {{ page: Page, writeKey: string, deliveryTimeout: number }} */ { page, writeKey, deliveryTimeout },
  /** @type {readonly Expected[]} */ expected,
  { timeout = 15_000 } = {},
) {
  const probes = expected.map((event) => event.probe)
  const deadline = Date.now() + timeout
  /** @type {(check: (wanted: string[]) => boolean) => Promise<void>} */
  const until = (check) =>
    page.waitForFunction(check, probes, { timeout: Math.max(1, deadline - Date.now()), polling: 50 }).then(
      () => undefined,
      (/** @type {Error} */ error) => {
        if (error.name !== 'TimeoutError') throw error
      },
    )
  await until(() => /** @type {SnippetPage} */ (/** @type {any} */ (window).snippetPage).pending() === 0)
  await until((wanted) => {
    const probe = /** @type {TagProbe} */ (/** @type {any} */ (window).__tagProbe)
    const taken = probe.calls.filter((call) => wanted.includes(/** @type {string} */ (call.probe)))
    const posted = new Set(probe.posts.filter((post) => post.path === '/v1/t').map((post) => post.probe))
    return (
      taken.every((call) => posted.has(call.probe) && (call.callbackAt ?? call.resolvedAt ?? call.rejectedAt)) &&
      probe.posts.every((post) => post.status !== undefined)
    )
  })
  const { reported, ...seen } = await page.evaluate(() => {
    const api = /** @type {SnippetPage} */ (/** @type {any} */ (window).snippetPage)
    const { calls, posts } = /** @type {TagProbe} */ (/** @type {any} */ (window).__tagProbe)
    return { outcomes: api.outcomes(), tag: { calls, posts }, reported: api.reported() }
  })
  const orphaned = await page.evaluate(orphanedCalls)
  const received = (await stack.collector.all())
    .map((call) => /** @type {Body} */ (call.body))
    .filter((body) => body.type === 'track' && body.writeKey === writeKey)
  const { problems, summary } = judge({ expected, received, orphaned, deliveryTimeout, readyTimeout: bound, ...seen })
  t.diagnostic(summary)
  if (reported.length > 0)
    t.diagnostic(`onError was told ${reported.length}: ${reported[0]?.name}: ${reported[0]?.message}`)
  assert.deepStrictEqual(
    problems.slice(0, 20),
    [],
    `${problems.length} problems (${summary}):\n${problems.slice(0, 20).join('\n')}`,
  )
}

const as = (/** @type {string | null} */ userId, /** @type {string | null} */ groupId = 'acct_1') =>
  /** @type {(probe: string) => Expected} */ ((probe) => ({ probe, userId, groupId }))

/**
 * Where a scenario runs: with every stub and every way of getting the tag (four runs), or with a
 * pair that still covers both stubs and both ways, to keep the suite short (two runs): the captured
 * 4.x stub, which the library has to follow to the real tag, and the 5.x stub found on window, the
 * common install. Once the tag has loaded, the 4.x stub found on window leads to the same instance
 * as the 5.x one, and the captured 5.x stub forwards each call to it.
 * @type {Record<'all' | 'pair', readonly { stub: Stub, way: TagWay }[]>}
 */
const runs = {
  all: stubs.flatMap((stub) => ways.map((way) => ({ stub, way }))),
  pair: [
    { stub: 'classic', way: 'prop' },
    { stub: 'forwarding', way: 'window' },
  ],
}

/**
 * @typedef {object} Scenario
 * @property {string} name
 * @property {keyof typeof runs} runs
 * @property {number} [deliveryTimeout] The provider's, in ms; default 300 (the library's).
 * @property {(t: import('node:test').TestContext, page: Awaited<ReturnType<typeof open>>) => Promise<void>} run
 */

/** @type {Scenario[]} */
const scenarios = [
  {
    name: 'events before, while and after the script loads',
    runs: 'all',
    async run(t, page) {
      await run(page.page, (api) => {
        api.signIn('before-1')
        api.invite('before-2')
        api.track('Trial Started', 'before-3')
      })
      await page.scriptRuns()
      assert.ok(await isStub(page.page), 'the script runs, and has not replaced the stub yet')
      await run(page.page, (api) => {
        api.signIn('while-1')
        api.invite('while-2')
        api.track('Trial Started', 'while-3')
      })
      await page.loaded()
      await run(page.page, (api) => {
        api.signIn('after-1')
        api.invite('after-2')
        api.track('Trial Started', 'after-3')
      })
      const probes = ['before', 'while', 'after'].flatMap((phase) => [1, 2, 3].map((n) => `${phase}-${n}`))
      await verify(t, page, probes.map(as('u1')))
    },
  },
  {
    name: 'logout, an anonymous event and a sign-in in one handler, before the script loads',
    runs: 'all',
    async run(t, page) {
      await run(page.page, (api) =>
        api.switchUser({ userId: 'u2', signedOut: 'signed-out', anonymous: 'anonymous', signedIn: 'signed-in' }),
      )
      await page.loaded()
      await verify(t, page, [as('u1')('signed-out'), as(null)('anonymous'), as('u2')('signed-in')])
    },
  },
  {
    name: 'logout, an anonymous event and a sign-in in one handler, once the tag has loaded',
    runs: 'pair',
    async run(t, page) {
      await page.loaded()
      await run(page.page, (api) =>
        api.switchUser({ userId: 'u2', signedOut: 'signed-out', anonymous: 'anonymous', signedIn: 'signed-in' }),
      )
      await verify(t, page, [as('u1')('signed-out'), as(null)('anonymous'), as('u2')('signed-in')])
    },
  },
  {
    name: 'a burst of 50 events and a logout, all before the script loads',
    runs: 'pair',
    async run(t, page) {
      await run(page.page, (api) => {
        for (let i = 0; i < 50; i += 1) api.invite(`burst-${i}`)
        api.logout('signed-out')
      })
      await page.loaded()
      const burst = Array.from({ length: 50 }, (_, i) => `burst-${i}`)
      await verify(t, page, [...burst, 'signed-out'].map(as('u1')))
    },
  },
  {
    // A long task in the handler (a big render, parsing): the later events are handed over 800 ms
    // after the first, and each one's deadline starts at its own handoff. A deliveryTimeout of 1 s
    // leaves room for the tag's confirmation (about 305 ms) on a busy machine.
    name: "events and a logout in one handler, with 800 ms of the app's work after the first",
    runs: 'pair',
    deliveryTimeout: 1000,
    async run(t, page) {
      await page.loaded()
      await run(page.page, (api) => {
        api.signIn('first')
        const until = performance.now() + 800
        while (performance.now() < until);
        api.invite('second')
        api.logout('signed-out')
      })
      await verify(t, page, ['first', 'second', 'signed-out'].map(as('u1')))
    },
  },
  ...[100, 1000].map((size) => ({
    name: `useTrackBatch of ${size.toLocaleString('en')} once the tag has loaded`,
    runs: /** @type {const} */ ('pair'),
    async run(/** @type {import('node:test').TestContext} */ t, /** @type {Awaited<ReturnType<typeof open>>} */ page) {
      // Ready, not only loaded: until the library has the tag ready, calls wait for it, and 1,000
      // events behind the identify and the group are over the queue's 1,000 (its oldest are dropped).
      await page.ready()
      await run(page.page, (api, count) => api.batch('batch-', count), size)
      const expected = Array.from({ length: size }, (_, i) => as('u1')(`batch-${i}`))
      // On a loaded machine the real tag took up to 23 s to confirm the last of 1,000.
      await verify(t, page, expected, { timeout: size * 60 })
    },
  })),
]

for (const scenario of scenarios) {
  for (const { stub, way } of runs[scenario.runs]) {
    const name = `${label(stub, way)}: ${scenario.name}`
    test(name, async (t) => scenario.run(t, await open(t, stub, way, scenario)))
  }
}
