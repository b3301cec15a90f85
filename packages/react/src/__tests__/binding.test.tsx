// The binding on react-query's public API (issue 19): results are snapshots, a re-render with the
// same props tells react-query's cache nothing, the provider's tracker starts in the commit (one
// load under StrictMode) and stops what it started when it unmounts, and a consent prop that goes
// away means pending.
import { engine } from '@intilery/core/engine'
import { validator } from '@intilery/core/events'
import { createRecordingTag } from '@intilery/core/testing'
import { QueryClient } from '@tanstack/react-query'
import { act, render, waitFor } from '@testing-library/react'
import { StrictMode, useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { type Consent, IntileryProvider, useTrackSignIn } from '../index'
import { IntileryTestProvider } from '../testing'
import { renderInTestProvider } from './harness'

afterEach(() => {
  delete (window as { analytics?: unknown }).analytics
})

describe('a thin binding on react-query', () => {
  it('a result captured in render never changes; the next render has the new state', async () => {
    const captured: { status: string }[] = []
    const { result } = renderInTestProvider(() => {
      const signIn = useTrackSignIn()
      captured.push(signIn)
      return signIn
    })
    await act(() => result.current.mutateAsync({}))
    expect(captured[0]!.status).toBe('idle')
    await waitFor(() => expect(result.current.status).toBe('success'))
    expect(captured[0]!.status).toBe('idle')
  })

  it('re-rendering with the same props tells the mutation cache nothing', async () => {
    const client = new QueryClient()
    const events: string[] = []
    client.getMutationCache().subscribe((event) => events.push(event.type))
    function Button() {
      useTrackSignIn()
      return null
    }
    const app = () => (
      <IntileryTestProvider queryClient={client}>
        <Button />
      </IntileryTestProvider>
    )
    const { rerender } = render(app())
    await act(async () => undefined)
    events.length = 0
    rerender(app())
    rerender(app())
    await act(async () => undefined)
    expect(events).toEqual([])
  })
})

describe('the provider’s own tracker', () => {
  it('starts in the commit: one load of its code under StrictMode', async () => {
    let loads = 0
    const load = () => {
      loads += 1
      return Promise.resolve(engine)
    }
    render(
      <StrictMode>
        <IntileryTestProvider engine={load} />
      </StrictMode>,
    )
    await act(async () => undefined)
    expect(loads).toBe(1)
  })

  it('under an ad blocker, 200 mounts and unmounts leave the snippet’s stub as they found it', async () => {
    // The snippet's stub: an array whose methods push their call, for a script that never loads.
    const stub = [] as unknown as unknown[] & Record<string, unknown>
    for (const method of ['track', 'identify', 'group', 'page', 'reset', 'ready']) {
      stub[method] = (...args: unknown[]) => void stub.push([method, ...args])
    }
    ;(window as { analytics?: unknown }).analytics = stub
    // IntileryProvider itself, on purpose: with no tag it reads window.analytics, the stub, where the
    // test provider would give a recording tag of its own.
    for (let i = 0; i < 200; i++) {
      const { unmount } = render(<IntileryProvider groupId="a" engine={engine} validator={validator} />)
      await act(async () => undefined)
      unmount()
    }
    // Each provider asked the stub once to say when its script loads, and took that back.
    expect(stub.filter((entry) => Array.isArray(entry) && entry[0] === 'ready')).toHaveLength(0)
  })
})

describe('the consent prop', () => {
  it('one that had a value and becomes undefined counts as pending: nothing is sent', async () => {
    const tag = createRecordingTag()
    let setConsent: (consent: Consent | undefined) => void = () => undefined
    let fire: () => void = () => undefined
    function SignIn() {
      const signIn = useTrackSignIn()
      fire = () => signIn.mutate({})
      return null
    }
    function App() {
      const [consent, set] = useState<Consent | undefined>('pending')
      setConsent = set
      return (
        <IntileryTestProvider tag={tag} userId="u1" consent={consent}>
          <SignIn />
        </IntileryTestProvider>
      )
    }
    render(<App />)
    act(() => setConsent(undefined))
    act(() => fire())
    await act(async () => undefined)
    expect(tag.messages).toEqual([])
    act(() => setConsent('granted'))
    expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'group', 'track'])
  })
})
