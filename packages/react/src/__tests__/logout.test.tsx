import { engine } from '@intilery/core/engine'
import { validator } from '@intilery/core/events'
import { createRecordingTag } from '@intilery/core/testing'
import '@intilery/react/testing/vitest'
import { act, render, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import {
  IntileryProvider,
  IntileryValidationError,
  type LogoutResult,
  useIdentify,
  useLogout,
  useTrackSignIn,
} from '../index'
import { IntileryTestProvider } from '../testing'
import { flush, follow, type Followed, manualClock, renderWithTag } from './harness'

const user = { userId: '019mr8mf4r', groupId: 'acct_123' }

describe('useLogout', () => {
  it('sends Signed Out with the user and account, then resets, then resolves', async () => {
    const { result, tag } = renderWithTag(() => useLogout(), user)
    const done = await act(() => result.current.mutateAsync({ properties: { username: 'pgibbons' } }))

    expect(done.signedOut?.status).toBe('acknowledged')
    expect(tag.messages.slice(-2).map((m) => [m.type, m.event, m.userId, m.context?.groupId])).toEqual([
      ['track', 'Signed Out', '019mr8mf4r', 'acct_123'],
      ['reset', undefined, undefined, undefined],
    ])
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
  })

  it('works with no variables at all', async () => {
    const { result, tag } = renderWithTag(() => useLogout(), user)
    await act(() => result.current.mutateAsync())
    expect(tag.tracks().map((m) => [m.event, m.properties])).toEqual([['Signed Out', {}]])
  })

  it('every event fired after logout() carries no identity, even with a slow tag', async () => {
    const { result, tag } = renderWithTag(() => ({ logout: useLogout(), signIn: useTrackSignIn() }), user, {
      acknowledge: 'callback',
    })
    await act(async () => {
      result.current.logout.mutate()
      result.current.signIn.mutate({ properties: { username: 'next' }, context: { groupId: 'acct_123' } })
    })
    await waitFor(() => expect(tag.tracks()).toHaveLength(2))
    expect(tag.tracks().map((m) => [m.event, m.userId])).toEqual([
      ['Signed Out', '019mr8mf4r'],
      ['Signed In', undefined],
    ])
  })

  it('resets and rejects when Signed Out fails validation', async () => {
    const { result, tag } = renderWithTag(() => useLogout(), user)
    const error = await result.current.mutateAsync({ properties: { username: 7 as never } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntileryValidationError)
    expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'group', 'reset'])
  })

  it('settles like an event when the tag never answers: Signed Out timed out, after the reset', async () => {
    const { result, tag, clock } = renderWithTag(
      () => useLogout(),
      { ...user, deliveryTimeout: 100 },
      { acknowledge: 'never' },
    )
    let done: Followed<LogoutResult> | undefined
    act(() => void (done = follow(result.current.mutateAsync())))
    // deliveryTimeout and its 50 ms of grace
    act(() => clock.advance(149))
    await flush()
    expect(done?.settled).toBe(false)
    act(() => clock.advance(1))
    await flush()
    expect(done?.value?.signedOut?.status).toBe('timeout')
    expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'group', 'track', 'reset'])
  })

  it('never fails for want of a tag: under an ad blocker, Signed Out is queued and the identity is dropped', async () => {
    const { result, tag, clock } = renderWithTag(() => useLogout(), { ...user, logoutTimeout: 50 }, { ready: 'manual' })
    let done: Followed<LogoutResult> | undefined
    act(() => void (done = follow(result.current.mutateAsync())))
    act(() => clock.advance(49))
    await flush()
    expect(done?.settled).toBe(false)
    act(() => clock.advance(1))
    await flush()
    expect(done?.value?.signedOut?.status).toBe('queued')
    expect(tag.messages).toEqual([])
    act(() => tag.load())
    expect(tag.messages.map((m) => [m.type, m.userId ?? null])).toEqual([
      ['identify', '019mr8mf4r'],
      ['group', '019mr8mf4r'],
      ['track', '019mr8mf4r'],
      ['reset', null],
    ])
  })

  it('a second call while one runs sends no second Signed Out', async () => {
    const { result, tag } = renderWithTag(() => ({ a: useLogout(), b: useLogout() }), user, { acknowledge: 'callback' })
    await act(() => Promise.all([result.current.a.mutateAsync(), result.current.b.mutateAsync()]))
    expect(tag).toHaveTrackedTimes('Signed Out', 1)
    expect(tag.messages.filter((m) => m.type === 'reset')).toHaveLength(1)
  })

  it('after logout, events wait for the app to set a new user or account before inheriting one', async () => {
    const tag = createRecordingTag()
    let user = 'u1'
    const wrapper = ({ children }: { children: ReactNode }) => (
      <IntileryTestProvider tag={tag} groupId="acct_123" userId={user}>
        {children}
      </IntileryTestProvider>
    )
    const { result, rerender } = renderHook(() => ({ logout: useLogout(), signIn: useTrackSignIn() }), { wrapper })
    await act(() => result.current.logout.mutateAsync())
    const held = await result.current.signIn.mutateAsync({ properties: {} }).catch((e: unknown) => e)
    expect(held).toBeInstanceOf(IntileryValidationError)
    expect(tag.tracks().map((m) => m.event)).toEqual(['Signed Out'])

    user = 'u2'
    rerender()
    await act(() => result.current.signIn.mutateAsync({ properties: {} }))
    expect(tag.tracks().map((m) => [m.event, m.userId, m.context?.groupId])).toEqual([
      ['Signed Out', 'u1', 'acct_123'],
      ['Signed In', 'u2', 'acct_123'],
    ])
  })

  it('an async onMutate does not let an event fired after logout() carry the old user', async () => {
    const { result, tag } = renderWithTag(
      () => ({
        logout: useLogout({ onMutate: async () => undefined }),
        signIn: useTrackSignIn({ onMutate: async () => undefined }),
      }),
      user,
    )
    await act(async () => {
      result.current.signIn.mutate({ properties: { username: 'before' } })
      result.current.logout.mutate()
      result.current.signIn.mutate({ properties: { username: 'after' }, context: { groupId: 'acct_123' } })
    })
    await waitFor(() => expect(tag.tracks()).toHaveLength(3))
    expect(tag.tracks().map((m) => [m.event, m.properties?.username ?? null, m.userId ?? null])).toEqual([
      ['Signed In', 'before', '019mr8mf4r'],
      ['Signed Out', null, '019mr8mf4r'],
      ['Signed In', 'after', null],
    ])
  })

  it('a re-render with inline traits after logout does not identify the logged-out user again', async () => {
    const tag = createRecordingTag()
    function App({ round }: { round: number }) {
      return (
        <IntileryTestProvider tag={tag} groupId="acct_123" userId="u1" traits={{ plan: 'pro', round: round > 0 }}>
          <Logout />
        </IntileryTestProvider>
      )
    }
    let logout: ReturnType<typeof useLogout> | undefined
    function Logout() {
      logout = useLogout()
      return null
    }
    const { rerender } = render(<App round={0} />)
    rerender(<App round={0} />)
    await act(() => logout?.mutateAsync())
    rerender(<App round={0} />)
    await act(() => logout?.mutateAsync())
    expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'group', 'track', 'reset'])

    // Only the traits change, and the app still names the logged-out user: no one is identified.
    rerender(<App round={1} />)
    expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'group', 'track', 'reset'])
  })

  it('after logout, the same user signing in again is identified, by the handler or by a new userId', async () => {
    const tag = createRecordingTag()
    let identify: ReturnType<typeof useIdentify> | undefined
    let logout: ReturnType<typeof useLogout> | undefined
    function Session() {
      identify = useIdentify()
      logout = useLogout()
      return null
    }
    function App({ userId }: { userId: string | undefined }) {
      return (
        <IntileryTestProvider tag={tag} groupId="acct_123" userId={userId}>
          <Session />
        </IntileryTestProvider>
      )
    }
    const { rerender } = render(<App userId="u1" />)
    await act(() => logout?.mutateAsync())
    act(() => identify?.('u1'))
    expect(tag.messages.map((m) => [m.type, m.userId ?? null])).toEqual([
      ['identify', 'u1'],
      ['group', 'u1'],
      ['track', 'u1'],
      ['reset', null],
      ['identify', 'u1'],
      // the provider's account, which the reset cleared in the tag
      ['group', 'u1'],
    ])
    await act(() => logout?.mutateAsync())
    rerender(<App userId={undefined} />)
    rerender(<App userId="u1" />)
    expect(tag.messages.filter((m) => m.type === 'identify')).toHaveLength(3)
  })

  it('with the default timeouts, a tag that never answers makes Signed Out a timeout, not a failed logout', async () => {
    // IntileryProvider itself, on purpose: its own defaults (deliveryTimeout 300 ms, logoutTimeout
    // 1 s) are under test; the test provider shortens them. The code given at once, as in a test.
    const tag = createRecordingTag({ acknowledge: 'never' })
    const clock = manualClock()
    const { result } = renderHook(() => useLogout(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <IntileryProvider tag={tag} {...user} clock={clock} engine={engine} validator={validator}>
          {children}
        </IntileryProvider>
      ),
    })
    let done: Followed<LogoutResult> | undefined
    act(() => void (done = follow(result.current.mutateAsync())))
    act(() => clock.advance(349))
    await flush()
    expect(done?.settled).toBe(false)
    act(() => clock.advance(1))
    await flush()
    expect(done?.value?.signedOut?.status).toBe('timeout')
    expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'group', 'track', 'reset'])
  })
})
