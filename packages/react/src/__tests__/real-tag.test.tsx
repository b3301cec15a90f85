import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { IntileryProvider, useLogout, useTrack, useTrackSignIn } from '../index'
import { clearBrowserState, loadRealTag, realTag, recordPostOrder, specFields, startCollector } from './realTag'
import examples from './fixtures/b2b-saas-examples.json'

type Collector = Awaited<ReturnType<typeof startCollector>>
let collector: Collector
let posts: ReturnType<typeof recordPostOrder>

beforeEach(async () => {
  clearBrowserState()
  collector = await startCollector()
  posts = recordPostOrder()
})
afterEach(async () => {
  posts.restore()
  await collector.stop()
})

async function until(check: () => boolean, ms = 3000): Promise<void> {
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
})
