import { engine } from '@intilery/core/engine'
import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { IntileryProvider, usePageView, useTrackSignUp } from '../index'
import { clearBrowserState, realTag, startCollector } from './realTag'

type Collector = Awaited<ReturnType<typeof startCollector>>
let collector: Collector

const start = location.href
beforeEach(async () => {
  clearBrowserState()
  collector = await startCollector()
})
afterEach(async () => {
  history.replaceState(null, '', start)
  document.title = ''
  await collector.stop()
})

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20))
}

const bodies = (path: string) =>
  collector.received.filter((call) => call.path === path).map((call) => call.body as Record<string, unknown>)

describe('personal data with the real analytics.js tag and a collector on 127.0.0.1', () => {
  it('an invite link ?email=…&token=… visited as a page view arrives redacted, in its properties and context.page', async () => {
    history.replaceState(null, '', '/invite?email=pgibbons%40example.com&token=s3cr3t&team=acct_123')
    document.title = 'Join Initech — pgibbons@example.com'
    const tag = realTag(collector.port)
    const wrapper = ({ children }: { children: ReactNode }) => (
      <IntileryProvider tag={tag} groupId="acct_123" validation="off" deliveryTimeout={5000}>
        {children}
      </IntileryProvider>
    )
    // The page view the snippet recipe leaves to the app: usePageView, with the path and search.
    renderHook(() => usePageView(undefined, { path: location.pathname, search: location.search }), { wrapper })
    await until(() => bodies('/v1/p').length === 1)
    const [page] = bodies('/v1/p')
    const redacted = {
      path: '/invite',
      referrer: '',
      search: '?email=[redacted]&token=[redacted]&team=acct_123',
      title: 'Join Initech — [redacted]',
      url: `${location.origin}/invite?email=[redacted]&token=[redacted]&team=acct_123`,
    }
    expect((page?.context as { page: unknown }).page).toEqual(redacted)
    expect(page?.properties).toEqual(redacted)
    const wire = JSON.stringify(collector.received)
    for (const secret of ['pgibbons', 's3cr3t']) expect(wire).not.toContain(secret)
  })

  it("personalData: 'omit' delivers Signed Up without email or names", async () => {
    const tag = realTag(collector.port)
    const wrapper = ({ children }: { children: ReactNode }) => (
      <IntileryProvider
        tag={tag}
        engine={engine}
        userId="019mr8mf4r"
        traits={{ email: 'pgibbons@example.com', plan: 'pro' }}
        groupId="acct_123"
        personalData="omit"
        deliveryTimeout={5000}
      >
        {children}
      </IntileryProvider>
    )
    const { result } = renderHook(() => useTrackSignUp(), { wrapper })
    const properties = {
      type: 'organic',
      first_name: 'Peter',
      last_name: 'Gibbons',
      email: 'pgibbons@example.com',
      phone: '410-555-9412',
      username: 'pgibbons',
      title: 'Mr',
    }
    const delivery = await act(() => result.current.mutateAsync({ properties }))
    expect(delivery.status).toBe('acknowledged')
    await until(() => collector.tracks().length === 1 && bodies('/v1/i').length === 1)
    const [signedUp] = collector.tracks()
    expect(signedUp).toMatchObject({ event: 'Signed Up', userId: '019mr8mf4r', context: { groupId: 'acct_123' } })
    expect(signedUp?.properties).toEqual({ type: 'organic', title: 'Mr' })
    expect(bodies('/v1/i')[0]?.traits).toEqual({ plan: 'pro' })
    const wire = JSON.stringify(collector.received)
    for (const value of ['pgibbons', 'Gibbons', 'Peter', '410-555']) expect(wire).not.toContain(value)
  })
})
