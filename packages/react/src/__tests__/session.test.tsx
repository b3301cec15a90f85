// Issue 10: who an event belongs to must not depend on React's effect order. Each numbered failure
// of the issue, through the public API.
import { createTracker, type Tracker } from '@intilery/core'
import { engine } from '@intilery/core/engine'
import { createRecordingTag, type RecordingTag } from '@intilery/core/testing'
import { act, render, waitFor } from '@testing-library/react'
import { StrictMode, useEffect, useLayoutEffect } from 'react'
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
import { IntileryTestProvider } from '../testing'
import { flush, follow, manualClock, renderInTestProvider } from './harness'

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

const identities = (tag: RecordingTag) =>
  tag.messages.map((m) => [m.type, m.event ?? m.groupId ?? '', m.userId ?? null, m.context?.groupId ?? null])

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
      <IntileryTestProvider tag={tag} userId="u1" groupId="acct_1">
        <TrialBanner layout={layout} />
      </IntileryTestProvider>,
    )
    await flush()
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
        <IntileryTestProvider tag={tag} userId="u1" groupId="acct_1">
          <TrialBanner />
        </IntileryTestProvider>
      </StrictMode>,
    )
    await flush()
    expect(tag.messages.filter((m) => m.type !== 'track').map((m) => m.type)).toEqual(['identify', 'group'])
    expect(tag.tracks().every((m) => m.userId === 'u1' && m.context?.groupId === 'acct_1')).toBe(true)
  })

  it('the commit that changes userId and groupId: a child mounted in it sends as the new user, in the new account', async () => {
    const tag = createRecordingTag()
    function App({ userId, groupId, banner }: { userId: string; groupId: string; banner: boolean }) {
      return (
        <IntileryTestProvider tag={tag} userId={userId} groupId={groupId}>
          {banner && <TrialBanner />}
        </IntileryTestProvider>
      )
    }
    const { rerender } = render(<App userId="u1" groupId="acct_1" banner={false} />)
    rerender(<App userId="u2" groupId="acct_2" banner />)
    await flush()
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
      <IntileryTestProvider tag={tag} userId="u1" groupId="acct_1" clock={manualClock()}>
        <TrialBanner />
      </IntileryTestProvider>,
    )
    expect(tag.messages).toEqual([])
    act(() => tag.load())
    await flush()
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
      <IntileryTestProvider tag={tag} userId="u1" groupId="acct_1">
        <AccountScope groupId="acct_2" groupTraits={{ name: 'Initrode' }}>
          <Created id="acct_2" />
        </AccountScope>
      </IntileryTestProvider>,
    )
    await flush()
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
        <IntileryTestProvider tag={tag} userId="a" groupId="acct_a" />
        <IntileryTestProvider tag={tag} userId="b" groupId="acct_b" />
      </>,
    )
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
    // IntileryProvider itself, on purpose: with no tag it reads window.analytics, where the test
    // provider would give a recording tag of its own; the second is given the page's tag, or a tracker.
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
    // The test provider gives the trackers' code as it is: they connect at once, so a warning would show now.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const tag = createRecordingTag()
    const { rerender, unmount } = render(
      <StrictMode>
        <IntileryTestProvider key="1" tag={tag} />
      </StrictMode>,
    )
    rerender(
      <StrictMode>
        <IntileryTestProvider key="2" tag={tag} />
      </StrictMode>,
    )
    unmount()
    render(
      <>
        <IntileryTestProvider tag={createRecordingTag()} />
        <IntileryTestProvider tag={createRecordingTag()} />
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
        <IntileryTestProvider tag={tag} />
        <IntileryTestProvider tag={tag} />
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
      const { result } = renderInTestProvider(() => useLogout(), { tag, userId: 'u1', groupId: 'acct_1', consent })
      await act(() => result.current.mutateAsync({ properties: { username: 'pgibbons' } }).catch(() => undefined))
      expect(tag.messages.map((m) => m.type)).toEqual(['reset'])
      expect(tag.tracks()).toEqual([])
    },
  )

  it('a tag that loads after a logout under denial is reset when it loads', async () => {
    const tag = createRecordingTag({ ready: 'manual' })
    const clock = manualClock()
    const { result } = renderInTestProvider(() => useLogout(), {
      tag,
      userId: 'u1',
      groupId: 'acct_1',
      consent: 'denied',
      logoutTimeout: 10,
      clock,
    })
    const done = result.current.mutateAsync().catch(() => undefined)
    act(() => clock.advance(10))
    await act(() => done)
    expect(tag.messages).toEqual([])
    act(() => tag.load())
    expect(tag.messages.map((m) => m.type)).toEqual(['reset'])
  })
})

