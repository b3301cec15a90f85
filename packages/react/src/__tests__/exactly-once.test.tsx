import { engine } from '@intilery/core/engine'
import { validator } from '@intilery/core/events'
import { createRecordingTag } from '@intilery/core/testing'
import { QueryClient } from '@tanstack/react-query'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { StrictMode } from 'react'
import { describe, expect, it } from 'vitest'
import { IntileryProvider, useInviteSent, useTrackSignIn } from '../index'
import { IntileryTestProvider } from '../testing'
import { manualClock } from './harness'

// These tests give the tracker a manual clock: no deadline falls due while a busy machine runs them.

function InviteForm() {
  const invite = useInviteSent()
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        invite.mutate({ properties: { invitee_role: 'Owner' } })
      }}
    >
      <button type="submit" disabled={invite.isPending}>
        Invite
      </button>
      <output>{invite.status}</output>
    </form>
  )
}

describe('each event is handed to the tag exactly once', () => {
  it('under StrictMode, a submit sends one event', async () => {
    const tag = createRecordingTag({ acknowledge: 'callback' })
    render(
      <StrictMode>
        <IntileryTestProvider tag={tag} groupId="acct_123" clock={manualClock()}>
          <InviteForm />
        </IntileryTestProvider>
      </StrictMode>,
    )
    fireEvent.click(screen.getByText('Invite'))
    await screen.findByText('success')
    expect(tag.tracks()).toHaveLength(1)
  })

  it('unmounting and remounting a form under the same provider replays nothing', async () => {
    const tag = createRecordingTag()
    const clock = manualClock()
    function App({ form }: { form: boolean }) {
      // The provider stays: the same tracker and query client across the form's unmount and remount.
      return (
        <IntileryTestProvider tag={tag} groupId="acct_123" userId="u1" clock={clock}>
          {form && <InviteForm />}
        </IntileryTestProvider>
      )
    }
    const { rerender } = render(<App form />)
    fireEvent.click(screen.getByText('Invite'))
    await screen.findByText('success')
    rerender(<App form={false} />)
    rerender(<App form />)
    await screen.findByText('idle')
    // A replay would have gone out by now, before this second invite.
    fireEvent.click(screen.getByText('Invite'))
    await screen.findByText('success')
    expect(tag.tracks().map((m) => m.event)).toEqual(['Invite Sent', 'Invite Sent'])
  })

  it('a tag that took the event but rejected its promise is not handed it again', async () => {
    const recording = createRecordingTag()
    const tag = {
      ...recording,
      track: (...args: Parameters<typeof recording.track>) => {
        recording.track(...args)
        return Promise.reject(new Error('collector said 500'))
      },
    }
    render(
      <IntileryTestProvider tag={tag} groupId="acct_123" clock={manualClock()}>
        <InviteForm />
      </IntileryTestProvider>,
    )
    fireEvent.click(screen.getByText('Invite'))
    await screen.findByText('error')
    expect(recording.tracks()).toHaveLength(1)
  })

  it('an event fired before window.analytics exists reaches the tag once, when it appears', async () => {
    // IntileryProvider itself, on purpose: with no tag it looks for window.analytics, where the test
    // provider would give a recording tag of its own.
    const tag = createRecordingTag()
    const clock = manualClock()
    render(
      <IntileryProvider groupId="acct_123" clock={clock} engine={engine} validator={validator}>
        <InviteForm />
      </IntileryProvider>,
    )
    fireEvent.click(screen.getByText('Invite'))
    await waitFor(() => expect(screen.queryByText('idle')).toBeNull())
    ;(window as { analytics?: unknown }).analytics = tag
    try {
      // The tracker looks for a tag every 100 ms: the next look finds it.
      act(() => clock.advance(100))
      await screen.findByText('success')
      // A second event goes out after the first: had the first been handed twice, it would show.
      fireEvent.click(screen.getByText('Invite'))
      await waitFor(() => expect(tag.tracks().length).toBeGreaterThanOrEqual(2))
      expect(tag.tracks()).toHaveLength(2)
    } finally {
      delete (window as { analytics?: unknown }).analytics
    }
  })

  it('a retry option cannot make react-query hand over a delivered event again', async () => {
    const recording = createRecordingTag()
    const tag = {
      ...recording,
      track: (...args: Parameters<typeof recording.track>) => {
        recording.track(...args)
        return Promise.reject(new Error('the collector said 503'))
      },
    }
    function Invite() {
      const invite = useInviteSent({ retry: 3, retryDelay: 1 } as never)
      return (
        <button type="button" onClick={() => invite.mutate({ properties: {} })}>
          {invite.status}
        </button>
      )
    }
    render(
      <IntileryTestProvider tag={tag} groupId="acct_123" clock={manualClock()}>
        <Invite />
      </IntileryTestProvider>,
    )
    fireEvent.click(screen.getByText('idle'))
    await screen.findByText('error')
    expect(recording.tracks()).toHaveLength(1)
  })

  it('10,000 events leave no settled mutations behind in the cache', async () => {
    const tag = createRecordingTag()
    const client = new QueryClient()
    let signIn: ReturnType<typeof useTrackSignIn> | undefined
    function Fire() {
      signIn = useTrackSignIn()
      return null
    }
    render(
      <IntileryTestProvider tag={tag} groupId="acct_123" queryClient={client} clock={manualClock()}>
        <Fire />
      </IntileryTestProvider>,
    )
    // Ten thousand events in one tick. The clock stands still, so no slice of the handoff runs out:
    // the tag has them all at once.
    await act(async () => {
      for (let i = 0; i < 10_000; i += 1) signIn?.mutate({ properties: { username: `u${i}` } })
    })
    expect(tag.tracks()).toHaveLength(10_000)
    // react-query removes each settled mutation in a task of its own: ten thousand tasks.
    await waitFor(() => expect(client.getMutationCache().getAll().length).toBeLessThanOrEqual(1), { timeout: 20_000 })
    expect(tag.tracks()[9_999]?.properties).toEqual({ username: 'u9999' })
  }, 30_000)
})
