// @vitest-environment jsdom
import * as fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import { type AnalyticsTag, createTracker, type ValidationMode } from '../index'
import { validator } from '../events'
import { engine } from '../engine'
import { email, personalValue, phone } from './fixtures/personal-data'

/** A tag that keeps every call with all its arguments, as the real one would be handed them. */
function spyTag() {
  const calls: [method: string, args: unknown[]][] = []
  const record =
    (method: string) =>
    (...args: unknown[]) => {
      calls.push([method, args])
      return Promise.resolve()
    }
  const tag: AnalyticsTag = {
    track: record('track'),
    page: record('page'),
    identify: record('identify'),
    group: record('group'),
    reset: record('reset'),
    ready: (callback) => callback?.(),
  }
  const pageOf = (method: string) =>
    calls
      .filter(([name]) => name === method)
      .map(
        ([, args]) =>
          (
            args.find((arg) => typeof arg === 'object' && arg !== null && 'context' in arg) as {
              context: { page?: Record<string, string> }
            }
          )?.context.page,
      )
  return { tag, calls, pageOf }
}

const start = location.href
let warn: MockInstance<(typeof console)['warn']>
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  warn.mockRestore()
  history.replaceState(null, '', start)
  document.title = ''
  Reflect.deleteProperty(document, 'referrer')
})

function visit(path: string, title = 'Acme', referrer = '') {
  history.replaceState(null, '', path)
  document.title = title
  Object.defineProperty(document, 'referrer', { value: referrer, configurable: true })
}

function setup(validation: ValidationMode = 'off', redactQueryParams?: string[]) {
  const spy = spyTag()
  const tracker = createTracker({ engine, validator, tag: spy.tag, validation, groupId: 'acct_123', redactQueryParams })
  return { ...spy, tracker }
}

