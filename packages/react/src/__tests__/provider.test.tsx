import { engine } from '@intilery/core/engine'
import { createRecordingTag } from '@intilery/core/testing'
import { MutationCache, QueryClient, QueryClientProvider, useIsMutating, useQuery } from '@tanstack/react-query'
import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { describe, expect, it } from 'vitest'
import {
  AccountScope,
  type Delivery,
  IntileryProvider,
  useIdentify,
  useLogout,
  useTrack,
  useTrackSignIn,
  useTrackSignUp,
} from '../index'
import { IntileryTestProvider } from '../testing'
import {
  flush,
  follow,
  type Followed,
  type ManualClock,
  manualClock,
  renderInTestProvider,
  renderWithTag,
} from './harness'

describe('IntileryProvider: identity', () => {
  it('identifies and groups once under StrictMode', async () => {
    const tag = createRecordingTag()
    render(
      <StrictMode>
        <IntileryTestProvider tag={tag} userId="019mr8mf4r" traits={{ plan: 'pro' }} groupId="acct_123">
          <p>app</p>
        </IntileryTestProvider>
      </StrictMode>,
    )
    await screen.findByText('app')
    expect(tag.messages.map((m) => [m.type, m.userId, m.groupId])).toEqual([
      ['identify', '019mr8mf4r', undefined],
      ['group', '019mr8mf4r', 'acct_123'],
    ])
  })

  it('identifies again when userId or traits change by value, not on a re-render with equal values', () => {
    const tag = createRecordingTag()
    const App = ({ userId, plan }: { userId: string; plan: string }) => (
      <IntileryTestProvider tag={tag} groupId={null} userId={userId} traits={{ plan }} />
    )
    const { rerender } = render(<App userId="u1" plan="pro" />)
    rerender(<App userId="u1" plan="pro" />)
    expect(tag.messages.filter((m) => m.type === 'identify')).toHaveLength(1)
    rerender(<App userId="u1" plan="team" />)
    rerender(<App userId="u2" plan="team" />)
    expect(tag.messages.filter((m) => m.type === 'identify').map((m) => [m.userId, m.traits])).toEqual([
      ['u1', { plan: 'pro' }],
      ['u1', { plan: 'team' }],
      ['u2', { plan: 'team' }],
    ])
  })

  it('userId becoming undefined resets no one', () => {
    const tag = createRecordingTag()
    const { rerender } = render(<IntileryTestProvider tag={tag} groupId={null} userId="u1" />)
    rerender(<IntileryTestProvider tag={tag} groupId={null} />)
    expect(tag.messages.map((m) => m.type)).toEqual(['identify'])
  })

  it('groups again when groupId changes', () => {
    const tag = createRecordingTag()
    const { rerender } = render(<IntileryTestProvider tag={tag} groupId="acct_1" />)
    rerender(<IntileryTestProvider tag={tag} groupId="acct_1" />)
    rerender(<IntileryTestProvider tag={tag} groupId="acct_2" />)
    expect(tag.messages.map((m) => m.groupId)).toEqual(['acct_1', 'acct_2'])
  })

  it('reads window.analytics lazily when no tag is given', async () => {
    // IntileryProvider itself, on purpose: with no tag it reads window.analytics, where the test
    // provider would give a recording tag of its own. A manual clock: however long its code takes to
    // load, the event waits for the tag instead of settling at readyTimeout.
    const tag = createRecordingTag()
    const clock = manualClock()
    const { result } = renderHook(() => useTrackSignIn(), {
      wrapper: ({ children }) => (
        <IntileryProvider groupId="acct_123" clock={clock}>
          {children}
        </IntileryProvider>
      ),
    })
    ;(window as { analytics?: unknown }).analytics = tag
    try {
      await act(() => result.current.mutateAsync({ properties: {} }))
      expect(tag.tracks()).toHaveLength(1)
    } finally {
      delete (window as { analytics?: unknown }).analytics
    }
  })
})

