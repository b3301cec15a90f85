// @ts-check
// Personal data with the real @segment/analytics-next in Debian's chromium, posting to the collector
// on 127.0.0.1 (nothing routed or mocked), in the suite's two setups:
// - `npm`: the playground (index.html), whose tag is AnalyticsBrowser.load() from npm, given to the
//   provider as `tag`; its stories are hash routes, and its PageViews sends the route's path and search;
// - `snippet`: snippet.html, whose snippet (src/snippet/snippet.js, without the official snippet's own
//   page()) loads the standalone build from a local CDN; the app's usePageView() sends the first page
//   view. Run with the 5.x stub found on window (the common install) and the 4.x stub captured as
//   `tag={window.analytics}` (which the library has to follow to the real tag).
// What is checked is what the collector received and every request the browser sent: an invite
// link's email and token reach nothing, its other parameters arrive as they were; with
// `personalData: 'omit'` Signed Up arrives without its marked properties, and with the default
// with all of them.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { beforeEach, test } from 'node:test'
import { stackForFile } from './harness.js'
import { show, sleep } from './received.js'

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').BrowserContext} BrowserContext */
/** @typedef {import('../collector/collector.ts').ReceivedCall} ReceivedCall */
/** @typedef {import('../src/snippet/SnippetApp.tsx').SnippetPage} SnippetPage */
/** @typedef {any} Body JSON as the collector received it */

const R = '[redacted]'

/** The invite link's personal data and secret: neither may reach the collector, in any form. */
const invitee = 'samir.nagheenanajar@initech.com'
/** Looks like nothing personal: only its parameter's name (`token`) says to redact it. */
const token = 'tk-8d0c61f2a9b4e7'
/** Another email, in the fragment of the snippet page's link (never part of a page's URL). */
const fragmentEmail = 'milton.waddams@initech.com'
/** What must appear in no request body (the local part of each email, the token as it is). */
const secrets = ['nagheenanajar', '8d0c61f2a9b4e7', 'waddams', '4155550123']

/**
 * The invite link's query: the personal parameters, a phone number written with a literal `+` (as
 * a hand-made link has it, where a form would write %2B), and one that is not personal (it must
 * arrive as it is).
 */
const inviteQuery = `${new URLSearchParams({ email: invitee, token })}&ref=+14155550123&utm_source=newsletter`
/** The same query as the tag must receive it. */
const redactedInviteQuery = `email=${R}&token=${R}&ref=${R}&utm_source=newsletter`
/** The title an invite page may show: the app names the invitee. */
const inviteTitle = `Join Initech as ${invitee}`

/** The spec's Signed Up, as the tests of the spec's payloads have it. */
const signedUpExample = /** @type {Body} */ (
  JSON.parse(
    readFileSync(
      new URL('../../packages/react/src/__tests__/fixtures/b2b-saas-examples.json', import.meta.url),
      'utf8',
    ),
  ).find((/** @type {Body} */ example) => example.event === 'Signed Up')
)
/** What `personalData: 'omit'` leaves out of Signed Up: the properties the spec marks as personal data. */
const personal = ['email', 'first_name', 'last_name', 'phone', 'username']

const stack = stackForFile()
beforeEach(() => stack.collector.clear())

