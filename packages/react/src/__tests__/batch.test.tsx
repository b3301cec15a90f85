import { act } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { IntileryValidationError, type TrackVariables, useTrackBatch } from '../index'
import { renderWithTag } from './harness'

describe('useTrackBatch', () => {
  it('sends every event of the batch in order, with the account, as one mutation', async () => {
    const { result, tag } = renderWithTag(() => useTrackBatch(), { userId: 'u1', groupId: 'acct_123' })
    const batch: TrackVariables[] = Array.from({ length: 500 }, (_, i) => ({
      event: 'Invite Sent',
      properties: { invitee_email: `user${i}@example.com`, invitee_role: 'Member' },
    }))
    const outcome = await act(() => result.current.mutateAsync(batch))
    expect(outcome.failed).toEqual([])
    expect(outcome.delivered).toHaveLength(500)
    expect(tag.tracks().map((m) => m.properties?.invitee_email)).toEqual(batch.map((_, i) => `user${i}@example.com`))
    expect(tag.tracks().every((m) => m.userId === 'u1' && m.context?.groupId === 'acct_123')).toBe(true)
    expect(result.current.isSuccess).toBe(true)
  })

  it('an invalid event fails alone, by its index; the others are sent', async () => {
    const { result, tag } = renderWithTag(() => useTrackBatch(), { groupId: 'acct_123' })
    const outcome = await act(() =>
      result.current.mutateAsync([
        { event: 'Invite Sent', properties: { invitee_email: 'a@example.com' } },
        { event: 'Invite Sent', properties: { invitee_email: 'not an email' } },
        { event: 'Signed In', properties: { username: 'c' }, context: { groupId: 'acct_9' } },
      ]),
    )
    expect(outcome.failed.map((f) => [f.index, f.error instanceof IntileryValidationError])).toEqual([[1, true]])
    expect(tag.tracks().map((m) => [m.event, m.context?.groupId])).toEqual([
      ['Invite Sent', 'acct_123'],
      ['Signed In', 'acct_9'],
    ])
  })
})