describe('the page each call carries to the tag', () => {
  it.each(['off', 'report', 'throw'] as const)(
    "an invite link's email and token are redacted in every field of every call (validation '%s')",
    async (validation) => {
      visit(
        '/invite/pgibbons@example.com?email=pgibbons%40example.com&token=s3cr3t&plan=Business',
        'Join Initech, pgibbons@example.com',
        'https://mail.example.com/inbox?code=xyz&folder=work',
      )
      const { tracker, calls, pageOf } = setup(validation)
      tracker.identify('u1', { plan: 'pro' })
      tracker.group('acct_9', { name: 'Initech' })
      await tracker.track('Signed In', { username: 'pgibbons' })
      await tracker.page(undefined, { path: location.pathname, search: location.search })
      const redacted = {
        url: 'http://localhost:3000/invite/[redacted]?email=[redacted]&token=[redacted]&plan=Business',
        path: '/invite/[redacted]',
        search: '?email=[redacted]&token=[redacted]&plan=Business',
        referrer: 'https://mail.example.com/inbox?code=[redacted]&folder=work',
        title: 'Join Initech, [redacted]',
      }
      for (const method of ['identify', 'group', 'track', 'page']) {
        expect(pageOf(method).length, method).toBeGreaterThan(0)
        for (const page of pageOf(method)) expect(page, method).toEqual(redacted)
      }
      // A page view's properties carry the same fields, the app's own included.
      const [, [, , properties]] = calls.find(([method]) => method === 'page')!
      expect(properties).toEqual(redacted)
      const sent = JSON.stringify(calls)
      for (const secret of ['pgibbons@', 'pgibbons%40', 's3cr3t', 'xyz']) expect(sent).not.toContain(secret)
    },
  )

  it('warns in development, naming the parameter and never the value', async () => {
    visit('/reset?email=pgibbons%40example.com&token=s3cr3t')
    const { tracker } = setup()
    await tracker.track('Signed In', {})
    await tracker.track('Signed In', {})
    const said = warn.mock.calls.map(([message]) => String(message))
    expect(said).toEqual([
      expect.stringContaining('query parameter "email"'),
      expect.stringContaining('query parameter "token"'),
      expect.stringContaining('query parameter "email"'),
      expect.stringContaining('query parameter "token"'),
    ])
    // url and search each say it once, however many calls carry it.
    expect(said.filter((message) => message.includes("page's url"))).toHaveLength(2)
    for (const message of said) expect(message).not.toMatch(/pgibbons|s3cr3t/)
  })

  it('an app adds names to the list; a word of a name is enough; ordinary parameters stay', async () => {
    visit('/welcome?invite=abc&reset_token=t1&apiKey=k1&utm_source=newsletter&zipcode=10001&monkey=1')
    const { tracker, pageOf } = setup('off', ['invite'])
    await tracker.track('Signed In', {})
    expect(pageOf('track')[0]?.search).toBe(
      '?invite=[redacted]&reset_token=[redacted]&apiKey=[redacted]&utm_source=newsletter&zipcode=10001&monkey=1',
    )
  })

  it('a call that waited for the tag keeps the page it was made on, redacted', async () => {
    visit('/signup?email=a%40b.co')
    const spy = spyTag()
    let ready: (() => void) | undefined
    const tag = { ...spy.tag, ready: (callback?: () => void) => void (ready = callback) }
    const tracker = createTracker({ engine, validation: 'off', tag, groupId: 'acct_123' })
    void tracker.track('Signed In', {})
    visit('/home')
    ready?.()
    await vi.waitFor(() => expect(spy.pageOf('track')).toHaveLength(1))
    expect(spy.pageOf('track')[0]).toMatchObject({ path: '/signup', search: '?email=[redacted]' })
  })

  it('one tracker follows the page as the app navigates, within a task too', async () => {
    visit('/welcome', 'Welcome')
    const { tracker, pageOf } = setup()
    await tracker.track('Signed In', {})
    // A later task, on another page: read again, and redacted.
    history.pushState(null, '', '/reset?token=s3cr3t&step=2')
    document.title = 'Reset your password'
    await tracker.track('Signed In', {})
    // In one task: an event, a navigation (a router's pushState), an event, the new screen's page view.
    void tracker.track('Signed In', {})
    history.pushState(null, '', '/teams/pgibbons@example.com')
    document.title = 'Team'
    void tracker.track('Signed In', {})
    await tracker.page('Team')
    expect(pageOf('track').map((page) => page?.path + (page?.search ?? ''))).toEqual([
      '/welcome',
      '/reset?token=[redacted]&step=2',
      '/reset?token=[redacted]&step=2',
      '/teams/[redacted]',
    ])
    expect(pageOf('track').map((page) => page?.title)).toEqual([
      'Welcome',
      'Reset your password',
      'Reset your password',
      'Team',
    ])
    expect(pageOf('page')).toEqual([expect.objectContaining({ path: '/teams/[redacted]', title: 'Team' })])
  })

  it("a phone number's literal + in an address is read as itself, not only as a form's space", async () => {
    const { tracker, pageOf } = setup()
    for (const path of [
      '/u/+14155550123/x',
      '/?phone=+14155550123&plan=pro',
      '/?ref=+1+415+555+0123&plan=pro',
      '/?ref=tel:+14155550123&plan=pro',
      '/?ref=%2B1%20415%20555%200123&plan=pro',
    ]) {
      visit(path)
      await tracker.track('Signed In', {})
    }
    expect(pageOf('track').map((page) => page?.path + (page?.search ?? ''))).toEqual([
      '/u/[redacted]/x',
      '/?phone=[redacted]&plan=pro',
      '/?ref=[redacted]&plan=pro',
      '/?ref=[redacted]&plan=pro',
      '/?ref=[redacted]&plan=pro',
    ])
  })

  it('generated emails, phones and cards in query values, path segments and titles never reach the tag', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(email, phone, personalValue),
        fc.constantFrom('q', 'ref', 'next', 'invitee'),
        async (value, name) => {
          const encoded = encodeURIComponent(value)
          visit(
            `/teams/${encoded}/members?${name}=${encoded}&page=2`,
            `Members – ${value}`,
            `https://app.example.com/?${name}=${encoded}`,
          )
          const { tracker, calls } = setup()
          await tracker.track('Signed In', {})
          const sent = JSON.stringify(calls)
          expect(sent).not.toContain(value)
          expect(sent).not.toContain(encoded)
          expect(sent).toContain('page=2')
        },
      ),
      { numRuns: 150 },
    )
  })
})
