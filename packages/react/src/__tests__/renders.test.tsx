import { createRecordingTag } from '@intilery/core/testing'
import { QueryClient } from '@tanstack/react-query'
import { act, render, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { useTrackSignIn } from '../index'
import { IntileryTestProvider } from '../testing'
import { flush, renderWithTag } from './harness'

// Each count is read once the mutations have settled and react-query has told its observers (in 0 ms
// timers, which `flush` lets run): a render that an event would cause has happened by then.

describe('render budget', () => {
  // 'promise': the tag acknowledges at once; 'callback': later (as the real tag does, over the network),
  // which today costs two renders per event (pending, then success) instead of one.
  it.each(['promise', 'callback'] as const)(
    'firing an event re-renders a component that does not read its state zero extra times (tag acknowledges by %s)',
    async (acknowledge) => {
      const tag = createRecordingTag({ acknowledge })
      let renders = 0
      let fire: () => Promise<void> = () => Promise.resolve()
      function SignInButton(): ReactNode {
        renders += 1
        const { mutate } = useTrackSignIn()
        // Only `mutate`; the test learns that the mutation settled from its own callback.
        fire = () =>
          new Promise((settled) => mutate({ properties: { username: 'pgibbons' } }, { onSettled: () => settled() }))
        return null
      }
      render(
        <IntileryTestProvider tag={tag} groupId="acct_123">
          <SignInButton />
        </IntileryTestProvider>,
      )
      await flush()
      const mounted = renders

      await act(() => fire())
      await flush()
      await act(() => fire())
      await flush()

      expect(tag.tracks().map((message) => message.event)).toEqual(['Signed In', 'Signed In'])
      expect(renders - mounted).toBe(0)
    },
  )

  it('a component that reads the state still re-renders with it (the counter can see renders)', async () => {
    const tag = createRecordingTag()
    const seen: string[] = []
    let fire: () => Promise<void> = () => Promise.resolve()
    function SignInStatus(): ReactNode {
      const signIn = useTrackSignIn()
      seen.push(signIn.status)
      fire = () =>
        new Promise((settled) =>
          signIn.mutate({ properties: { username: 'pgibbons' } }, { onSettled: () => settled() }),
        )
      return null
    }
    render(
      <IntileryTestProvider tag={tag} groupId="acct_123">
        <SignInStatus />
      </IntileryTestProvider>,
    )
    await flush()
    const mounted = seen.length

    await act(() => fire())
    await flush()

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
        <IntileryTestProvider
          queryClient={client}
          tag={tag}
          groupId={groupId}
          userId="019mr8mf4r"
          traits={{ plan: 'business', round: round >= 0 ? 'any' : 'never' }}
          onError={() => undefined}
        >
          {consumer}
        </IntileryTestProvider>
      )
    }
    const { rerender } = render(<App groupId="acct_123" round={0} />)
    await flush()
    const mounted = consumerRenders

    for (let round = 1; round <= 3; round += 1) rerender(<App groupId="acct_123" round={round} />)
    await flush()
    expect(consumerRenders - mounted).toBe(0)
    expect(tag.messages.filter((message) => message.type === 'identify')).toHaveLength(1)

    // A new account is a new session: a hook sends with the session of its render, so it renders once.
    rerender(<App groupId="acct_456" round={4} />)
    await flush()
    expect(consumerRenders - mounted).toBe(1)
    expect(tag.messages.filter((message) => message.type === 'group').map((m) => m.groupId)).toEqual([
      'acct_123',
      'acct_456',
    ])

    // A new query client changes the context too.
    rerender(<App groupId="acct_456" round={5} client={new QueryClient()} />)
    await flush()
    expect(consumerRenders - mounted).toBe(2)
  })
})

describe('reading the state later', () => {
  it('a result is a snapshot; a part first read after it changed shows in the next render (a test’s waitFor)', async () => {
    const { result } = renderWithTag(() => useTrackSignIn(), { groupId: 'acct_123' })
    const before = result.current
    await act(() => result.current.mutateAsync({ properties: { username: 'pgibbons' } }))
    await flush()
    // What a render returned never changes: the first read of a part that changed since asks for
    // one render, which has it.
    expect(before.isSuccess).toBe(false)
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data?.status).toBe('acknowledged')
    expect(before.isSuccess).toBe(false)
  })
})
