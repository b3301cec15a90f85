// @ts-check
// What the navigation tests and their measuring script share: the pages (e2e/navigationPages.js)
// served by the playground's dev server, the local CDN the official snippet loads the tag from, the
// collector, and how one run is opened, driven, followed to the next page and judged.
import { startStack } from './harness.js'
import { navigationPages } from './navigationPages.js'
import { sleep } from './received.js'

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').BrowserContext} BrowserContext */
/** @typedef {import('../src/navigation/NavigationApp.tsx').NavAction} NavAction */
/** @typedef {'snippet' | 'npm'} Setup */
/** @typedef {any} Body JSON as the collector received it */

/**
 * One line of a tab's log, as the page's recorder wrote it (src/navigation/handed.js).
 * @typedef {{ seq: number, page: number, phase: 'live' | 'leaving' | 'left' | 'gone', kind: 'call' | 'mark' | 'post', method: string, event?: string, probe?: string, name?: string, target?: string | null, pin?: string, type?: string, userId?: string | null, messageId?: string }} Line
 */

/**
 * A call the app made, as the tag must be handed it and the collector must receive it: `key` names
 * it (`track:<probe>`, `page:<name>`, `identify:<userId>`, `reset`); `userId` is the user it must
 * reach the collector with (`undefined`: not checked; a reset reaches no collector).
 * @typedef {{ key: string, userId?: string | null }} Expected
 */

/** How long a server takes to answer the next page, in ms: the page that navigated runs meanwhile. */
export const SERVE_MS = 100

/**
 * The playground's dev server with the navigation pages, Debian's chromium, the local CDN and the
 * collector. `close()` stops them all.
 * @param {{ launch?: import('playwright-core').LaunchOptions }} [options]
 */
export async function startNavigation({ launch } = {}) {
  const { playground, cdn, collector, close } = await startStack({ plugins: [navigationPages()], launch })
  return {
    url: playground.url,
    browser: playground.browser,
    cdn,
    collectorUrl: playground.collectorUrl,
    collector,
    close,
  }
}

/** @typedef {Awaited<ReturnType<typeof startNavigation>>} Navigation */

let visits = 0
/** A write key no other run uses: the tag puts it in every message, so a run reads only its own. */
export const freshWriteKey = (/** @type {string} */ label) => `nav-${process.pid}-${(visits += 1)}-${label}`

/**
 * Opens `/nav/<screen>` in a new tab of `context` and waits until the tag has loaded, the library's
 * code has loaded and found the tag ready (it then adds its middleware, and the tag takes it), the
 * library has handed the tag what the provider declares (its identify and group), and every request
 * the tag made is answered: the page is idle, as a page is when its user clicks. (Calls made before
 * the library's code has loaded wait for it, and are lost if the page goes first: a limit
 * docs/guarantees.md states. On the dev server on a busy machine, that code arrives a second or
 * more after the tag.)
 * @param {Navigation} nav
 * @param {BrowserContext} context
 * @param {{ setup: Setup, writeKey: string, screen?: string, user?: string, group?: string, serve?: number }} options
 */
export async function openTab(nav, context, { setup, writeKey, screen = 'start', user, group, serve = SERVE_MS }) {
  const page = await context.newPage()
  const query = new URLSearchParams({
    setup,
    writeKey,
    collector: nav.collectorUrl,
    cdn: nav.cdn.url,
    serve: String(serve),
    ...(user === undefined ? {} : { user }),
    ...(group === undefined ? {} : { group }),
  })
  await page.goto(`${nav.url}nav/${screen}?${query}`)
  await tagReady(page)
  /** @type {string[]} */
  const declared = [
    '@middleware',
    ...(user === undefined ? [] : [`identify:${user}`]),
    ...(group === undefined ? [] : [`group:${group}`]),
  ]
  await page.waitForFunction(
    (wanted) => {
      const seen = new Set(
        /** @type {any} */ (window).navRecorder
          .log()
          .map((/** @type {Line} */ line) => (line.kind === 'call' ? `${line.method}:${line.target}` : line.method)),
      )
      return wanted.every((key) => seen.has(key)) && /** @type {any} */ (window).navRecorder.idle()
    },
    declared,
    { polling: 50 },
  )
  return page
}

/** Waits until the page's tag (the snippet's real instance, or the npm build) says it has loaded. */
async function tagReady(/** @type {Page} */ page) {
  await page.waitForFunction(() => {
    const tag = /** @type {any} */ (window).navTag?.()
    return tag !== undefined && !Array.isArray(tag)
  })
  await page.evaluate(() => /** @type {any} */ (window).navTag().ready())
}

/**
 * Runs `action` in one click on `#go`, as a user's click would. With `leave`, the handler navigates:
 * this waits for the next page, its tag (which sends what the last page stored) and the collector
 * to settle, until every key of `expected` has arrived or nothing new has for a while.
 * @param {Navigation} nav
 * @param {Page} page
 * @param {NavAction} action
 * @param {{ writeKey: string, expected: readonly Expected[] }} run
 */
