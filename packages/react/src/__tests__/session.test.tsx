// Issue 10: who an event belongs to must not depend on React's effect order. Each numbered failure
// of the issue, through the public API.
import { createTracker, type Tracker } from '@intilery/core'
import { engine } from '@intilery/core/engine'
import { createRecordingTag, type RecordingTag } from '@intilery/core/testing'
import { act, render, renderHook } from '@testing-library/react'
import { type ReactNode, StrictMode, useEffect, useLayoutEffect } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  AccountScope,
  IntileryProvider,
  useLogout,
  usePageView,
  useTrackAccountCreated,
  useTracker,
  useTrackTrialStarted,
} from '../index'

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

const identities = (tag: RecordingTag) =>
  tag.messages.map((m) => [m.type, m.event ?? m.groupId ?? '', m.userId ?? null, m.context?.groupId ?? null])

/**
 * Waits until the tag has `count` messages. These providers validate as an app's do: the validation
 * code loads lazily, so an event goes out a few milliseconds after its identify and group.
 */
const received = (tag: RecordingTag, count: number) =>
  vi.waitFor(() => expect(tag.messages.length).toBeGreaterThanOrEqual(count))

/** A banner that sends Trial Started as it mounts, as a page does on landing. */
function TrialBanner({ layout = false }: { layout?: boolean }) {
  const { mutate } = useTrackTrialStarted()
  const useMountEffect = layout ? useLayoutEffect : useEffect
  // Once, on mount: `mutate` is stable.
  useMountEffect(() => mutate({ properties: { trial_plan_name: 'Business' } }), [mutate])
  return null
}

describe('1. an event sent as a page mounts carries the user and account of that render', () => {
  it.each([
    ['a passive effect', false],
    ['a layout effect', true],
  ])('first mount, the child sending from %s: identify and group come first', async (_, layout) => {
    const tag = createRecordingTag()
    render(
      <IntileryProvider tag={tag} userId="u1" groupId="acct_1">
        <TrialBanner layout={layout} />
      </IntileryProvider>,
    )
    await received(tag, 3)
    expect(identities(tag)).toEqual([
      ['identify', '', 'u1', null],
      ['group', 'acct_1', 'u1', null],
      ['track', 'Trial Started', 'u1', 'acct_1'],
    ])
  })

  it('the same under StrictMode: one identify, one group, and the event carries them', async () => {
    const tag = createRecordingTag()
    render(
      <StrictMode>
        <IntileryProvider tag={tag} userId="u1" groupId="acct_1">
          <TrialBanner />
        </IntileryProvider>
      </StrictMode>,
    )
    await received(tag, 3)
    expect(tag.messages.filter((m) => m.type !== 'track').map((m) => m.type)).toEqual(['identify', 'group'])
    expect(tag.tracks().every((m) => m.userId === 'u1' && m.context?.groupId === 'acct_1')).toBe(true)
  })

  it('the commit that changes userId and groupId: a child mounted in it sends as the new user, in the new account', async () => {
    const tag = createRecordingTag()
    function App({ userId, groupId, banner }: { userId: string; groupId: string; banner: boolean }) {
      return (
        <IntileryProvider tag={tag} userId={userId} groupId={groupId}>
          {banner && <TrialBanner />}
        </IntileryProvider>
      )
    }
    const { rerender } = render(<App userId="u1" groupId="acct_1" banner={false} />)
    rerender(<App userId="u2" groupId="acct_2" banner />)
    await received(tag, 5)
    expect(identities(tag)).toEqual([
      ['identify', '', 'u1', null],
      ['group', 'acct_1', 'u1', null],
      ['identify', '', 'u2', null],
      ['group', 'acct_2', 'u2', null],
      ['track', 'Trial Started', 'u2', 'acct_2'],
    ])
  })

  it('a tag that has not loaded yet gets them in the same order when it loads', async () => {
    const tag = createRecordingTag({ ready: 'manual' })
    render(
      <IntileryProvider tag={tag} userId="u1" groupId="acct_1">
        <TrialBanner />
      </IntileryProvider>,
    )
    act(() => tag.load())
    await received(tag, 3)
    expect(identities(tag)).toEqual([
      ['identify', '', 'u1', null],
      ['group', 'acct_1', 'u1', null],
      ['track', 'Trial Started', 'u1', 'acct_1'],
    ])
  })

  it('Account Created after a redirect, sent on mount with the new account’s id, inside an AccountScope', async () => {
    const tag = createRecordingTag()
    function Created({ id }: { id: string }) {
      const { mutate } = useTrackAccountCreated()
      useEffect(() => {
        mutate({ properties: { account_name: 'Initrode' }, context: { groupId: id } })
      }, [mutate, id])
      return null
    }
    render(
      <IntileryProvider tag={tag} userId="u1" groupId="acct_1">
        <AccountScope groupId="acct_2" groupTraits={{ name: 'Initrode' }}>
          <Created id="acct_2" />
        </AccountScope>
      </IntileryProvider>,
    )
    await received(tag, 4)
    expect(identities(tag)).toEqual([
      ['identify', '', 'u1', null],
      ['group', 'acct_1', 'u1', null],
      ['group', 'acct_2', 'u1', null],
      ['track', 'Account Created', 'u1', 'acct_2'],
    ])
    expect(tag.messages[2]?.traits).toEqual({ name: 'Initrode' })
  })
})

