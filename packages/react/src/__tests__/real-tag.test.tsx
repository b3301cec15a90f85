import { engine } from '@intilery/core/engine'
import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { IntileryProvider, useLogout, useTrack, useTrackSignIn, useTracker } from '../index'
import { clearBrowserState, loadRealTag, realTag, recordPostOrder, specFields, startCollector } from './realTag'
import examples from './fixtures/b2b-saas-examples.json'

type Collector = Awaited<ReturnType<typeof startCollector>>
let collector: Collector
let posts: ReturnType<typeof recordPostOrder>

beforeEach(async () => {
  clearBrowserState()
  collector = await startCollector()
  posts = recordPostOrder(collector.port)
})
const start = location.href
afterEach(async () => {
  posts.restore()
  history.replaceState(null, '', start)
  await collector.stop()
})

/**
 * A provider's tracker, on a real tag that has not loaded; the engine from the start, so that calls
 * are stamped as they are made. These tests use the plain provider, as an app does with the real
 * tag; the test provider is for a recording tag.
 */
function trackerBeforeTheTag() {
  const tag = realTag(collector.port, false)
  const wrapper = ({ children }: { children: ReactNode }) => (
    <IntileryProvider tag={tag} userId="u1" groupId="acct_123" engine={engine}>
      {children}
    </IntileryProvider>
  )
  return { tag, ...renderHook(() => useTracker(), { wrapper }) }
}

/** Polls until `check` holds, or gives up after `ms` (generous: a busy machine delivers late, not never). */
async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20))
}

describe('with the real analytics.js tag and a collector on 127.0.0.1', () => {
  it('the collector receives exactly the spec’s ten example payloads', async () => {
    const tag = realTag(collector.port)
    const wrapper = ({ children }: { children: ReactNode }) => (
      // A generous deliveryTimeout: this test is about what the tag confirms, not how fast, on a busy machine.
      <IntileryProvider tag={tag} userId="019mr8mf4r" groupId="acct_123" deliveryTimeout={5000}>
        {children}
      </IntileryProvider>
    )
    const { result } = renderHook(() => useTrack(), { wrapper })
    const deliveries = await act(() =>
      Promise.all(
        examples.map((example) =>
          result.current.mutateAsync({ event: example.event, properties: example.properties } as never),
        ),
      ),
    )
    await until(() => collector.tracks().length === examples.length)
    expect(posts.inPostOrder(collector.tracks()).map(specFields)).toEqual(examples)
    // the real tag confirms each event (at its own 300 ms callback timeout at the latest)
    expect(deliveries.map((delivery) => delivery.status)).toEqual(examples.map(() => 'acknowledged'))
  })

  it('identify, track, logout, track before the tag loads: order kept, no identity after logout', async () => {
    const tag = realTag(collector.port, false)
    const wrapper = ({ children }: { children: ReactNode }) => (
      <IntileryProvider tag={tag} userId="u1" groupId="acct_123">
        {children}
      </IntileryProvider>
    )
    const { result } = renderHook(() => ({ signIn: useTrackSignIn(), logout: useLogout() }), { wrapper })
    await act(async () => {
      result.current.signIn.mutate({ properties: { username: 'A' } })
      result.current.logout.mutate()
      result.current.signIn.mutate({ properties: { username: 'B' }, context: { groupId: 'acct_123' } })
    })
    loadRealTag(tag, collector.port)
    await until(() => collector.tracks().length === 3)
    const tracks = posts.inPostOrder(collector.tracks())
    expect(tracks.map((body) => [body.event, body.userId ?? null])).toEqual([
      ['Signed In', 'u1'],
      ['Signed Out', 'u1'],
      ['Signed In', null],
    ])
    expect(tracks[2]?.anonymousId).not.toBe(tracks[0]?.anonymousId)
  })

  it('calls that wait for the tag keep the page and the time they were made at, not those of the handoff', async () => {
    const { tag, result } = trackerBeforeTheTag()
    await act(async () => {
      history.pushState(null, '', '/team?tab=members')
      void result.current.page('Team')
      void result.current.track('Signed In', {})
      history.pushState(null, '', '/billing')
      void result.current.page('Billing')
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    history.pushState(null, '', '/elsewhere')
    const loadedAt = Date.now()
    loadRealTag(tag, collector.port)
    const sent = () => collector.received.filter((call) => call.path === '/v1/p' || call.path === '/v1/t')
    await until(() => sent().length === 3)
    const where = Object.fromEntries(
      sent()
        .map((call) => call.body as Record<string, any>) // eslint-disable-line @typescript-eslint/no-explicit-any
        .map((body) => [
          body.name ?? body.event,
          {
            page: body.context.page.path,
            url: new URL(body.context.page.url).pathname + new URL(body.context.page.url).search,
            ...(body.type === 'page' ? { path: body.properties.path, search: body.properties.search } : {}),
            before: Date.parse(body.timestamp) < loadedAt,
          },
        ]),
    )
    expect(where).toEqual({
      Team: { page: '/team', url: '/team?tab=members', path: '/team', search: '?tab=members', before: true },
      'Signed In': { page: '/team', url: '/team?tab=members', before: true },
      Billing: { page: '/billing', url: '/billing', path: '/billing', search: '', before: true },
    })
  })

  it('the page a waiting call keeps is the one the tag itself records for a call made then, canonical URL included', async () => {
    const { tag, result } = trackerBeforeTheTag()
    const canonical = Object.assign(document.createElement('link'), {
      rel: 'canonical',
      href: 'https://example.com/docs',
    })
    document.head.append(canonical)
    const title = document.title
    document.title = 'Docs'
    await act(async () => {
      history.pushState(null, '', '/docs/intro?ref=nav#install')
      void result.current.page('Ours')
      void tag.page(null, 'Direct')
    })
    canonical.remove()
    document.title = title
    history.pushState(null, '', '/elsewhere')
    loadRealTag(tag, collector.port)
    const pages = () =>
      collector.received.filter((call) => call.path === '/v1/p').map((call) => call.body as Record<string, any>) // eslint-disable-line @typescript-eslint/no-explicit-any
    await until(() => pages().length === 2)
    const ours = pages().find((body) => body.name === 'Ours')!
    const direct = pages().find((body) => body.name === 'Direct')!
    expect(ours.context.page).toEqual(direct.context.page)
    expect({ ...ours.properties, name: undefined }).toEqual({ ...direct.properties, name: undefined })
    expect(ours.context.page).toMatchObject({ path: '/docs', url: 'https://example.com/docs?ref=nav', title: 'Docs' })
  })
})
