import { renderToString } from 'react-dom/server'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../index'

const { AccountScope, IntileryProvider } = api

/** Every public hook, read from the package itself: a hook added later is covered without editing this test. */
const hooks = Object.entries(api).filter(([name]) => name.startsWith('use')) as [string, () => unknown][]

function EveryHook() {
  const states = hooks.map(([name, useHook]) => {
    // useTrackEvent takes its event; the others take nothing. The tracker (useTracker) is an object.
    const result = name === 'useTrackEvent' ? (useHook as (event: string) => unknown)('Signed In') : useHook()
    const described =
      typeof result === 'function'
        ? 'function'
        : result === undefined
          ? 'void'
          : ((result as { status?: string }).status ?? 'object')
    return `${name}:${described}`
  })
  return (
    <ul>
      {states.map((state) => (
        <li key={state}>{state}</li>
      ))}
    </ul>
  )
}

describe('server rendering (node, no window)', () => {
  const console_ = { error: vi.fn(), warn: vi.fn(), log: vi.fn() }

  beforeEach(() => {
    for (const [method, spy] of Object.entries(console_)) vi.spyOn(console, method as 'error').mockImplementation(spy)
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('renders every public component and hook, reads no window, sends nothing, warns nothing', () => {
    expect(typeof window).toBe('undefined')
    const html = renderToString(
      <IntileryProvider groupId="acct_123" userId="019mr8mf4r" traits={{ plan: 'pro' }}>
        <AccountScope groupId="acct_456">
          <EveryHook />
        </AccountScope>
      </IntileryProvider>,
    )
    expect(html).toContain('useTrackSignIn:idle')
    expect(html).toContain('useLogout:idle')
    expect(html).toContain('useTrackBatch:idle')
    expect(html).toContain('useIdentify:function')
    expect(html).toContain('usePageView:void')
    expect(html).toContain('useTracker:object')
    expect(html).toContain('useTrackEvent:idle')
    expect(hooks.length).toBeGreaterThanOrEqual(14)
    expect(html.match(/<li>/g)).toHaveLength(hooks.length)
    for (const spy of Object.values(console_)) expect(spy).not.toHaveBeenCalled()
  })

  it('renders with a tag given, and never calls it on the server', () => {
    const tag = { track: vi.fn(), identify: vi.fn(), group: vi.fn(), page: vi.fn(), reset: vi.fn(), ready: vi.fn() }
    renderToString(
      <IntileryProvider tag={tag} groupId="acct_123" userId="019mr8mf4r">
        <EveryHook />
      </IntileryProvider>,
    )
    for (const method of Object.values(tag)) expect(method).not.toHaveBeenCalled()
    for (const spy of Object.values(console_)) expect(spy).not.toHaveBeenCalled()
  })

  it('a tracker given is told nothing and started by nothing on the server: that happens in effects', () => {
    const tracker = api.createTracker({ engine: () => Promise.reject(new Error('never loaded on the server')) })
    const told = ['declare', 'sync', 'mount', 'identify', 'group', 'setConsent'] as const
    const spies = told.map((method) => vi.spyOn(tracker, method))
    renderToString(
      <IntileryProvider tracker={tracker} userId="019mr8mf4r" groupId="acct_123" consent="granted">
        <AccountScope groupId="acct_456" groupTraits={{ name: 'Initrode' }}>
          <EveryHook />
        </AccountScope>
      </IntileryProvider>,
    )
    for (const spy of spies) expect(spy).not.toHaveBeenCalled()
  })
})
