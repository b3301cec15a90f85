import { act, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import {
  BATCH_FAILURES_KEPT,
  type BatchResult,
  IntileryValidationError,
  type TrackVariables,
  useTrackBatch,
} from '../index'
import { flush, follow, type Followed, renderWithTag } from './harness'

describe('useTrackBatch', () => {
  it('sends every event of the batch in order, with the account, as one mutation', async () => {
    const { result, tag } = renderWithTag(() => useTrackBatch(), { userId: 'u1', groupId: 'acct_123' })
    const batch: TrackVariables[] = Array.from({ length: 500 }, (_, i) => ({
      event: 'Invite Sent',
      properties: { invitee_email: `user${i}@example.com`, invitee_role: 'Member' },
    }))
    const outcome = await act(() => result.current.mutateAsync(batch))
    expect(outcome).toEqual({
      total: 500,
      counts: { acknowledged: 500, timeout: 0, queued: 0, discarded: 0, failed: 0 },
      failures: [],
    })
    expect(tag.tracks().map((m) => m.properties?.invitee_email)).toEqual(batch.map((_, i) => `user${i}@example.com`))
    expect(tag.tracks().every((m) => m.userId === 'u1' && m.context?.groupId === 'acct_123')).toBe(true)
    // The result is a snapshot of the last render: the state shows in the next one.
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
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
    expect(outcome.counts).toMatchObject({ acknowledged: 2, failed: 1 })
    expect(outcome.failures.map((f) => [f.index, f.error instanceof IntileryValidationError])).toEqual([[1, true]])
    expect(tag.tracks().map((m) => [m.event, m.context?.groupId])).toEqual([
      ['Invite Sent', 'acct_123'],
      ['Signed In', 'acct_9'],
    ])
  })

  it('50,000 failing events leave a bounded summary: counts, and only the first failures', async () => {
    // No tag loads: every event waits; past the queue limit the oldest are dropped, each a failure.
    const { result, clock } = renderWithTag(
      () => useTrackBatch(),
      { groupId: 'acct_123', queueLimit: 10, readyTimeout: 10, onError: () => undefined },
      { ready: 'manual' },
    )
    const batch: TrackVariables[] = Array.from({ length: 50_000 }, () => ({ event: 'Signed In', properties: {} }))
    let sent: Followed<BatchResult> | undefined
    act(() => void (sent = follow(result.current.mutateAsync(batch))))
    await flush()
    expect(sent?.settled).toBe(false)
    // The events that still wait for the tag settle at readyTimeout, on the test's clock.
    act(() => clock.advance(10))
    await flush()
    const outcome = sent!.value!
    expect(outcome.total).toBe(50_000)
    // The queue holds 10 calls: the provider's group call and the 9 newest events.
    expect(outcome.counts).toEqual({ acknowledged: 0, timeout: 0, queued: 9, discarded: 0, failed: 49_991 })
    expect(outcome.failures).toHaveLength(BATCH_FAILURES_KEPT)
    expect(outcome.failures.map((failure) => failure.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    await waitFor(() => expect(result.current.data).toBe(outcome))
  }, 60_000)

  it('a batch that is not an array rejects with a clear validation error, not a TypeError', async () => {
    const { result } = renderWithTag(() => useTrackBatch())
    for (const batch of [undefined, null, { event: 'Signed In' }, 'Signed In']) {
      const error = await result.current.mutateAsync(batch as never).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(IntileryValidationError)
      expect((error as Error).message).toBe(
        '[intilery] "useTrackBatch" is invalid: variables (expected an array of events)',
      )
    }
  })

  it('an event whose variables throw when read fails alone; mutate never throws', async () => {
    const { result, tag } = renderWithTag(() => useTrackBatch())
    const unreadable = Object.defineProperty({}, 'event', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    let outcome: Awaited<ReturnType<typeof result.current.mutateAsync>> | undefined
    await act(async () => {
      outcome = await result.current.mutateAsync([unreadable as never, { event: 'Signed In' }])
    })
    expect(outcome?.counts).toMatchObject({ acknowledged: 1, failed: 1 })
    expect(outcome?.failures[0]?.index).toBe(0)
    expect(tag.tracks().map((m) => m.event)).toEqual(['Signed In'])
  })
})