async function waitUntil(/** @type {() => Promise<boolean>} */ check, /** @type {string} */ what, timeout = 10_000) {
  const deadline = Date.now() + timeout
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

/**
 * One visitor's tab on a setup's page: how it is opened, driven, and what its tag sent.
 * @typedef {object} Visit
 * @property {Page} page
 * @property {string} origin The page's origin, e.g. `http://127.0.0.1:5173`.
 * @property {() => Promise<ReceivedCall[]>} received Every call the collector received from this visitor's tag.
 * @property {() => Promise<void>} signIn Sends Signed In, as the page's sign-in does.
 * @property {() => Promise<void>} signUp Sends Signed Up with the spec's properties, as a sign-up form does.
 * @property {() => Promise<void>} leave Goes, as an app's redirect does (`location.assign`), to the same
 *   page without the invite link's parameters, and waits until it has sent its page view.
 * @property {string} nextUrl The address `leave` goes to, as the tag must receive it.
 */

/**
 * A setup: how a visit starts. `path` is put before the page's own address (`/invite/<email>/accept`),
 * `query` after its own parameters, `hash` as its fragment (for the playground: the route and its
 * query, `/sign-in?…`); `personalData` is the provider's.
 * @typedef {object} Setup
 * @property {string} name
 * @property {(t: import('node:test').TestContext, link: { path?: string, query?: string, hash?: string, personalData?: 'omit' }) => Promise<Visit>} open
 * @property {string} title The page's own title.
 * @property {string} userId
 * @property {string} groupId
 * @property {boolean} routes True when the page view's path and search are the hash route's, passed by the app.
 */

/** @typedef {{ url: string, body: string | null, navigation: boolean, headers: Promise<Record<string, string>> }} SentRequest */

/** Every request each tab's browser sent, by its page. @type {WeakMap<Page, SentRequest[]>} */
const sent = new WeakMap()

/** A new visitor's tab (empty storage), with every request the browser sends recorded. */
async function newTab(/** @type {import('node:test').TestContext} */ t) {
  const context = await stack.playground.browser.newContext()
  t.after(() => context.close())
  /** @type {SentRequest[]} */
  const requests = []
  context.on('request', (request) =>
    requests.push({
      url: request.url(),
      body: request.postData(),
      navigation: request.isNavigationRequest(),
      headers: request.allHeaders().catch(() => ({})),
    }),
  )
  const page = await context.newPage()
  sent.set(page, requests)
  return page
}

/** @type {Setup} */
const npm = {
  name: 'the playground, the npm build',
  title: 'intilery-react playground',
  userId: '019mr8mf4r',
  groupId: 'acct_123',
  routes: true,
  async open(t, { path = '/', query = '', hash = '/sign-in', personalData }) {
    const page = await newTab(t)
    const search = [personalData ? `personalData=${personalData}` : '', query].filter(Boolean).join('&')
    const origin = new URL(stack.playground.url).origin
    await page.goto(`${origin}${path}${search ? `?${search}` : ''}#${hash}`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    const received = async () => (await stack.collector.all()).filter((call) => body(call).writeKey === 'playground')
    await waitUntil(
      async () => (await received()).some((call) => call.path === '/v1/p'),
      'the playground to send its page view',
    )
    const nextUrl = `${origin}/`
    return {
      page,
      origin,
      received,
      async signIn() {
        await page.getByRole('button', { name: 'Sign in' }).click()
        await arrived(received, 'Signed In')
      },
      async signUp() {
        await page.getByRole('button', { name: 'Sign up' }).click()
        await arrived(received, 'Signed Up')
      },
      nextUrl,
      async leave() {
        await page.evaluate(() => window.location.assign('/#/sign-in'))
        await page.waitForURL(`${origin}/#/sign-in`)
        await page.getByRole('heading', { level: 1 }).waitFor()
        await waitUntil(
          async () =>
            (await received()).some((call) => call.path === '/v1/p' && body(call).context.page.url === nextUrl),
          'the next page to send its page view',
        )
      },
    }
  },
}

let snippetPages = 0

/**
 * The snippet page with the given stub and way of handing the tag to the provider.
 * @param {'classic' | 'forwarding'} stub
 * @param {'window' | 'prop'} way
 * @returns {Setup}
 */
const snippet = (stub, way) => ({
  name: `the snippet page, ${stub === 'classic' ? '4.x stub, tag={window.analytics}' : '5.x stub, tag found on window'}`,
  title: 'intilery-react playground: the snippet install path',
  userId: 'u1',
  groupId: 'acct_1',
  routes: false,
  async open(t, { path = '', query = '', hash = '', personalData }) {
    assert.equal(path, '', 'the snippet page has one address')
    snippetPages += 1
    // Its own write key: the tag puts it in every message, so this visit reads its own.
    const writeKey = `privacy-${snippetPages}`
    const settings = new URLSearchParams({
      stub,
      tag: way,
      cdn: stack.cdn.url,
      writeKey,
      user: 'u1',
      group: 'acct_1',
      ...(personalData ? { personalData } : {}),
    }).toString()
    const page = await newTab(t)
    const origin = new URL(stack.playground.url).origin
    await page.goto(`${origin}/snippet.html?${[settings, query].filter(Boolean).join('&')}${hash ? `#${hash}` : ''}`)
    await page.waitForFunction(() => /** @type {any} */ (window).snippetPage !== undefined)
    const received = async () => (await stack.collector.all()).filter((call) => body(call).writeKey === writeKey)
    await waitUntil(
      async () => (await received()).some((call) => call.path === '/v1/p'),
      'the snippet page to send its page view',
    )
    /**
     * Runs `drive` in the page with its `window.snippetPage` (whose functions call the hooks).
     * @param {(api: SnippetPage, arg: Body) => void} drive
     */
    const run = async (drive, arg = {}) => {
      const api = await page.evaluateHandle(() => /** @type {SnippetPage} */ (/** @type {any} */ (window).snippetPage))
      await api.evaluate(drive, arg)
      await api.dispose()
    }
    // The write key is a parameter of the page's address, and `key` is one of the names redacted.
    const nextUrl = `${origin}/snippet.html?${settings.replace(`writeKey=${writeKey}`, `writeKey=${R}`)}`
    return {
      page,
      origin,
      received,
      async signIn() {
        await run((api) => api.signIn('signed-in'))
        await arrived(received, 'Signed In')
      },
      async signUp() {
        await run((api, properties) => api.signUp('signed-up', properties), signedUpExample.properties)
        await arrived(received, 'Signed Up')
      },
      nextUrl,
      async leave() {
        await page.evaluate((address) => window.location.assign(address), `/snippet.html?${settings}`)
        await page.waitForURL(`${origin}/snippet.html?${settings}`)
        await waitUntil(
          async () =>
            (await received()).some((call) => call.path === '/v1/p' && body(call).context.page.url === nextUrl),
          'the next page to send its page view',
        )
      },
    }
  },
})

const body = (/** @type {ReceivedCall | undefined} */ call) => /** @type {Body} */ (call?.body)

/** Waits until `event` has arrived, then 300 ms more, so that a late or duplicate message shows. */
async function arrived(/** @type {() => Promise<ReceivedCall[]>} */ received, /** @type {string} */ event) {
  await waitUntil(async () => (await received()).some((call) => body(call).event === event), `${event} to arrive`)
  await sleep(300)
}

/**
 * Asserts that none of the secrets is in any body the collector received, nor in any request the
 * tab's browser sent but its own navigations (their address is the invite link): not in a body as
 * the browser posted it (the raw text), not in an address the page asked for, and not in a header
 * sent to another origin than the page's (the collector, the CDN), where the browser's `Referer`
 * would carry the page's address. (The page's own server gets its address in `Referer` with each
 * request for the page's code, as it got the address itself.)
 */
async function assertNowhere(/** @type {Visit} */ visit) {
  const all = await stack.collector.all()
  const requests = sent.get(visit.page) ?? []
  assert.ok(
    requests.some((request) => request.url.startsWith(stack.playground.collectorUrl) && request.body),
    'the browser posted to the collector',
  )
  for (const secret of secrets) {
    const carrying = all.filter((call) => JSON.stringify(call).includes(secret))
    assert.deepStrictEqual(carrying, [], `the collector received ${secret}`)
    for (const request of requests) {
      assert.ok(!request.body?.includes(secret), `the browser posted ${secret} to ${request.url}:\n${request.body}`)
      if (!request.navigation) assert.ok(!request.url.includes(secret), `the browser asked for ${request.url}`)
      if (new URL(request.url).origin === visit.origin) continue
      const headers = JSON.stringify(await request.headers)
      assert.ok(!headers.includes(secret), `the browser sent ${secret} in a header to ${request.url}: ${headers}`)
    }
  }
}

/** The page fields of a call: `context.page`, as the tag sent it. */
const pageOf = (/** @type {ReceivedCall | undefined} */ call) =>
  /** @type {{ url: string, path: string, search: string, referrer: string, title: string }} */ (
    body(call).context?.page
  )

const calls = (/** @type {ReceivedCall[]} */ received) =>
  received.map((call) => `${call.path} ${body(call).event ?? body(call).type}: ${show(pageOf(call))}`).join('\n')

const setups = [npm, snippet('forwarding', 'window'), snippet('classic', 'prop')]

for (const setup of setups) {
  const path = setup.routes ? `/invite/${encodeURIComponent(invitee)}/accept` : ''
  const shown = setup.routes ? '/invite/<email>/accept' : ''
  test(`${setup.name}: an invite link ${shown}?email=…&token=…&utm_source=newsletter visited as a page view arrives redacted in every call's context.page, the page view's properties and the next page's referrer; utm_source intact`, async (t) => {
    const visit = await setup.open(t, {
      path,
      query: inviteQuery,
      hash: setup.routes ? '/sign-in' : `invited=${fragmentEmail}`,
    })
    // The invite page names the invitee in its title, as an app may.
    await visit.page.evaluate((title) => {
      document.title = title
    }, inviteTitle)
    await visit.signIn()
    await visit.leave()

    const received = await visit.received()
    // The invite page's address as the tag must receive it: the email in its path and query, and the
    // token, redacted; the rest as it was (the snippet page's own parameters, which nextUrl holds as
    // the tag must receive them); the fragment is no part of it.
    const inviteUrl = setup.routes
      ? `${visit.origin}/invite/${R}/accept?${redactedInviteQuery}`
      : `${visit.nextUrl}&${redactedInviteQuery}`
    const inviteSearch = inviteUrl.slice(inviteUrl.indexOf('?'))
    const invitePath = setup.routes ? `/invite/${R}/accept` : '/snippet.html'

    const first = received.filter((call) => pageOf(call)?.url === inviteUrl)
    const next = received.filter((call) => pageOf(call)?.url === visit.nextUrl)
    assert.equal(
      first.length + next.length,
      received.length,
      `every call carries the page it was made on, redacted (the invite page: ${inviteUrl}):\n${calls(received)}`,
    )
    const count = (/** @type {string} */ endpoint) => first.filter((call) => call.path === endpoint).length
    assert.deepStrictEqual(
      { identify: count('/v1/i') > 0, group: count('/v1/g') > 0, pageViews: count('/v1/p'), tracks: count('/v1/t') },
      { identify: true, group: true, pageViews: 1, tracks: 1 },
      `the invite page sent identify, group, one page view (the library's: the snippet sends none) and Signed In:\n${calls(first)}`,
    )
    for (const call of first) {
      const page = pageOf(call)
      const view = call.path === '/v1/p'
      // The playground's page view carries the hash route's path and search, as its PageViews passes them.
      const routed = view && setup.routes
      const title = body(call).event === 'Signed In' ? `Join Initech as ${R}` : setup.title
      assert.deepStrictEqual(
        page,
        {
          url: inviteUrl,
          path: routed ? '/sign-in' : invitePath,
          search: routed ? '' : inviteSearch,
          referrer: '',
          title,
        },
        `${call.path} ${body(call).event ?? ''}`,
      )
      if (view) assert.deepStrictEqual(pick(body(call).properties, page), page, 'the page view properties')
    }
    const signedIn = first.find((call) => body(call).event === 'Signed In')
    assert.deepStrictEqual(
      body(signedIn).context.campaign,
      { source: 'newsletter' },
      'the tag still reads utm_source from the redacted search',
    )

    const nextView = next.find((call) => call.path === '/v1/p')
    assert.ok(nextView, 'the next page sent its page view')
    assert.equal(
      pageOf(nextView).referrer,
      inviteUrl,
      'the next page came from the invite link: its referrer, redacted',
    )
    assert.equal(body(nextView).properties.referrer, inviteUrl)
    for (const call of next) assert.equal(pageOf(call).referrer, inviteUrl, `${call.path}: referrer`)
    assert.equal(next.filter((call) => call.path === '/v1/p').length, 1, 'one page view on the next page')

    await assertNowhere(visit)
  })
}

/** The page fields of a page view's properties. */
const pick = (/** @type {Body} */ properties, /** @type {object} */ like) =>
  Object.fromEntries(Object.keys(like).map((key) => [key, properties?.[key]]))

test(`${npm.name}: an invite link in a hash route, /#/sign-in?email=…&token=…&utm_source=newsletter: the search the app passes with its page view arrives redacted`, async (t) => {
  const visit = await npm.open(t, { hash: `/sign-in?${inviteQuery}` })
  await visit.signIn()
  const received = await visit.received()
  const views = received.filter((call) => call.path === '/v1/p')
  assert.equal(views.length, 1, `one page view:\n${calls(received)}`)
  const expected = {
    url: `${visit.origin}/`,
    path: '/sign-in',
    search: `?${redactedInviteQuery}`,
    referrer: '',
    title: npm.title,
  }
  assert.deepStrictEqual(pageOf(views[0]), expected)
  assert.deepStrictEqual(pick(body(views[0]).properties, expected), expected)
  assert.deepStrictEqual(body(views[0]).context.campaign, { source: 'newsletter' })
  // The other calls carry the page's address: the route, a fragment, is not part of it.
  for (const call of received.filter((call) => call.path !== '/v1/p'))
    assert.deepStrictEqual(pageOf(call), { ...expected, path: '/', search: '' }, call.path)
  await assertNowhere(visit)
})

for (const setup of [npm, snippet('forwarding', 'window')]) {
  const { properties } = signedUpExample
  const kept = Object.fromEntries(Object.entries(properties).filter(([key]) => !personal.includes(key)))
  const probe = setup.routes ? {} : { probe: 'signed-up' }

  test(`${setup.name}: personalData 'omit' delivers Signed Up without ${personal.join(', ')}; its other properties and context.groupId intact`, async (t) => {
    const visit = await setup.open(t, { hash: setup.routes ? '/sign-up' : '', personalData: 'omit' })
    if (setup.routes) assert.ok(await visit.page.getByLabel('Omit').isChecked(), 'the switch shows Omit')
    await visit.signUp()
    const signedUp = (await visit.received()).filter((call) => body(call).event === 'Signed Up')
    assert.equal(signedUp.length, 1)
    const { userId, event, context } = body(signedUp[0])
    assert.deepStrictEqual(
      { userId, event, properties: body(signedUp[0]).properties, groupId: context.groupId },
      { userId: setup.userId, event: 'Signed Up', properties: { ...kept, ...probe }, groupId: setup.groupId },
    )
    assert.deepStrictEqual(Object.keys(kept).sort(), ['title', 'type'], "what the spec's Signed Up keeps")
    const wire = JSON.stringify(await stack.collector.all())
    for (const key of personal) {
      const value = /** @type {string} */ (properties[key])
      assert.ok(!wire.includes(value), `the collector received ${key}'s value`)
    }
  })

  test(`${setup.name}: with personalData 'send' (the default), the same Signed Up arrives with every property`, async (t) => {
    const visit = await setup.open(t, { hash: setup.routes ? '/sign-up' : '' })
    await visit.signUp()
    const signedUp = (await visit.received()).filter((call) => body(call).event === 'Signed Up')
    assert.equal(signedUp.length, 1)
    assert.deepStrictEqual(body(signedUp[0]).properties, { ...properties, ...probe })
    assert.equal(body(signedUp[0]).context.groupId, setup.groupId)
  })
}