describe('4. two providers on one tag: a development warning that says why', () => {
  it('warns once, naming the shared identity, when a second provider uses the same tag', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const tag = createRecordingTag()
    render(
      <>
        <IntileryProvider tag={tag} userId="a" groupId="acct_a" />
        <IntileryProvider tag={tag} userId="b" groupId="acct_b" />
      </>,
    )
    // Once the trackers' code has loaded.
    await vi.waitFor(() => expect(warn).toHaveBeenCalled())
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /^\[intilery\] two trackers send through the same analytics tag\. One tag holds one user and account/,
    )
  })

  it.each([
    ['the default and tag={window.analytics}', (tag: RecordingTag) => <IntileryProvider engine={engine} tag={tag} />],
    [
      'the default and a tracker whose tag is a function returning window.analytics',
      (tag: RecordingTag) => <IntileryProvider tracker={createTracker({ engine, tag: () => tag })} />,
    ],
  ])('warns for two providers that reach the page’s tag differently: %s', (_, second) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const tag = createRecordingTag()
    vi.stubGlobal('analytics', tag)
    render(
      <>
        <IntileryProvider engine={engine} userId="a" />
        {second(tag)}
      </>,
    )
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('does not warn for one provider under StrictMode, for a remount, or for two tags', () => {
    // The trackers' code given as it is: they connect at once, so a warning would show now.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const tag = createRecordingTag()
    const { rerender, unmount } = render(
      <StrictMode>
        <IntileryProvider engine={engine} key="1" tag={tag} />
      </StrictMode>,
    )
    rerender(
      <StrictMode>
        <IntileryProvider engine={engine} key="2" tag={tag} />
      </StrictMode>,
    )
    unmount()
    render(
      <>
        <IntileryProvider engine={engine} tag={createRecordingTag()} />
        <IntileryProvider engine={engine} tag={createRecordingTag()} />
      </>,
    )
    expect(warn).not.toHaveBeenCalled()
  })

  it('does not warn in production', () => {
    vi.stubEnv('NODE_ENV', 'production')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const tag = createRecordingTag()
    render(
      <>
        <IntileryProvider engine={engine} tag={tag} />
        <IntileryProvider engine={engine} tag={tag} />
      </>,
    )
    expect(warn).not.toHaveBeenCalled()
    vi.unstubAllEnvs()
  })
})

describe('5. logout clears the identity the tag stored, whatever the consent', () => {
  it.each(['denied', 'pending'] as const)(
    'consent %s: reset() reaches the tag; Signed Out does not',
    async (consent) => {
      const tag = createRecordingTag()
      const { result } = renderHook(() => useLogout(), {
        wrapper: ({ children }: { children: ReactNode }) => (
          <IntileryProvider tag={tag} userId="u1" groupId="acct_1" consent={consent}>
            {children}
          </IntileryProvider>
        ),
      })
      await act(() => result.current.mutateAsync({ properties: { username: 'pgibbons' } }).catch(() => undefined))
      expect(tag.messages.map((m) => m.type)).toEqual(['reset'])
      expect(tag.tracks()).toEqual([])
    },
  )

  it('a tag that loads after a logout under denial is reset when it loads', async () => {
    const tag = createRecordingTag({ ready: 'manual' })
    const { result } = renderHook(() => useLogout(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <IntileryProvider tag={tag} userId="u1" groupId="acct_1" consent="denied" logoutTimeout={10}>
          {children}
        </IntileryProvider>
      ),
    })
    await act(() => result.current.mutateAsync().catch(() => undefined))
    act(() => tag.load())
    expect(tag.messages.map((m) => m.type)).toEqual(['reset'])
  })
})

