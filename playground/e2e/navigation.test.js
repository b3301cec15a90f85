// @ts-check
// When the page goes, and when two tabs share the tag's storage: the library with the real
// @segment/analytics-next in Debian's chromium, loaded two ways (see `setups`), posting to the
// collector. Nothing is routed or mocked, and nothing leaves 127.0.0.1.
//
// Each scenario first checks what the library controls: every call the app made was handed to the
// tag before the page went (the page's recorder, src/navigation/handed.js, writes each call the tag
// is handed to sessionStorage as it happens, and when the page is about to go and goes). A call the
// library did not hand over in time fails the test at once, never retried. Then it checks what the
// collector received. The tag itself loses now and then a request in flight when the page goes:
// a loss of a call it WAS handed is counted apart, and the run repeated (3 runs at most) before it
// fails the test. The server takes 100 ms to answer the next page, 1 s after 20 calls or more (see
// `slowServer`). `e2e/navigation.measure.js` measures the tag's losses against direct calls.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import {
  act,
  freshWriteKey,
  judge,
  logOf,
  openTab,
  received,
  SERVE_MS,
  startNavigation,
  summary,
} from './navigationRun.js'
import { sleep } from './received.js'

/** @typedef {import('./navigationRun.js').Setup} Setup */
/** @typedef {import('./navigationRun.js').Expected} Expected */
/** @typedef {import('./navigationRun.js').Verdict} Verdict */
/** @typedef {import('./navigationRun.js').Line} Line */
/** @typedef {import('playwright-core').BrowserContext} BrowserContext */

/** @type {import('./navigationRun.js').Navigation} */
let nav
before(async () => {
  nav = await startNavigation()
})
after(() => nav?.close())

/**
 * - `snippet`: the official snippet (`@segment/snippet` 5.2.1, `min()`, no `page()`) loads the
 *   standalone build from the local CDN; the provider finds `window.analytics` itself.
 * - `npm`: `AnalyticsBrowser.load()` from `@segment/analytics-next`, given to the provider as `tag`.
 * @type {readonly Setup[]}
 */
const setups = ['snippet', 'npm']

/** How many times a run whose only fault is the tag's own loss is made, in all. */
const attempts = 3

/**
 * How long the server takes to answer the next page after 20 or more calls, in ms (else
 * `SERVE_MS`, 100). The page that navigated runs meanwhile, and the tag sends what it was handed:
 * a few milliseconds of main thread per call, then a request each. With a next page in 100 ms the
 * tag alone loses part of 20 or more calls on this machine, called directly as often as through the
 * library (`node e2e/navigation.measure.js`: 100 direct calls delivered in full in 1 run of 10);
 * in 1 s it delivered every one, both ways, in 10 runs of 10. The check of what the library
 * controls does not depend on it: a call handed in a task after the one that navigated fails it,
 * however long the next page takes.
 */
const slowServer = 1000

/**
 * Runs `run` in a new visitor's browser context (empty storage, closed after), up to
 * {@link attempts} times while the only fault is what the tag lost or reordered of what it was
 * handed. What the library controls is asserted first, on every attempt.
 * @param {import('node:test').TestContext} t
 * @param {(context: BrowserContext) => Promise<Verdict[]>} run
 */
async function scenario(t, run) {
  /** @type {string[]} */
  const tagFaults = []
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const context = await nav.browser.newContext()
    /** @type {Verdict[]} */
    let verdicts
    try {
      verdicts = await run(context)
    } finally {
      await context.close()
    }
    for (const verdict of verdicts) {
      t.diagnostic(`run ${attempt}: ${summary(verdict)}`)
      assert.deepStrictEqual(
        verdict.handover,
        [],
        `the library did not hand everything over:\n${verdict.handover.join('\n')}`,
      )
      assert.deepStrictEqual(
        verdict.attribution,
        [],
        `events reached the collector wrong:\n${verdict.attribution.join('\n')}`,
      )
    }
    const faults = verdicts.flatMap((verdict) => verdict.tag)
    if (faults.length === 0) return
    tagFaults.push(`run ${attempt}: ${faults.join('; ')}`)
  }
  assert.fail(
    `in ${attempts} runs of ${attempts}, the tag lost or reordered what it was handed:\n${tagFaults.join('\n')}`,
  )
}

const probes = (/** @type {number} */ n) => Array.from({ length: n }, (_, i) => `e${i}`)

