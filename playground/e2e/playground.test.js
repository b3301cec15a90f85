// @ts-check
// Drives every story of the playground through its UI in Debian's chromium, with the real tag
// posting to the real collector (no request is routed or mocked), and checks what the collector got.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, beforeEach, test } from 'node:test'
import { startPlayground, startPreview } from './harness.js'
import { assertSpec, collectorClient, show, sleep, specFields } from './received.js'

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {any} Body JSON as the collector received it */

/** The spec's ten examples, shared with the library's unit tests. */
const examples = /** @type {Body[]} */ (
  JSON.parse(
    readFileSync(
      new URL('../../packages/react/src/__tests__/fixtures/b2b-saas-examples.json', import.meta.url),
      'utf8',
    ),
  )
)
const example = (/** @type {string} */ event) => {
  const found = examples.find((e) => e.event === event)
  assert.ok(found, `no spec example for ${event}`)
  return found
}

/** @type {Awaited<ReturnType<typeof startPlayground>>} */
let playground
/** @type {ReturnType<typeof collectorClient>} */
let collector

before(async () => {
  playground = await startPlayground()
  collector = collectorClient(playground.collectorUrl)
})
after(() => playground?.close())
beforeEach(() => collector.clear())

/** @typedef {{ url: string, collector: ReturnType<typeof collectorClient> }} Site */

/**
 * Opens a story in a new visitor's tab (empty storage), signed in as the spec's user in its account,
 * and waits until the tag has loaded and identified them (unless the tag is blocked). `site` is the
 * dev server unless given; `init` runs in the page before any of its scripts, after recordPostOrder.
 */
async function visit(
  /** @type {import('node:test').TestContext} */ t,
  /** @type {string} */ story,
  /** @type {{ blocked?: boolean, site?: Site, init?: () => void }} */ {
    blocked = false,
    site = undefined,
    init = undefined,
  } = {},
) {
  const { url, collector: received } = site ?? { url: playground.url, collector }
  const context = await playground.browser.newContext({ viewport: { width: 1440, height: 900 } })
  t.after(() => context.close())
  await context.addInitScript(recordPostOrder)
  if (init) await context.addInitScript(init)
  const page = await context.newPage()
  const response = await page.goto(`${url}${blocked ? '?tag=blocked' : ''}#${story}`)
  await page.getByRole('heading', { level: 1 }).waitFor()
  if (!blocked) {
    await waitUntil(
      async () => (await received.all()).some((call) => call.path === '/v1/g'),
      'the tag to identify and group',
    )
  }
  return { page, response }
}

const open = async (
  /** @type {import('node:test').TestContext} */ t,
  /** @type {string} */ story,
  /** @type {{ blocked?: boolean }} */ options = {},
) => (await visit(t, story, options)).page

const go = (/** @type {Page} */ page, /** @type {string} */ story) =>
  page.getByRole('navigation', { name: 'Stories' }).getByRole('link', { name: story, exact: true }).click()

const mutation = (/** @type {Page} */ page, /** @type {string} */ label) =>
  page.locator(`section.mutation[aria-label="${label}"]`)