describe('the clock prop', () => {
  it.each([
    ['the tracker’s code given, as the test provider does', engine],
    ['the tracker’s code loaded lazily, as an app’s is', undefined],
  ] as const)('deadlines run on the clock given at mount: %s', async (_, code) => {
    const tag = createRecordingTag({ ready: 'manual' })
    const clock = manualClock()
    const later = manualClock()
    let signIn: ReturnType<typeof useTrackSignIn> | undefined
    function Probe() {
      signIn = useTrackSignIn()
      return null
    }
    // IntileryProvider itself, on purpose: its prop is under test, with its own way of loading code.
    const App = ({ given }: { given: ManualClock }) => (
      <IntileryProvider tag={tag} groupId="acct_123" readyTimeout={60_000} clock={given} engine={code}>
        <Probe />
      </IntileryProvider>
    )
    const { rerender } = render(<App given={clock} />)
    let sent: Followed<Delivery> | undefined
    act(() => void (sent = follow(signIn!.mutateAsync({ properties: {} }))))
    // Read at mount: a clock given on a later render moves nothing.
    rerender(<App given={later} />)
    act(() => later.advance(120_000))
    await flush()
    act(() => clock.advance(59_999))
    await flush()
    expect(sent?.settled).toBe(false)
    // A minute the real clock never reaches while the test waits: only the clock given settles it.
    act(() => clock.advance(1))
    await waitFor(() => expect(sent?.value?.status).toBe('queued'))
    expect(tag.tracks()).toEqual([])
  })
})

describe('accounts', () => {
  function Fire({ id }: { id: string }) {
    const signIn = useTrackSignIn()
    return (
      <button type="button" onClick={() => signIn.mutate({ properties: { username: id } })}>
        {id}
      </button>
    )
  }

  it('AccountScope overrides the account for its subtree; nesting works and the innermost wins', async () => {
    const tag = createRecordingTag()
    render(
      <IntileryTestProvider tag={tag} groupId="acct_root">
        <Fire id="root" />
        <AccountScope groupId="acct_outer">
          <Fire id="outer" />
          <AccountScope groupId="acct_inner">
            <Fire id="inner" />
          </AccountScope>
        </AccountScope>
      </IntileryTestProvider>,
    )
    for (const id of ['root', 'outer', 'inner']) act(() => screen.getByText(id).click())
    await waitFor(() => expect(tag.tracks()).toHaveLength(3))
    expect(tag.tracks().map((m) => [m.properties?.username, m.context?.groupId])).toEqual([
      ['root', 'acct_root'],
      ['outer', 'acct_outer'],
      ['inner', 'acct_inner'],
    ])
  })

  it('a call’s own context.groupId overrides the scope for that call only', async () => {
    const { result, tag } = renderWithTag(() => useTrackSignIn(), { groupId: 'acct_123' })
    await act(() => result.current.mutateAsync({ properties: {}, context: { groupId: 'acct_other' } }))
    await act(() => result.current.mutateAsync({ properties: {} }))
    expect(tag.tracks().map((m) => m.context?.groupId)).toEqual(['acct_other', 'acct_123'])
  })

  it('AccountScope outside a provider is a clear error', () => {
    expect(() => render(<AccountScope groupId="a" />)).toThrow(
      '[intilery] AccountScope must be used inside <IntileryProvider>',
    )
  })

  it('a hook outside a provider is a clear error naming the hook', () => {
    expect(() => renderHook(() => useTrackSignIn())).toThrow(
      '[intilery] the "Signed In" hook must be used inside <IntileryProvider>',
    )
  })
})