for (const setup of setups) {
  describe(`${setup === 'snippet' ? 'the official snippet' : 'AnalyticsBrowser from npm'}`, () => {
    for (const [kind, n] of /** @type {const} */ ([
      ['track', 5],
      ['track', 20],
      ['track', 100],
      ['batch', 100],
    ])) {
      const made = kind === 'track' ? `${n} separate mutates` : `one useTrackBatch of ${n}`
      const serve = n >= 20 ? slowServer : SERVE_MS
      test(`${made}, then location.assign() (next page in ${serve} ms): the collector receives them all, in order`, (t) =>
        scenario(t, async (context) => {
          const writeKey = freshWriteKey(`${setup}-${kind}-${n}`)
          const tab = await openTab(nav, context, { setup, writeKey, user: 'u1', group: 'acct_1', serve })
          /** @type {Expected[]} */
          const expected = probes(n).map((probe) => ({ key: `track:${probe}`, userId: 'u1' }))
          await act(nav, tab, { kind, n, leave: true }, { writeKey, expected })
          return [judge({ expected, log: await logOf(tab), bodies: await received(nav, writeKey) })]
        }))
    }

    test('sign-up, then a redirect: identify and Signed Up reach the collector with the new user', (t) =>
      scenario(t, async (context) => {
        const writeKey = freshWriteKey(`${setup}-sign-up`)
        // A visitor: no user, no account yet.
        const tab = await openTab(nav, context, { setup, writeKey })
        /** @type {Expected[]} */
        const expected = [
          { key: 'track:account-created' },
          { key: 'identify:u_new', userId: 'u_new' },
          { key: 'track:signed-up', userId: 'u_new' },
        ]
        await act(nav, tab, { kind: 'signUp', userId: 'u_new', leave: true }, { writeKey, expected })
        const bodies = await received(nav, writeKey)
        // Delivery wins over anonymity (docs/guarantees.md): told, not asserted.
        const created = bodies.find((body) => body.properties?.probe === 'account-created')
        if (created) t.diagnostic(`Account Created arrived with userId ${JSON.stringify(created.userId ?? null)}`)
        return [judge({ expected, log: await logOf(tab), bodies })]
      }))

    test("logout after a few events, then a redirect: the next page's storage holds no user id or traits", (t) =>
      scenario(t, async (context) => {
        const writeKey = freshWriteKey(`${setup}-logout`)
        const tab = await openTab(nav, context, { setup, writeKey, user: 'u_old', group: 'acct_1' })
        /** @type {Expected[]} */
        const expected = [
          ...probes(5).map((probe) => ({ key: `track:${probe}`, userId: 'u_old' })),
          { key: 'track:signed-out', userId: 'u_old' },
          { key: 'reset' },
        ]
        // What the logout must clear: the tag stored the user's id (localStorage and a cookie) and traits.
        assert.equal((await userStored(tab, context)).length, 3, 'the user, as the tag stored it before the logout')
        await act(nav, tab, { kind: 'logout', n: 5, leave: true }, { writeKey, expected })
        const verdict = judge({ expected, log: await logOf(tab), bodies: await received(nav, writeKey) })
        // The reset was handed over in time (asserted with the verdict): the next page finds no user.
        if (verdict.handover.length === 0) {
          /** @type {{ localStorage: Record<string, string | null>, cookie: string }} */
          const start = await tab.evaluate(() => /** @type {any} */ (window).navRecorder.start(2))
          assert.deepStrictEqual(userIn(start.localStorage, start.cookie), [], 'as the next page started')
          assert.deepStrictEqual(await userStored(tab, context), [], 'once its tag has loaded')
        }
        return [verdict]
      }))

    test('two tabs: after tab 1 signs Bob in, tab 2 (still rendering Alice) sends as Alice, and Bob as Bob', (t) =>
      scenario(t, async (context) => {
        const writeKey = freshWriteKey(`${setup}-tabs`)
        const first = await openTab(nav, context, { setup, writeKey, user: 'u_alice', group: 'acct_1' })
        const second = await openTab(nav, context, { setup, writeKey, user: 'u_alice', group: 'acct_1' })
        /** @type {Expected[]} */
        const firstExpected = [
          { key: 'track:signed-out', userId: 'u_alice' },
          { key: 'reset' },
          { key: 'identify:u_bob', userId: 'u_bob' },
          { key: 'track:signed-in', userId: 'u_bob' },
        ]
        /** @type {Expected[]} */
        const secondExpected = [{ key: 'track:account-deleted', userId: 'u_alice' }]
        await act(nav, first, { kind: 'switchUser', to: 'u_bob' }, { writeKey, expected: firstExpected })
        assert.equal(
          // The snippet's instance returns the user; the npm build, a promise of it.
          await second.evaluate(async () => (await /** @type {any} */ (window).navTag().user()).id()),
          'u_bob',
          "tab 2's tag reads Bob from the storage both tabs share",
        )
        assert.equal(await second.getByTestId('user').textContent(), 'u_alice', 'tab 2 still renders Alice')
        await act(nav, second, { kind: 'deleteAccount' }, { writeKey, expected: secondExpected })
        const bodies = await received(nav, writeKey)
        const marks = [
          ...(await pinsIn(first, context)).map((where) => `tab 1: ${where}`),
          ...(await pinsIn(second, context)).map((where) => `tab 2: ${where}`),
        ]
        assert.deepStrictEqual(marks, [], "the library's mark (intileryUserId) is left in storage")
        return [
          judge({ expected: firstExpected, log: await logOf(first), bodies }),
          judge({ expected: secondExpected, log: await logOf(second), bodies }),
        ]
      }))

    test('<Activity> under StrictMode: Team, Billing, Team, Billing sends 4 page views, in order', async (t) => {
      const shows = ['Team', 'Billing', 'Team', 'Billing']
      await scenario(t, async (context) => {
        const writeKey = freshWriteKey(`${setup}-activity`)
        const tab = await openTab(nav, context, { setup, writeKey, screen: 'activity', user: 'u1', group: 'acct_1' })
        const pageCalls = async () =>
          (await logOf(tab)).filter((line) => line.kind === 'call' && line.method === 'page').map((line) => line.name)
        for (const [i, screen] of shows.entries()) {
          if (i > 0) await tab.click(`#${screen.toLowerCase()}`)
          await tab.getByTestId('screen').filter({ visible: true }).filter({ hasText: screen }).waitFor()
          // Each show hands its page view in the commit that shows it: wait for it before the next click.
          const deadline = Date.now() + 5000
          while ((await pageCalls()).length < i + 1 && Date.now() < deadline) await sleep(50)
        }
        // A page view too many would be handed by now (effects run in the commit that shows the screen).
        await sleep(300)
        const handed = await pageCalls()
        assert.deepStrictEqual(handed, shows, 'the page views handed to the tag')
        await tab.waitForFunction(() => /** @type {any} */ (window).navRecorder.idle(), undefined, { polling: 50 })
        const deadline = Date.now() + 10_000
        let bodies = await received(nav, writeKey)
        while (bodies.filter((body) => body.type === 'page').length < shows.length && Date.now() < deadline) {
          await sleep(100)
          bodies = await received(nav, writeKey)
        }
        await sleep(300)
        bodies = await received(nav, writeKey)
        const views = bodies.filter((body) => body.type === 'page')
        const posted = (await logOf(tab)).filter((line) => line.kind === 'post' && line.type === 'page')
        /** @type {string[]} */
        const tag = []
        if (views.length < shows.length)
          tag.push(`the collector received ${views.length} page views of ${shows.length}`)
        const order = posted.map((line) => line.event)
        if (JSON.stringify(order) !== JSON.stringify(shows)) tag.push(`the tag posted them as ${order.join(', ')}`)
        return [
          {
            handover: [],
            attribution: [
              ...(views.length > shows.length ? [`the collector received ${views.length} page views`] : []),
              ...views.filter((body) => body.userId !== 'u1').map((body) => `${body.name} arrived as ${body.userId}`),
            ],
            tag,
            made: shows.length,
            handed: handed.length,
            onLeave: 0,
            late: 0,
            received: Math.min(views.length, shows.length),
            deliverable: shows.length,
            delivered: Math.min(views.length, shows.length),
            duplicates: 0,
            inOrder: JSON.stringify(order) === JSON.stringify(shows),
          },
        ]
      })
    })
  })
}

