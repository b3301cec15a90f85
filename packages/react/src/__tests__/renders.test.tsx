import { createRecordingTag } from '@intilery/core/testing'
import { IntileryProvider, useTrackSignIn } from '../index'
import { IntileryTestProvider } from '../testing'
import { act, render, renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'

/** Waits out react-query's deferred notifications (setTimeout 0) and the renders they schedule. */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 30)))

describe('render budget', () => {
  // 'promise': the tag acknowledges at once; 'callback': later (as the real tag does, over the network),
  // which today costs two renders per event (pending, then success) instead of one.
  it.each(['promise', 'callback'] as const)(
    'firing an event re-renders a component that does not read its state zero extra times (tag acknowledges by %s)',
    async (acknowledge) => {
      const tag = createRecordingTag({ acknowledge })
      let renders = 0
      let fire: () => void = () => undefined
      function SignInButton(): ReactNode {
        renders += 1
        const { mutate } = useTrackSignIn()
        fire = () => mutate({ properties: { username: 'pgibbons' } })
        return null
      }
      render(
        <IntileryTestProvider tag={tag} groupId="acct_123">
          <SignInButton />
        </IntileryTestProvider>,
      )
      await settle()
      const mounted = renders

      await act(async () => fire())
      await settle()
      await act(async () => fire())
      await settle()

      expect(tag.tracks().map((message) => message.event)).toEqual(['Signed In', 'Signed In'])
      expect(renders - mounted).toBe(0)
    },
  )

  it('a component that reads the state still re-renders with it (the counter can see renders)', async () => {
    const tag = createRecordingTag()
    const seen: string[] = []
    let fire: () => void = () => undefined
    function SignInStatus(): ReactNode {
      const signIn = useTrackSignIn()
      seen.push(signIn.status)
      fire = () => signIn.mutate({ properties: { username: 'pgibbons' } })
      return null
    }
    render(
      <IntileryTestProvider tag={tag} groupId="acct_123">
        <SignInStatus />
      </IntileryTestProvider>,
    )
    await settle()
    const mounted = seen.length

    await act(async () => fire())
    await settle()

    expect(tag.tracks()).toHaveLength(1)
    expect(seen.length).toBeGreaterThan(mounted)
    expect(seen.at(-1)).toBe('success')
  })

  it('a provider re-render with the same session re-renders no consumer; a new one, once', async () => {
    const tag = createRecordingTag()
    let consumerRenders = 0
    function Consumer(): ReactNode {
      consumerRenders += 1
      useTrackSignIn()
      return null
    }
    // The consumer element is made once, as an app's children are: only the provider re-renders.
    const consumer = <Consumer />
    function App({ groupId, round, client }: { groupId: string; round: number; client?: QueryClient }): ReactNode {
      return (
        <IntileryProvider
          queryClient={client}
          tag={tag}
          groupId={groupId}
          userId="019mr8mf4r"
          traits={{ plan: 'business', round: round >= 0 ? 'any' : 'never' }}
          onError={() => undefined}
        >
          {consumer}
        </IntileryProvider>
      )
    }
    const { rerender } = render(<App groupId="acct_123" round={0} />)
    await settle()
    const mounted = consumerRenders

    for (let round = 1; round <= 3; round += 1) rerender(<App groupId="acct_123" round={round} />)
    await settle()
    expect(consumerRenders - mounted).toBe(0)
    expect(tag.messages.filter((message) => message.type === 'identify')).toHaveLength(1)

    // A new account is a new session: a hook sends with the session of its render, so it renders once.
    rerender(<App groupId="acct_456" round={4} />)
    await settle()
    expect(consumerRenders - mounted).toBe(1)
    expect(tag.messages.filter((message) => message.type === 'group').map((m) => m.groupId)).toEqual([
      'acct_123',
      'acct_456',
    ])

    // A new query client changes the context too.
    rerender(<App groupId="acct_456" round={5} client={new QueryClient()} />)
    await settle()
    expect(consumerRenders - mounted).toBe(2)
  })
})

describe('reading the state later', () => {
  it('a result is a snapshot; a part first read after it changed shows in the next render (a test’s waitFor)', async () => {
    const tag = createRecordingTag()
    const { result } = renderHook(() => useTrackSignIn(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <IntileryTestProvider tag={tag} groupId="acct_123">
          {children}
        </IntileryTestProvider>
      ),
    })
    const before = result.current
    act(() => result.current.mutate({ properties: { username: 'pgibbons' } }))
    await settle()
    // What a render returned never changes: the first read of a part that changed since asks for
    // one render, which has it.
    expect(before.isSuccess).toBe(false)
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data?.status).toBe('acknowledged')
    expect(before.isSuccess).toBe(false)
  })
})