describe('6. code outside React shares the provider’s tracker', () => {
  it('a tracker given to the provider: a router listener’s page views and the hooks share one queue, consent and logout', async () => {
    // IntileryProvider itself, on purpose: it is given a tracker made outside React, whose code loads
    // lazily, as an app's does. A manual clock: nothing settles for want of time.
    const tag = createRecordingTag({ ready: 'manual' })
    const tracker = createTracker({ tag, consent: 'pending', clock: manualClock() })
    // A router listener or a store middleware, outside React.
    const pages: Promise<unknown>[] = []
    const onNavigate = (path: string) => void pages.push(tracker.page(undefined, { path }))

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
      await Promise.all([done, ...pages])
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
    // IntileryProvider itself, on purpose: it is given a tracker.
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
          <IntileryTestProvider tag={tag} userId="u1" groupId="acct_1" traits={{ round }}>
            <Page path={path} />
          </IntileryTestProvider>
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
        <IntileryTestProvider
          tag={tag}
          userId="u1"
          groupId="acct_1"
          traits={{ round }}
          validation="report"
          onError={onError}
        >
          <Page name={name} />
        </IntileryTestProvider>
      )
    }
    const { rerender } = render(<App name="Home" round={0} />)
    rerender(<App name="Home" round={1} />)
    rerender(<App name="Home" round={2} />)
    rerender(<App name="Team" round={2} />)
    await flush()
    expect(onError).toHaveBeenCalledTimes(2)
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
    // IntileryProvider itself, on purpose: its tracker's code loads lazily, as an app's does.
    const tag = createRecordingTag()
    const clock = manualClock()
    let tracker: Tracker | undefined
    function Probe() {
      tracker = useTracker()
      return null
    }
    const App = ({ consent }: { consent: 'denied' | 'granted' | 'pending' }) => (
      <IntileryProvider tag={tag} consent={consent} userId="u1" groupId="acct_1" clock={clock}>
        <Probe />
      </IntileryProvider>
    )
    const { rerender } = render(<App consent={a} />)
    rerender(<App consent={b} />)
    rerender(<App consent={c} />)
    await waitFor(() => expect(tracker!.getSnapshot().consent).toBe(c))
    const sent = follow(tracker!.track('Trial Started', {}, { readyTimeout: 20 }))
    if (c === 'granted') {
      // The tag is there: once the tracker's code has loaded, the tag confirms it, with no time passing.
      await waitFor(() => expect(sent.value?.status).toBe('acknowledged'))
    } else {
      // Held for consent until readyTimeout, on the test's clock: moved until that deadline, set
      // wherever the call waits (before or after the code has loaded), has run.
      await waitFor(() => {
        clock.advance(20)
        expect(sent.value?.status).toBe('queued')
      })
    }
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
      <IntileryTestProvider tag={tag} userId={userId} groupId={groupId ?? null}>
        <AccountScope groupId="acct_B" groupTraits={{ name: 'Initech Labs' }}>
          <LogoutButton />
        </AccountScope>
      </IntileryTestProvider>
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
      <IntileryTestProvider tag={tag} consent={consent} userId="u1" groupId="acct_1">
        <AccountScope groupId="acct_child" groupTraits={{ name: 'Initech Labs' }}>
          <span />
        </AccountScope>
      </IntileryTestProvider>
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