/** The user id or traits the tag's storage holds: each as `<where> <key>=<value>`. */
function userIn(/** @type {Record<string, string | null>} */ local, /** @type {string} */ cookie) {
  /** @type {string[]} */
  const found = []
  const id = local.ajs_user_id
  if (id !== undefined && id !== null && id !== 'null') found.push(`localStorage ajs_user_id=${id}`)
  const traits = local.ajs_user_traits
  if (traits !== undefined && traits !== null && traits !== '{}' && traits !== 'null') {
    found.push(`localStorage ajs_user_traits=${traits}`)
  }
  for (const pair of cookie.split(';')) {
    const [name = '', value = ''] = pair.trim().split('=')
    if ((name === 'ajs_user_id' || name === 'ajs_user_traits') && value !== '' && value !== 'null') {
      found.push(`cookie ${name}=${value}`)
    }
  }
  return found
}

/** What of the user the tag's storage holds now, in the tab's page and the context's cookies. */
async function userStored(/** @type {import('playwright-core').Page} */ tab, /** @type {BrowserContext} */ context) {
  const local = await tab.evaluate(() => Object.fromEntries(Object.entries(localStorage)))
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
  return userIn(local, cookie)
}

/** Where the library's mark (`intileryUserId`) is found in storage: localStorage, cookies, the tab's sessionStorage. */
async function pinsIn(/** @type {import('playwright-core').Page} */ tab, /** @type {BrowserContext} */ context) {
  const inPage = await tab.evaluate(() => {
    /** @type {string[]} */
    const found = []
    for (const [name, store] of /** @type {const} */ ([
      ['localStorage', localStorage],
      ['sessionStorage', sessionStorage],
    ])) {
      for (const [key, value] of Object.entries(store)) {
        // The recorder's own log (nav:…) is the test's, not the tag's.
        if (key.startsWith('nav:')) continue
        if (`${key}=${value}`.includes('intileryUserId')) found.push(`${name} ${key}`)
      }
    }
    return found
  })
  const cookies = (await context.cookies())
    .filter((c) => `${c.name}=${c.value}`.includes('intileryUserId'))
    .map((c) => `cookie ${c.name}`)
  return [...inPage, ...cookies]
}