export async function act(nav, page, action, { writeKey, expected }) {
  await page.evaluate((next) => {
    /** @type {any} */ window.navAction = next
  }, action)
  if (action.leave) {
    await page.click('#go', { noWaitAfter: true })
    await page.waitForURL((url) => url.pathname === '/nav/app', { waitUntil: 'domcontentloaded' })
    await page.waitForFunction(() => /** @type {any} */ (window).navRecorder?.page === 2)
    await tagReady(page)
  } else {
    await page.click('#go')
  }
  await page.waitForFunction(() => /** @type {any} */ (window).navRecorder.idle(), undefined, { polling: 50 })
  await settle(nav, writeKey, expected)
}

/** Polls the collector until every expected key has arrived, or nothing new has for 1.5 s (10 s at most). */
async function settle(
  /** @type {Navigation} */ nav,
  /** @type {string} */ writeKey,
  /** @type {readonly Expected[]} */ expected,
) {
  const wanted = expected.filter((call) => call.key !== 'reset').map((call) => call.key)
  const deadline = Date.now() + 10_000
  let count = -1
  let quietSince = Date.now()
  while (Date.now() < deadline) {
    const bodies = await received(nav, writeKey)
    const keys = new Set(bodies.map(keyOf))
    if (wanted.every((key) => keys.has(key))) {
      // A little longer: a duplicate would show now.
      await sleep(300)
      return
    }
    if (bodies.length !== count) {
      count = bodies.length
      quietSince = Date.now()
    } else if (Date.now() - quietSince > 1500) return
    await sleep(100)
  }
}

/** Every body the collector received from the tag of `writeKey`, in arrival order. */
export async function received(/** @type {Navigation} */ nav, /** @type {string} */ writeKey) {
  return (await nav.collector.all())
    .map((call) => /** @type {Body} */ (call.body))
    .filter((body) => body?.writeKey === writeKey)
}

/** The log of the tab `page` is in: every page it showed, every call, mark and post. */
export const logOf = (/** @type {Page} */ page) =>
  /** @type {Promise<Line[]>} */ (page.evaluate(() => /** @type {any} */ (window).navRecorder.log()))

/** The key of a call the tag was handed, a request it posted, or a body the collector received. */
export function keyOf(/** @type {Line | Body} */ item) {
  const method = item.kind === 'post' || item.kind === undefined ? item.type : item.method
  const probe = item.kind === undefined ? item.properties?.probe : item.probe
  if (method === 'track') return `track:${probe}`
  if (method === 'page') return `page:${item.kind === undefined ? item.name : (item.name ?? item.event)}`
  if (method === 'identify' || method === 'group') {
    const target = item.kind === 'call' ? item.target : method === 'identify' ? item.userId : item.groupId
    return `${method}:${target}`
  }
  return String(method)
}

/**
 * What the library controls, and then what the tag did, for one run. `first` is the page the calls
 * were made on (1; a tab's page number).
 * - `handover`: what the library controls, and is to blame for: a call not handed to the tag by
 *   the end of the task that navigated, as a direct call in the same handler would have been (in
 *   the handler, or inside `beforeunload`), never handed, handed twice, or out of order. A call
 *   handed in a later task reaches the tag only if the next page is slow to come (and none does
 *   once the page has gone, on `pagehide`).
 * - `attribution`: the library's too: an event that reached the collector with another user than
 *   its own, or with the library's mark still in its context, or as two messages.
 * - `tag`: what the tag lost or reordered of what it was handed: handed, never received; received
 *   in another order than handed (by the order the tag posted them, across both pages).
 * - the counts: `handed` (in time: by the end of the task that navigated), `onLeave` (of them,
 *   inside `beforeunload`), `late` (handed later), `delivered` (of those handed in time),
 *   `received` (of all the calls made, however late), `duplicates` (the same message received
 *   twice: the tag resends from the next page what was in flight when the page went), `inOrder`
 *   (what was received, the tag posted in the order it was made).
 * @param {{ expected: readonly Expected[], log: readonly Line[], bodies: readonly Body[], first?: number }} seen
 */