describe('6. code outside React shares the provider’s tracker', () => {
  it('a tracker given to the provider: a router listener’s page views and the hooks share one queue, consent and logout', async () => {
    const tag = createRecordingTag({ ready: 'manual' })
    const tracker = createTracker({ tag, consent: 'pending' })
    // A router listener or a store middleware, outside React.
    const onNavigate = (path: string) => void tracker.page(undefined, { path })

    let logout: ReturnType<typeof useLogout> | undefined
    let fromHook: ReturnType<typeof useTracker> | undefined
    function Session() {
      logout = useLogout()
      fromHook = useTracker()
      return null
    }
    render(
      <IntileryProvider tracker={tracker} userId="u1" groupId="acct_1" consent="granted">
        <Session />
      </IntileryProvider>,
    )
    expect(fromHook).toBe(tracker)
    onNavigate('/settings')
    // The hook hands the logout to the tracker when react-query runs its mutation; the router
    // listener's next page view, made after that, goes after the reset.
    let done: Promise<unknown> | undefined
    await act(async () => {
      done = logout!.mutateAsync()
    })
    onNavigate('/login')
    await act(async () => {
      tag.load()
      await done
    })
    expect(
      tag.messages.map((m) => [m.type, m.userId ?? null, (m.properties?.path as string | undefined) ?? m.event ?? '']),
    ).toEqual([
      ['identify', 'u1', ''],
      ['group', 'u1', ''],
      ['page', 'u1', '/settings'],
      ['track', 'u1', 'Signed Out'],
      ['reset', null, ''],
      ['page', null, '/login'],
    ])
  })

  it('a tracker given keeps its own session where the provider names none', async () => {
    const tag = createRecordingTag()
    const tracker = createTracker({ engine, tag, userId: 'u1', groupId: 'acct_1' })
    const { rerender } = render(<IntileryProvider tracker={tracker} />)
    rerender(<IntileryProvider tracker={tracker} />)
    expect(tracker.getSnapshot()).toMatchObject({ userId: 'u1', groupId: 'acct_1' })
    rerender(<IntileryProvider tracker={tracker} groupId="acct_2" />)
    expect(tracker.getSnapshot()).toMatchObject({ userId: 'u1', groupId: 'acct_2' })
    expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'group', 'group'])
  })
})

describe('page views (issue 15) through the same ordered session', () => {
  it('one page view per navigation under StrictMode, with the account; none for a re-render of the same page', async () => {
    const tag = createRecordingTag()
    function Page({ path }: { path: string }) {
      usePageView(undefined, { path })
      return null
    }
    function App({ path, round }: { path: string; round: number }) {
      return (
        <StrictMode>
          <IntileryProvider tag={tag} userId="u1" groupId="acct_1" traits={{ round }}>
            <Page path={path} />
          </IntileryProvider>
        </StrictMode>
      )
    }
    const { rerender } = render(<App path="/" round={0} />)
    rerender(<App path="/" round={1} />)
    rerender(<App path="/team" round={1} />)
    await act(async () => undefined)
    const pages = tag.messages.filter((m) => m.type === 'page')
    expect(pages.map((m) => [m.userId, m.properties?.path, m.context?.groupId])).toEqual([
      ['u1', '/', 'acct_1'],
      ['u1', '/team', 'acct_1'],
    ])
  })

  it('properties JSON cannot hold are reported once per page, not on every render', async () => {
    const tag = createRecordingTag()
    const onError = vi.fn()
    const cycle: Record<string, unknown> = { path: '/' }
    cycle.self = cycle
    function Page({ name }: { name: string }) {
      usePageView(name, { ...cycle })
      return null
    }
    function App({ name, round }: { name: string; round: number }) {
      return (
        <IntileryProvider
          tag={tag}
          userId="u1"
          groupId="acct_1"
          traits={{ round }}
          validation="report"
          onError={onError}
        >
          <Page name={name} />
        </IntileryProvider>
      )
    }
    const { rerender } = render(<App name="Home" round={0} />)
    rerender(<App name="Home" round={1} />)
    rerender(<App name="Home" round={2} />)
    rerender(<App name="Team" round={2} />)
    await act(async () => undefined)
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(2))
    expect(onError.mock.calls.map(([error]) => (error as Error).name)).toEqual([
      'IntileryValidationError',
      'IntileryValidationError',
    ])
    // 'report' sends an invalid event as it is, but not one JSON cannot carry: the tag would lose it.
    expect(tag.messages.filter((m) => m.type === 'page')).toEqual([])
  })
})