describe('QueryClient', () => {
  it('works with no QueryClientProvider in the app', async () => {
    const { result, tag } = renderWithTag(() => useTrackSignIn(), { groupId: 'acct_123' })
    await act(() => result.current.mutateAsync({ properties: {} }))
    expect(tag.tracks()).toHaveLength(1)
  })

  it('never runs analytics in the app’s own client: its global handlers, useIsMutating and cache see none', async () => {
    const seen: string[] = []
    const appClient = new QueryClient({
      // An app's error toasts and spinners, and a long gcTime.
      mutationCache: new MutationCache({
        onError: () => void seen.push('onError'),
        onSuccess: () => void seen.push('onSuccess'),
        onSettled: () => void seen.push('onSettled'),
      }),
      defaultOptions: { mutations: { gcTime: 60_000 } },
    })
    const tag = createRecordingTag()
    const mutating: number[] = []
    function Spinner() {
      mutating.push(useIsMutating())
      return null
    }
    function AppQuery() {
      const query = useQuery({ queryKey: ['k'], queryFn: () => 'data' })
      return <p>{query.data ?? 'loading'}</p>
    }
    const { result } = renderHook(() => ({ signIn: useTrackSignIn(), signUp: useTrackSignUp() }), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <QueryClientProvider client={appClient}>
          <IntileryTestProvider tag={tag} groupId="acct_123">
            {children}
            <Spinner />
            <AppQuery />
          </IntileryTestProvider>
        </QueryClientProvider>
      ),
    })
    for (let i = 0; i < 5; i += 1) await act(() => result.current.signIn.mutateAsync({ properties: {} }))
    // A validation error too: the app's error toast must not fire for analytics.
    await act(() => result.current.signUp.mutateAsync({ properties: { email: 'nope' } }).catch(() => undefined))
    await screen.findByText('data')

    expect(tag.tracks()).toHaveLength(5)
    expect(seen).toEqual([])
    expect(mutating.every((count) => count === 0)).toBe(true)
    expect(appClient.getMutationCache().getAll()).toEqual([])
    expect(appClient.getQueryData(['k'])).toBe('data')
  })

  it('a client given to the provider gets every mutation, keyed ["intilery", <event>], gone once settled', async () => {
    const client = new QueryClient()
    const keys: unknown[] = []
    client.getMutationCache().subscribe((event) => {
      if (event.type === 'added') keys.push(event.mutation.options.mutationKey)
    })
    const tag = createRecordingTag()
    const { result } = renderInTestProvider(
      () => ({ signIn: useTrackSignIn(), track: useTrack(), logout: useLogout() }),
      { tag, groupId: 'acct_123', userId: 'u1', queryClient: client },
    )
    await act(() => result.current.signIn.mutateAsync())
    await act(() => result.current.track.mutateAsync({ event: 'Invite Sent', properties: {} }))
    await act(() => result.current.track.mutateAsync({ event: 'Trial Started', properties: {} }))
    await act(() => result.current.logout.mutateAsync())
    expect(keys).toEqual([
      ['intilery', 'Signed In'],
      ['intilery', 'Invite Sent'],
      ['intilery', 'Trial Started'],
      ['intilery', 'Signed Out'],
    ])
    await waitFor(() => expect(client.getMutationCache().getAll().length).toBeLessThanOrEqual(3))
  })

  it('does not put a client around the app: an app query with no provider of its own still fails', () => {
    function AppQuery() {
      useQuery({ queryKey: ['k'], queryFn: () => 'data' })
      return null
    }
    expect(() =>
      render(
        <IntileryTestProvider groupId="acct_123">
          <AppQuery />
        </IntileryTestProvider>,
      ),
    ).toThrow(/No QueryClient set/)
  })

  it('uses the queryClient prop when given', async () => {
    const client = new QueryClient()
    const mutations: unknown[] = []
    client.getMutationCache().subscribe((event) => mutations.push(event.type))
    const { result } = renderWithTag(() => useTrackSignIn(), { groupId: 'acct_123', queryClient: client })
    await act(() => result.current.mutateAsync({ properties: {} }))
    expect(mutations).toContain('added')
  })
})

describe('useIdentify', () => {
  it('identifies at once, so an event sent right after carries the user; the provider does not identify again', async () => {
    const tag = createRecordingTag()
    let user: string | undefined = undefined
    const wrapper = ({ children }: { children: ReactNode }) => (
      <IntileryTestProvider tag={tag} groupId="acct_123" userId={user}>
        {children}
      </IntileryTestProvider>
    )
    const { result, rerender } = renderHook(() => ({ identify: useIdentify(), signIn: useTrackSignIn() }), { wrapper })
    await act(async () => {
      result.current.identify('u1')
      await result.current.signIn.mutateAsync({ properties: { username: 'pgibbons' } })
    })
    user = 'u1'
    rerender()
    expect(tag.messages.map((m) => [m.type, m.userId])).toEqual([
      ['group', undefined],
      ['identify', 'u1'],
      ['track', 'u1'],
    ])
  })
})
