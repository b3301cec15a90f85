import { createRecordingTag } from '@intilery/react/testing'
import { act, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import {
  type EventName,
  useInviteSent,
  useTrackAccountAddedUser,
  useTrackAccountCreated,
  useTrackAccountDeleted,
  useTrackAccountRemovedUser,
  useTrackSignIn,
  useTrackSignOut,
  useTrackSignUp,
  useTrackTrialEnded,
  useTrackTrialStarted,
} from '../index'
import examples from './fixtures/b2b-saas-examples.json'
import { renderInTestProvider } from './harness'

const hookFor = {
  'Account Created': useTrackAccountCreated,
  'Account Deleted': useTrackAccountDeleted,
  'Signed Up': useTrackSignUp,
  'Signed In': useTrackSignIn,
  'Signed Out': useTrackSignOut,
  'Invite Sent': useInviteSent,
  'Account Added User': useTrackAccountAddedUser,
  'Account Removed User': useTrackAccountRemovedUser,
  'Trial Started': useTrackTrialStarted,
  'Trial Ended': useTrackTrialEnded,
} as const satisfies Record<EventName, unknown>

describe('the spec’s ten examples', () => {
  it('covers every event of the spec with one hook', () => {
    expect(examples.map((example) => example.event).sort()).toEqual(Object.keys(hookFor).sort())
  })

  it.each(examples.map((example) => [example.event, example] as const))(
    '%s: the tag receives exactly the example payload',
    async (event, example) => {
      const useHook = hookFor[event as keyof typeof hookFor] as typeof useTrackSignUp
      const tag = createRecordingTag()
      const { result } = renderInTestProvider(() => useHook(), { tag, userId: '019mr8mf4r', groupId: 'acct_123' })

      let delivery: Awaited<ReturnType<typeof result.current.mutateAsync>> | undefined
      await act(async () => {
        delivery = await result.current.mutateAsync({ properties: example.properties })
      })

      expect(tag.payloads()).toEqual([example])
      expect(delivery?.status).toBe('acknowledged')
      await waitFor(() => expect(result.current.isSuccess).toBe(true))
      // identify reached the tag before the event, so the event carries the user
      expect(tag.messages.map((message) => message.type)).toEqual(['identify', 'group', 'track'])
    },
  )
})