export function judge({ expected, log, bodies, first = 1 }) {
  /** @type {string[]} */
  const handover = []
  /** @type {string[]} */
  const attribution = []
  /** @type {string[]} */
  const tag = []
  const calls = log.filter((line) => line.kind === 'call' && line.page === first)
  const wanted = new Set(expected.map((call) => call.key))

  // 1. Handed to the tag before the page went, once each, in order.
  /** @type {Map<string, Line[]>} */
  const handed = new Map()
  for (const line of calls) {
    const key = keyOf(line)
    if (wanted.has(key)) handed.set(key, [...(handed.get(key) ?? []), line])
  }
  const never = expected.filter((call) => !handed.has(call.key)).map((call) => call.key)
  /** @type {(phase: string) => string[]} */
  const handedIn = (phase) =>
    expected.filter((call) => handed.get(call.key)?.[0]?.phase === phase).map((call) => call.key)
  const late = handedIn('left')
  const gone = handedIn('gone')
  const twice = [...handed].filter(([, lines]) => lines.length > 1).map(([key]) => key)
  if (never.length > 0) handover.push(`${never.length} of ${expected.length} never handed to the tag: ${few(never)}`)
  if (late.length > 0) {
    handover.push(`${late.length} handed after the task that navigated, while the next page came: ${few(late)}`)
  }
  if (gone.length > 0) handover.push(`${gone.length} handed only once the page had gone (pagehide): ${few(gone)}`)
  if (twice.length > 0) handover.push(`${twice.length} handed more than once: ${few(twice)}`)
  const handedOrder = calls.map(keyOf).filter((key, i, all) => wanted.has(key) && all.indexOf(key) === i)
  const expectedHanded = expected.map((call) => call.key).filter((key) => handed.has(key))
  const off = expectedHanded.findIndex((key, i) => handedOrder[i] !== key)
  if (off !== -1) {
    handover.push(
      `handed out of order from #${off}: made ${few(expectedHanded.slice(off))}, handed ${few(handedOrder.slice(off))}`,
    )
  }
  const inTime = expected.filter((call) => {
    const phase = handed.get(call.key)?.[0]?.phase
    return phase === 'live' || phase === 'leaving'
  })
  const onLeave = inTime.filter((call) => handed.get(call.key)?.[0]?.phase === 'leaving').length

  // 2. What the collector received of them: each once (by message), with its own user.
  /** @type {Map<string, Body[]>} */
  const arrived = new Map()
  for (const body of bodies) {
    const key = keyOf(body)
    if (wanted.has(key)) arrived.set(key, [...(arrived.get(key) ?? []), body])
    if (body.context && Object.hasOwn(body.context, 'intileryUserId')) {
      attribution.push(`${key} reached the collector with the library's mark (context.intileryUserId)`)
    }
  }
  const deliverable = inTime.filter((call) => call.key !== 'reset')
  const lost = deliverable.filter((call) => !arrived.has(call.key)).map((call) => call.key)
  if (lost.length > 0) tag.push(`the tag lost ${lost.length} of the ${deliverable.length} it was handed: ${few(lost)}`)
  let duplicates = 0
  for (const [key, list] of arrived) {
    const ids = new Set(list.map((body) => body.messageId))
    duplicates += list.length - ids.size
    if (ids.size > 1) attribution.push(`${key} reached the collector as ${ids.size} different messages`)
  }
  for (const call of expected) {
    if (call.userId === undefined) continue
    for (const body of arrived.get(call.key) ?? []) {
      if ((body.userId ?? null) !== call.userId) {
        attribution.push(`${call.key} arrived with userId ${show(body.userId)}, expected ${show(call.userId)}`)
      }
    }
  }

  // 3. In order: the first time the tag posted each, on either page, in the order they were made.
  const posted = log
    .filter((line) => line.kind === 'post')
    .map(keyOf)
    .filter((key, i, all) => wanted.has(key) && arrived.has(key) && all.indexOf(key) === i)
  const made = expected.map((call) => call.key).filter((key) => posted.includes(key))
  const postedOff = made.findIndex((key, i) => posted[i] !== key)
  if (postedOff !== -1) {
    tag.push(
      `the tag posted out of order from #${postedOff}: made ${few(made.slice(postedOff))}, posted ${few(posted.slice(postedOff))}`,
    )
  }

  return {
    handover,
    attribution,
    tag,
    made: expected.length,
    handed: inTime.length,
    onLeave,
    late: late.length + gone.length,
    received: expected.filter((call) => arrived.has(call.key)).length,
    deliverable: deliverable.length,
    delivered: deliverable.length - lost.length,
    duplicates,
    inOrder: postedOff === -1,
  }
}

/** @typedef {ReturnType<typeof judge>} Verdict */

/** One line for a run's report. */
export const summary = (/** @type {Verdict} */ verdict) =>
  `made ${verdict.made}, handed in time ${verdict.handed} (${verdict.onLeave} inside beforeunload), ` +
  `delivered ${verdict.delivered} of ${verdict.deliverable}, duplicates ${verdict.duplicates}` +
  (verdict.tag.length > 0 ? `; the tag: ${verdict.tag.join('; ')}` : '')

const show = (/** @type {unknown} */ value) => JSON.stringify(value)
/** @type {(items: readonly unknown[]) => string} */
const few = (items) => `${items.slice(0, 8).join(', ')}${items.length > 8 ? `… (${items.length})` : ''}`
