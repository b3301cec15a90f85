import { createRecordingTag } from '@intilery/core/testing'
import { act, render, waitFor } from '@testing-library/react'
import { type ReactNode, useEffect, useState } from 'react'
import { describe, expect, it } from 'vitest'
import { AccountScope, type Delivery, useLogout, useTrack, useTrackAccountRemovedUser, useTrackSignIn } from '../index'
import { IntileryTestProvider } from '../testing'
import { flush, renderWithTag } from './harness'

const NO_PROPERTIES = {}

describe('events are sent when mutate is called', () => {
  it('one variables object used twice, with an async onMutate: two events, each call with its own delivery', async () => {
    // The first call's onMutate ends last, when the test says so.
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    let calls = 0
    const { result, tag } = renderWithTag(
      () => useTrackAccountRemovedUser({ onMutate: () => (calls++ === 0 ? held : undefined) }),
      { groupId: 'acct_123' },
    )
    let all: Promise<Delivery[]> | undefined
    act(() => {
      all = Promise.all([
        result.current.mutateAsync(NO_PROPERTIES),
        result.current.mutateAsync({ ...NO_PROPERTIES, context: { groupId: 'acct_other' } }),
        result.current.mutateAsync(NO_PROPERTIES),
      ])
    })
    await flush()
    release()
    const deliveries = await act(() => all!)
    expect(tag.tracks().map((m) => m.context?.groupId)).toEqual(['acct_123', 'acct_other', 'acct_123'])
    expect(deliveries.map((d) => d.payload.context.groupId)).toEqual(['acct_123', 'acct_other', 'acct_123'])
  })

  it('an event sent from a child’s effect right after the account changed carries the new account', async () => {
    const tag = createRecordingTag()
    function Child({ mutate, account }: { mutate: ReturnType<typeof useTrack>['mutate']; account: string }) {
      useEffect(() => {
        mutate({ event: 'Signed In', properties: { username: account } })
      }, [account, mutate])
      return null
    }
    function Parent({ account }: { account: string }) {
      const { mutate } = useTrack()
      return <Child account={account} mutate={mutate} />
    }
    let setAccount: (account: string) => void = () => undefined
    function App() {
      const [account, set] = useState('acct_A')
      setAccount = set
      return (
        <IntileryTestProvider tag={tag} groupId={null}>
          <AccountScope groupId={account}>
            <Parent account={account} />
          </AccountScope>
        </IntileryTestProvider>
      )
    }
    render(<App />)
    await waitFor(() => expect(tag.tracks()).toHaveLength(1))
    act(() => setAccount('acct_B'))
    await waitFor(() => expect(tag.tracks()).toHaveLength(2))
    expect(tag.tracks().map((m) => [m.properties?.username, m.context?.groupId])).toEqual([
      ['acct_A', 'acct_A'],
      ['acct_B', 'acct_B'],
    ])
  })

  it('a result kept from a render never changes; the next render has the new state', async () => {
    const { result } = renderWithTag(() => useTrackSignIn(), { groupId: 'acct_123' })
    const signIn = result.current
    await act(() => signIn.mutateAsync({ properties: {} }))
    expect([signIn.isSuccess, signIn.status, signIn.data]).toEqual([false, 'idle', undefined])
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect([result.current.status, result.current.data?.status]).toEqual(['success', 'acknowledged'])
    expect([signIn.isSuccess, signIn.status, signIn.data]).toEqual([false, 'idle', undefined])
  })
})

describe('identify with traits JSON cannot hold', () => {
  it('a cyclic traits object identifies once, and not again after logout', async () => {
    const tag = createRecordingTag()
    const org: Record<string, unknown> = { name: 'Initech' }
    org.self = org
    const traits = { org }
    let logout: ReturnType<typeof useLogout> | undefined
    function Logout(): ReactNode {
      logout = useLogout()
      return null
    }
    const app = () => (
      <IntileryTestProvider tag={tag} groupId="acct_123" userId="u1" traits={traits}>
        <Logout />
      </IntileryTestProvider>
    )
    const { rerender } = render(app())
    rerender(app())
    rerender(app())
    await act(() => logout?.mutateAsync())
    rerender(app())
    expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'group', 'track', 'reset'])
  })
})

describe('bad variables from plain JavaScript', () => {
  it('useTrack().mutate(undefined) is a validation error, not a thrown TypeError', async () => {
    const { result } = renderWithTag(() => useTrack(), { groupId: 'acct_123' })
    let error: unknown
    expect(() => {
      result.current.mutateAsync(undefined as never).catch((e: unknown) => {
        error = e
      })
    }).not.toThrow()
    await waitFor(() => expect(error).toMatchObject({ name: 'IntileryValidationError' }))
  })
})
