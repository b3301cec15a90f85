import { createRecordingTag } from '@intilery/core/testing'
import { act, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { type Consent, useTrack, useTrackSignIn } from '../index'
import { IntileryTestProvider } from '../testing'
import examples from './fixtures/b2b-saas-examples.json'
import { type ManualClock, manualClock, renderWithTag } from './harness'

function App({
  tag,
  initial,
  clock,
}: {
  tag: ReturnType<typeof createRecordingTag>
  initial: Consent
  clock: ManualClock
}) {
  const [consent, setConsent] = useState<Consent>(initial)
  return (
    <IntileryTestProvider tag={tag} groupId="acct_123" userId="u1" consent={consent} readyTimeout={20} clock={clock}>
      <SignIn />
      <button type="button" onClick={() => setConsent('granted')}>
        grant
      </button>
      <button type="button" onClick={() => setConsent('denied')}>
        deny
      </button>
    </IntileryTestProvider>
  )
}

function SignIn() {
  const signIn = useTrackSignIn()
  return (
    <button type="button" onClick={() => signIn.mutate({ properties: { username: 'pgibbons' } })}>
      sign in ({signIn.data?.status ?? signIn.status})
    </button>
  )
}

/** Waits until the sign-in button shows this delivery status (or mutation status). */
const shows = (status: string) => screen.findByText(`sign in (${status})`)

describe('the consent prop', () => {
  it('pending holds identify and events in order; granting sends them', async () => {
    const tag = createRecordingTag()
    const clock = manualClock()
    render(<App tag={tag} initial="pending" clock={clock} />)
    act(() => screen.getByText(/sign in/).click())
    act(() => clock.advance(20))
    await shows('queued')
    expect(tag.messages).toEqual([])

    act(() => screen.getByText('grant').click())
    expect(tag.messages.map((m) => [m.type, m.event, m.userId])).toEqual([
      ['identify', undefined, 'u1'],
      ['group', undefined, 'u1'],
      ['track', 'Signed In', 'u1'],
    ])
  })

  it('denied discards what waits and sends nothing after, at once', async () => {
    const tag = createRecordingTag()
    const clock = manualClock()
    render(<App tag={tag} initial="pending" clock={clock} />)
    act(() => screen.getByText(/sign in/).click())
    act(() => clock.advance(20))
    await shows('queued')
    act(() => screen.getByText('deny').click())
    act(() => screen.getByText(/sign in/).click())
    await shows('discarded')
    act(() => screen.getByText('grant').click())
    expect(tag.tracks()).toEqual([])
  })

  it('switching to denied later stops sending', async () => {
    const tag = createRecordingTag()
    render(<App tag={tag} initial="granted" clock={manualClock()} />)
    act(() => screen.getByText(/sign in/).click())
    await shows('acknowledged')
    act(() => screen.getByText('deny').click())
    act(() => screen.getByText(/sign in/).click())
    await shows('discarded')
    expect(tag.tracks()).toHaveLength(1)
  })
})

describe('eventNaming', () => {
  it("'object-action' sends the spec's examples for Signed Up, In and Out with the noun added", async () => {
    const { result, tag } = renderWithTag(() => useTrack(), {
      userId: '019mr8mf4r',
      groupId: 'acct_123',
      eventNaming: 'object-action',
    })
    const renamed = examples.filter((e) => ['Signed Up', 'Signed In', 'Signed Out'].includes(e.event))
    expect(renamed).toHaveLength(3)
    for (const example of renamed) {
      await act(() => result.current.mutateAsync({ event: example.event, properties: example.properties } as never))
    }
    expect(tag.payloads()).toEqual(renamed.map((e) => ({ ...e, event: `User ${e.event}` })))
  })
})