async function waitUntil(/** @type {() => Promise<boolean>} */ check, /** @type {string} */ what, timeout = 5000) {
  const deadline = Date.now() + timeout
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

test('Sign-up form sends Signed Up, organic and invited', async (t) => {
  const page = await open(t, 'sign-up')
  await page.getByRole('button', { name: 'Sign up' }).click()
  await page.getByLabel('Invited').check()
  await page.getByRole('button', { name: 'Sign up' }).click()

  const [organic, invited] = await posted(page, 2)
  const spec = example('Signed Up')
  assertSpec(organic, spec)
  assertSpec(invited, { ...spec, properties: { ...spec.properties, type: 'invited' } })
  await page.getByRole('region', { name: 'Event log' }).getByText('"event": "Signed Up"').first().waitFor()
})

test('Sign-in form sends Signed In', async (t) => {
  const page = await open(t, 'sign-in')
  await page.getByRole('button', { name: 'Sign in' }).click()
  const [signedIn] = await collector.tracks(1)
  assertSpec(signedIn, example('Signed In'))
})

test('Invite a teammate sends Invite Sent', async (t) => {
  const page = await open(t, 'invite')
  await page.getByRole('button', { name: 'Send invite' }).click()
  const [invite] = await collector.tracks(1)
  assertSpec(invite, example('Invite Sent'))
})

test('Team members sends Account Added User and Account Removed User', async (t) => {
  const page = await open(t, 'team')
  await page.getByRole('button', { name: 'Add to team' }).click()
  await page.getByRole('button', { name: 'Remove Michael Bolton' }).click()
  const [added, removed] = await posted(page, 2)
  assertSpec(added, example('Account Added User'))
  assertSpec(removed, example('Account Removed User'))
})

test('Create and delete an account: Account Created with a fresh id each time, Account Deleted', async (t) => {
  const page = await open(t, 'accounts')
  const ids = page.locator('ul.accounts code')
  await page.getByRole('button', { name: 'Create account' }).click()
  await ids.nth(1).waitFor()
  await page.getByRole('button', { name: 'Create account' }).click()
  await ids.nth(2).waitFor()
  const [first, second] = [await ids.nth(1).innerText(), await ids.nth(2).innerText()]
  await page.getByRole('button', { name: 'Delete acct_123' }).click()

  const [created1, created2, deleted] = await posted(page, 3)
  assert.match(first, /^acct_[0-9a-f]{8}$/)
  assert.notEqual(first, second, 'each created account has its own id')
  assertSpec(created1, { ...example('Account Created'), context: { groupId: first } })
  assertSpec(created2, { ...example('Account Created'), context: { groupId: second } })
  assertSpec(deleted, example('Account Deleted'))
})

test('Trial banner sends Trial Started and Trial Ended with their dates', async (t) => {
  const page = await open(t, 'trial')
  await page.getByRole('button', { name: 'Start trial' }).click()
  await page.getByRole('button', { name: 'End trial' }).click()
  const [started, ended] = await posted(page, 2)
  assertSpec(started, example('Trial Started'))
  assertSpec(ended, example('Trial Ended'))
})

test('Logout sends Signed Out; later events carry no userId and a new anonymousId', async (t) => {
  const page = await open(t, 'logout')
  await page.getByRole('button', { name: 'Log out' }).click()
  await page.getByTestId('logout-took').waitFor()
  await page.getByTestId('session').getByText('userId none').waitFor()
  const [signedOut] = await collector.tracks(1)
  assertSpec(signedOut, example('Signed Out'))

  // An event that would inherit the old account is held back: no anonymous event in the old account.
  await go(page, 'Trial banner')
  await page.getByRole('button', { name: 'Start trial' }).click()
  await mutation(page, 'Trial Started').getByText('context.groupId').waitFor()

  // One that names its account goes out, anonymous.
  await go(page, 'Create and delete an account')
  await page.getByRole('button', { name: 'Create account' }).click()
  const [, anonymous] = await posted(page, 2)
  const id = await page.locator('ul.accounts code').nth(1).innerText()
  assertSpec(anonymous, { ...example('Account Created'), userId: anonymous.userId, context: { groupId: id } })
  assert.equal(anonymous.userId ?? null, null, `after logout, userId is ${show(anonymous.userId)}`)
  assert.notEqual(anonymous.anonymousId, signedOut.anonymousId, 'logout gives a new anonymousId')

  // Sign-in identifies at once (useIdentify), so Signed In carries the user; the provider, getting
  // the same userId a render later, identifies no one twice.
  await go(page, 'Sign-in form')
  await page.getByRole('button', { name: 'Sign in' }).click()
  const [, , signedIn] = await posted(page, 3)
  assertSpec(signedIn, example('Signed In'))
  assert.equal(signedIn.anonymousId, anonymous.anonymousId)
  const calls = await collector.all()
  const signedOutAt = calls.find((call) => /** @type {Body} */ (call.body).event === 'Signed Out')?.seq ?? Infinity
  const identifies = calls.filter((call) => call.path === '/v1/i' && call.seq > signedOutAt)
  assert.deepStrictEqual(
    identifies.map((call) => /** @type {Body} */ (call.body).userId),
    ['019mr8mf4r'],
    'after logout, sign-in identifies the user once',
  )
})

test('After an account switch, events carry the new groupId and none a stale one', async (t) => {
  const page = await open(t, 'switcher')
  await page.getByRole('button', { name: 'Add Peter to Initech', exact: true }).click()
  await collector.tracks(1)
  await page.getByLabel('Current account').selectOption('acct_456')
  await page.getByTestId('session').getByText('acct_456').waitFor()

  await page.getByRole('button', { name: 'Add Peter to Initrode', exact: true }).click()
  await page.getByRole('button', { name: 'Add Peter to Initrode Labs', exact: true }).click()
  await page.getByRole('button', { name: 'Add Peter to Initrode Labs R2' }).click()
  await go(page, 'Invite a teammate')
  await page.getByRole('button', { name: 'Send invite' }).click()
  await go(page, 'Trial banner')
  await page.getByRole('button', { name: 'Start trial' }).click()

  const [before, ...afterSwitch] = await posted(page, 6)
  assert.equal(before?.context.groupId, 'acct_123')
  assert.deepStrictEqual(
    afterSwitch.map((body) => [body.event, body.context.groupId]),
    [
      ['Account Added User', 'acct_456'],
      ['Account Added User', 'acct_456_labs'],
      ['Account Added User', 'acct_456_labs_r2'],
      ['Invite Sent', 'acct_456'],
      ['Trial Started', 'acct_456'],
    ],
  )
  assertSpec(afterSwitch[3], { ...example('Invite Sent'), context: { groupId: 'acct_456' } })
  const groups = (await collector.all())
    .filter((call) => call.path === '/v1/g')
    .map((call) => /** @type {Body} */ (call.body).groupId)
  assert.deepStrictEqual(groups, ['acct_123', 'acct_456'], 'the tag is told of the switch with group()')
})

test('Sent on landing: Trial Started from a mount effect carries the user and account; Account Created after a redirect', async (t) => {
  const page = await open(t, 'landing')
  const [started] = await collector.tracks(1)
  assertSpec(started, example('Trial Started'))

  await page.getByRole('button', { name: 'Create an account and go to it' }).click()
  const [, created] = await posted(page, 2)
  const id = await page.locator('section.demo code').first().innerText()
  assertSpec(created, { ...example('Account Created'), context: { groupId: id } })
  // The new account's traits went to the tag with group(), as the user, before Account Created.
  const calls = await collector.all()
  const group = calls.find((call) => call.path === '/v1/g' && /** @type {Body} */ (call.body).groupId === id)
  assert.ok(group, `no group call for ${id}:\n${show(calls.map((call) => call.path))}`)
  assert.deepStrictEqual(
    { userId: /** @type {Body} */ (group.body).userId, traits: /** @type {Body} */ (group.body).traits },
    { userId: '019mr8mf4r', traits: { name: 'Initech', plan: 'Business' } },
  )
  const createdAt = calls.find((call) => /** @type {Body} */ (call.body).event === 'Account Created')?.seq ?? 0
  assert.ok(group.seq < createdAt, 'group() before Account Created')
})

test('Page views: one per story, with the user and account, in order with events across a logout', async (t) => {
  const page = await open(t, 'sign-in')
  await go(page, 'Trial banner')
  await go(page, 'Logout button')
  await page.getByRole('button', { name: 'Log out' }).click()
  await page.getByTestId('session').getByText('userId none').waitFor()
  await go(page, 'Sign-in form')
  await waitUntil(
    async () => (await collector.all()).filter((call) => call.path === '/v1/p').length >= 4,
    'four page views',
  )
  const received = (await collector.all()).filter((call) => call.path === '/v1/p' || call.path === '/v1/t')
  const calls = await inPostOrder(
    page,
    received.map((call) => /** @type {Body} */ (call.body)),
    ['/v1/p', '/v1/t'],
  )
  assert.deepStrictEqual(
    calls.map((body) => [
      body.type,
      body.properties.path ?? body.event,
      body.userId ?? null,
      body.context?.groupId ?? null,
    ]),
    [
      ['page', '/sign-in', '019mr8mf4r', 'acct_123'],
      ['page', '/trial', '019mr8mf4r', 'acct_123'],
      ['page', '/logout', '019mr8mf4r', 'acct_123'],
      ['track', 'Signed Out', '019mr8mf4r', 'acct_123'],
      // After logout: no user, and no inherited account until the app sets one or someone signs in.
      ['page', '/sign-in', null, null],
    ],
  )
  // The group call carried the account's traits.
  const group = (await collector.all()).find((call) => call.path === '/v1/g')
  assert.ok(group, 'a group call')
  assert.deepStrictEqual(/** @type {Body} */ (group.body).traits, { name: 'Initech', plan: 'Business' })
})

test('The devtools panel lists page views and group calls beside events', async (t) => {
  const page = await open(t, 'switcher')
  await page.getByRole('button', { name: /Open Intilery devtools/ }).click()
  const panel = page.getByRole('region', { name: 'Intilery events' })
  await page.getByLabel('Current account').selectOption('acct_456')
  await panel.getByRole('rowheader', { name: 'group acct_456' }).waitFor()
  await page.getByRole('button', { name: 'Add Peter to Initrode', exact: true }).click()
  await panel.getByRole('rowheader', { name: 'Account Added User' }).waitFor()
  // The open panel covers the navigation: close it, move on, open it again.
  await page.getByRole('button', { name: 'Close Intilery devtools' }).click()
  await go(page, 'Invite a teammate')
  await page.getByRole('button', { name: /Open Intilery devtools/ }).click()
  await panel.getByRole('rowheader', { name: 'page view' }).first().waitFor()
})

test('Bad input shows the failing path, never the value, and sends nothing', async (t) => {
  const page = await open(t, 'bad-input')
  await page.getByRole('button', { name: 'Send invite' }).click()
  await page.getByRole('button', { name: 'Start trial' }).click()

  const inviteError = await mutation(page, 'Invite Sent').getByRole('alert').innerText()
  const trialError = await mutation(page, 'Trial Started').getByRole('alert').innerText()
  assert.match(inviteError, /properties\.invitee_email/)
  assert.match(inviteError, /Not sent/)
  assert.match(trialError, /properties\.trial_start_date/)
  const shown =
    (await page.locator('section.demo').innerText()) +
    (await page.getByRole('region', { name: 'Event log' }).innerText())
  for (const value of ['peter.gibbons@', '28/08/2018']) {
    assert.ok(!shown.includes(value), `the page shows the invalid value ${value}:\n${shown}`)
  }
  await collector.tracks(0)

  await page.getByLabel('Invitee email').fill('peter@example.com')
  await page.getByRole('button', { name: 'Send invite' }).click()
  const [invite] = await collector.tracks(1)
  assertSpec(invite, { ...example('Invite Sent'), properties: { invitee_email: 'peter@example.com' } })
})

test('Blocked tag: forms still submit, logout settles within its bound, nothing is sent', async (t) => {
  const page = await open(t, 'sign-in', { blocked: true })
  await page.getByRole('button', { name: 'Sign in' }).click()
  await mutation(page, 'Signed In').locator('[data-delivery="queued"]').waitFor({ timeout: 3000 })
  await go(page, 'Invite a teammate')
  await page.getByRole('button', { name: 'Send invite' }).click()
  await mutation(page, 'Invite Sent').locator('[data-delivery="queued"]').waitFor({ timeout: 3000 })

  await go(page, 'Logout button')
  await page.getByRole('button', { name: 'Log out' }).click()
  const took = Number(/(\d+) ms/.exec(await page.getByTestId('logout-took').innerText({ timeout: 3000 }))?.[1])
  assert.ok(took <= 1200, `logout took ${took} ms; its bound is 1000 ms`)
  await page.getByTestId('session').getByText('userId none').waitFor()
  // Logout never fails for want of a tag: Signed Out waits, queued, with the reset after it.
  await mutation(page, 'Signed Out').locator('[data-delivery="queued"]').waitFor()
  assert.deepStrictEqual(await collector.all(), [], 'a blocked tag sends nothing')
})

test('Collector down: the tag takes the event and delivers it once the collector is back', async (t) => {
  t.after(() => fetch(`${playground.url}__collector/up`, { method: 'POST' }))
  const page = await open(t, 'sign-in')
  await page.getByLabel('Collector down').check()
  await page.getByRole('region', { name: 'Event log' }).getByText('The collector is down').waitFor()
  await page.getByRole('button', { name: 'Sign in' }).click()
  await mutation(page, 'Signed In').and(page.locator('[data-status="success"]')).waitFor()
  await sleep(500)

  await page.getByLabel('Normal').check()
  const [signedIn] = await collector.tracks(1, 15_000)
  assertSpec(signedIn, example('Signed In'))
})

test('A delivered event settles as acknowledged', async (t) => {
  const page = await open(t, 'sign-in')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await collector.tracks(1)
  assert.equal(
    await mutation(page, 'Signed In').locator('[data-delivery]').getAttribute('data-delivery'),
    'acknowledged',
  )
})

test('Consent pending holds events; granting sends them in order', async (t) => {
  const { page } = await visit(t, 'trial')
  await page.getByLabel('Pending', { exact: true }).check()
  assert.match(page.url(), /[?&]consent=pending/)
  await page.getByRole('button', { name: 'Start trial' }).click()
  await page.getByRole('button', { name: 'End trial' }).click()
  await mutation(page, 'Trial Ended').locator('[data-delivery="queued"]').waitFor({ timeout: 3000 })
  await collector.tracks(0)

  await page.getByLabel('Granted', { exact: true }).check()
  // They go out together, over two connections: the tag's order is the order it posted them.
  const [started, ended] = await posted(page, 2)
  assertSpec(started, example('Trial Started'))
  assertSpec(ended, example('Trial Ended'))
})

test('Consent denied sends nothing, and discards what was held', async (t) => {
  const page = await open(t, 'trial')
  await page.getByLabel('Denied', { exact: true }).check()
  await page.getByRole('button', { name: 'Start trial' }).click()
  await mutation(page, 'Trial Started').locator('[data-delivery="discarded"]').waitFor({ timeout: 3000 })

  // Held while pending, then denied: discarded, so granting afterwards does not send it.
  await page.getByLabel('Pending', { exact: true }).check()
  await page.getByRole('button', { name: 'End trial' }).click()
  await page.getByLabel('Denied', { exact: true }).check()
  await mutation(page, 'Trial Ended').locator('[data-delivery="discarded"]').waitFor({ timeout: 3000 })
  const identified = (await collector.all()).filter((call) => call.path === '/v1/i').length
  await page.getByLabel('Granted', { exact: true }).check()
  // Leaving denied tells the tag the user again: once that has arrived, anything held would have too.
  await waitUntil(
    async () => (await collector.all()).filter((call) => call.path === '/v1/i').length > identified,
    'the identify sent on grant',
  )
  await collector.tracks(0)
})

test('Object-Action naming sends "User Signed In"; other events keep their names', async (t) => {
  const page = await open(t, 'sign-in')
  await page.getByLabel('Object-Action').check()
  await page.getByRole('button', { name: 'Sign in' }).click()
  await go(page, 'Invite a teammate')
  await page.getByRole('button', { name: 'Send invite' }).click()
  const [signedIn, invite] = await posted(page, 2)
  assertSpec(signedIn, { ...example('Signed In'), event: 'User Signed In' })
  assertSpec(invite, example('Invite Sent'))
})

/**
 * Runs in the page before its scripts: records the endpoint and messageId of every event and page
 * view the tag posts, in the order it posts them. The browser sends them over several connections at
 * once, so the collector's arrival order is the network's; the order the tag put them on the wire is
 * the library's.
 */
function recordPostOrder() {
  const page = /** @type {any} */ (window)
  const send = window.fetch
  page.__posted = []
  window.fetch = function (input, init) {
    const endpoint = String(input instanceof Request ? input.url : input).slice(-5)
    if ((endpoint === '/v1/t' || endpoint === '/v1/p') && typeof init?.body === 'string') {
      page.__posted.push([endpoint, JSON.parse(init.body).messageId])
    }
    return send.call(this, input, init)
  }
}

/**
 * The received bodies in the order the tag posted them (see recordPostOrder), after checking that
 * the collector received exactly what the tag posted to those endpoints (track calls by default).
 */
async function inPostOrder(
  /** @type {Page} */ page,
  /** @type {Body[]} */ received,
  /** @type {string[]} */ endpoints = ['/v1/t'],
) {
  const posted = /** @type {[string, string][]} */ (await page.evaluate(() => /** @type {any} */ (window).__posted))
  const ids = posted.filter(([endpoint]) => endpoints.includes(endpoint)).map(([, id]) => id)
  assert.deepStrictEqual(
    [...ids].sort(),
    received.map((body) => body.messageId).sort(),
    'the collector received exactly what the tag posted',
  )
  return ids.map((id) => received.find((body) => body.messageId === id))
}

/** Waits for exactly `count` track calls (see collector.tracks) and returns them in the tag's post order. */
async function posted(/** @type {Page} */ page, /** @type {number} */ count) {
  return inPostOrder(page, await collector.tracks(count))
}

test('Bulk invite: useTrackBatch sends 25 Invite Sent in order, each with the account', async (t) => {
  const { page } = await visit(t, 'invite')
  await page.getByRole('button', { name: 'Invite 25 teammates' }).click()
  const ordered = await posted(page, 25)
  assert.deepStrictEqual(
    ordered.map(specFields),
    Array.from({ length: 25 }, (_, i) => ({
      userId: '019mr8mf4r',
      type: 'track',
      event: 'Invite Sent',
      properties: { invitee_email: `teammate${i + 1}@example.com`, invitee_role: 'Member' },
      context: { groupId: 'acct_123' },
    })),
  )
  const state = mutation(page, 'Invite Sent × 25')
  await state.and(page.locator('[data-status="success"]')).waitFor()
  assert.equal(await state.locator('[data-delivered]').getAttribute('data-delivered'), '25')
  assert.equal(await state.locator('[data-failed]').getAttribute('data-failed'), '0')
})

/**
 * Runs in the page before its scripts: counts every `securitypolicyviolation`, with what was blocked
 * and where, so a failure names its source.
 */
function countViolations() {
  const page = /** @type {any} */ (window)
  page.__violations = []
  document.addEventListener('securitypolicyviolation', (event) => {
    page.__violations.push({
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
      sample: event.sample,
    })
  })
}

test('Under a strict CSP (the preview build), the ten events reach the collector with no violation', async (t) => {
  const preview = await startPreview()
  t.after(() => preview.close())
  const received = collectorClient(preview.collectorUrl)
  const { page, response } = await visit(t, 'sign-up', {
    site: { url: preview.url, collector: received },
    init: countViolations,
  })
  assert.equal(
    response?.headers()['content-security-policy'],
    `script-src 'self'; connect-src 'self' ${preview.collectorUrl}`,
  )
  /** @type {string[]} */
  const console = []
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) console.push(message.text())
  })

  await page.getByRole('button', { name: 'Sign up' }).click()
  await go(page, 'Sign-in form')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await go(page, 'Invite a teammate')
  await page.getByRole('button', { name: 'Send invite' }).click()
  await go(page, 'Team members')
  await page.getByRole('button', { name: 'Add to team' }).click()
  await page.getByRole('button', { name: 'Remove Michael Bolton' }).click()
  await go(page, 'Create and delete an account')
  await page.getByRole('button', { name: 'Create account' }).click()
  const created = await page.locator('ul.accounts code').nth(1).innerText()
  await page.getByRole('button', { name: 'Delete acct_123' }).click()
  await go(page, 'Trial banner')
  await page.getByRole('button', { name: 'Start trial' }).click()
  await page.getByRole('button', { name: 'End trial' }).click()
  await go(page, 'Logout button')
  await page.getByRole('button', { name: 'Log out' }).click()
  await page.getByTestId('logout-took').waitFor()

  const bodies = await received.tracks(10)
  const expected = examples.map((spec) =>
    spec.event === 'Account Created' ? { ...spec, context: { groupId: created } } : spec,
  )
  // Each goes out over its own request, so they may arrive in any order: match them by name.
  const byEvent = (/** @type {Body} */ a, /** @type {Body} */ b) => a.event.localeCompare(b.event)
  assert.deepStrictEqual([...bodies].map(specFields).sort(byEvent), [...expected].sort(byEvent))

  const violations = await page.evaluate(() => /** @type {any} */ (window).__violations)
  assert.deepStrictEqual(violations, [], `CSP violations:\n${show(violations)}\n${console.join('\n')}`)

  // The control: the same listener sees what the policy blocks, so the count above can fail. Each is
  // started from page code (Playwright's own evaluation is exempt from the page's CSP): an inline
  // script, a string timer (eval), and a request to an origin connect-src does not list.
  await page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.__ran = "inline"'
    document.head.append(script)
    setTimeout(/** @type {any} */ ('window.__ran = "eval"'))
    fetch('http://127.0.0.2:9/').catch(() => {})
  })
  await waitUntil(
    async () => (await page.evaluate(() => /** @type {any} */ (window).__violations.length)) >= 3,
    'three violations',
  )
  await sleep(100)
  const seen = await page.evaluate(() =>
    /** @type {any} */ (window).__violations.map((/** @type {any} */ v) => v.directive),
  )
  assert.deepStrictEqual(seen.sort(), ['connect-src', 'script-src', 'script-src-elem'])
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__ran), undefined, 'no blocked script ran')
})