describe('consent from the provider’s props, and the scopes’ accounts', () => {
  it.each([
    ['granted', 'denied', 'granted'],
    ['pending', 'granted', 'pending'],
  ] as const)('consent %s → %s → %s before the tracker’s code loads ends as the last', async (a, b, c) => {
    const tag = createRecordingTag()
    let tracker: Tracker | undefined
    function Probe() {
      tracker = useTracker()
      return null
    }
    const App = ({ consent }: { consent: 'denied' | 'granted' | 'pending' }) => (
      <IntileryProvider tag={tag} consent={consent} userId="u1" groupId="acct_1">
        <Probe />
      </IntileryProvider>
    )
    const { rerender } = render(<App consent={a} />)
    rerender(<App consent={b} />)
    rerender(<App consent={c} />)
    await vi.waitFor(() => expect(tracker!.getSnapshot().consent).toBe(c))
    const delivery = await tracker!.track('Trial Started', {}, { readyTimeout: 20 })
    expect(delivery.status).toBe(c === 'granted' ? 'acknowledged' : 'queued')
    expect(tag.tracks()).toHaveLength(c === 'granted' ? 1 : 0)
  })

  it('after a logout, the next user signed in is told the scope’s account too', async () => {
    const tag = createRecordingTag()
    let logout: (() => Promise<unknown>) | undefined
    function LogoutButton() {
      logout = useLogout().mutateAsync
      return null
    }
    const App = ({ userId, groupId }: { userId?: string; groupId?: string }) => (
      <IntileryProvider tag={tag} userId={userId} groupId={groupId} engine={engine}>
        <AccountScope groupId="acct_B" groupTraits={{ name: 'Initech Labs' }}>
          <LogoutButton />
        </AccountScope>
      </IntileryProvider>
    )
    const { rerender } = render(<App userId="u1" groupId="acct_A" />)
    await act(() => logout!())
    rerender(<App />)
    rerender(<App userId="u2" groupId="acct_C" />)
    await act(async () => undefined)
    expect(
      tag.messages
        .filter((m) => m.type !== 'track')
        .map((m) => [m.type, (m.type === 'identify' ? m.userId : m.groupId) ?? null]),
    ).toEqual([
      ['identify', 'u1'],
      ['group', 'acct_A'],
      ['group', 'acct_B'],
      ['reset', null],
      ['identify', 'u2'],
      ['group', 'acct_C'],
      ['group', 'acct_B'],
    ])
  })

  it('a scope’s account traits set while consent is denied reach the tag once it is granted', async () => {
    const tag = createRecordingTag()
    const App = ({ consent }: { consent: 'denied' | 'granted' }) => (
      <IntileryProvider tag={tag} consent={consent} userId="u1" groupId="acct_1" engine={engine}>
        <AccountScope groupId="acct_child" groupTraits={{ name: 'Initech Labs' }}>
          <span />
        </AccountScope>
      </IntileryProvider>
    )
    const { rerender } = render(<App consent="denied" />)
    expect(tag.messages).toEqual([])
    rerender(<App consent="granted" />)
    await act(async () => undefined)
    expect(tag.messages.map((m) => [m.type, m.type === 'identify' ? m.userId : m.groupId, m.traits ?? null])).toEqual([
      ['identify', 'u1', null],
      ['group', 'acct_1', null],
      ['group', 'acct_child', { name: 'Initech Labs' }],
    ])
  })
})
