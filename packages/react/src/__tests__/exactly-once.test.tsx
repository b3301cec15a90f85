import { createRecordingTag } from '@intilery/core/testing'
import { QueryClient } from '@tanstack/react-query'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { StrictMode } from 'react'
import { describe, expect, it } from 'vitest'
import { IntileryProvider, useInviteSent, useTrackSignIn } from '../index'

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
        <IntileryProvider tag={tag} groupId="acct_123">
          <InviteForm />
        </IntileryProvider>
      </StrictMode>,
    )
    fireEvent.click(screen.getByText('Invite'))
    await screen.findByText('success')
    expect(tag.tracks()).toHaveLength(1)
  })

  it('unmounting and remounting a form under the same provider replays nothing', async () => {
    const tag = createRecordingTag()
    function App({ form }: { form: boolean }) {
      // The provider stays: the same tracker and query client across the form's unmount and remount.
      return (
        <IntileryProvider tag={tag} groupId="acct_123" userId="u1">
          {form && <InviteForm />}
        </IntileryProvider>
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
      <IntileryProvider tag={tag} groupId="acct_123">
        <InviteForm />
      </IntileryProvider>,
    )
    fireEvent.click(screen.getByText('Invite'))
    await screen.findByText('error', {}, { timeout: 2000 })
    expect(recording.tracks()).toHaveLength(1)
  })

  it('an event fired before window.analytics exists reaches the tag once, when it appears', async () => {
    const tag = createRecordingTag()
    render(
      <IntileryProvider groupId="acct_123">
        <InviteForm />
      </IntileryProvider>,
    )
    fireEvent.click(screen.getByText('Invite'))
    // The tracker is looking for a tag (every 100 ms): one appears.
    await waitFor(() => expect(screen.queryByText('idle')).toBeNull())
    ;(window as { analytics?: unknown }).analytics = tag
    try {
      await screen.findByText('success', {}, { timeout: 2000 })
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
      <IntileryProvider tag={tag} groupId="acct_123">
        <Invite />
      </IntileryProvider>,
    )
    fireEvent.click(screen.getByText('idle'))
    await screen.findByText('error', {}, { timeout: 2000 })
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
      <IntileryProvider tag={tag} groupId="acct_123" queryClient={client}>
        <Fire />
      </IntileryProvider>,
    )
    // Once the validation code has loaded (a burst before it would wait in the bounded queue, as
    // for a tag that has not loaded), ten thousand events in one tick.
    await act(() => signIn!.mutateAsync({ properties: { username: 'first' } }))
    tag.clear()
    await act(async () => {
      for (let i = 0; i < 10_000; i += 1) signIn?.mutate({ properties: { username: `u${i}` } })
    })
    await waitFor(() => expect(tag.tracks()).toHaveLength(10_000))
    await waitFor(() => expect(client.getMutationCache().getAll().length).toBeLessThanOrEqual(1))
    expect(tag.tracks()[9_999]?.properties).toEqual({ username: 'u9999' })
  }, 30_000)
})
