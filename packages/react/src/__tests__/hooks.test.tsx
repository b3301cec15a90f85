import { engine } from '@intilery/core/engine'
import { validator } from '@intilery/core/events'
import { createRecordingTag } from '@intilery/core/testing'
import type { ReactNode } from 'react'
import { act, renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import {
  IntileryProvider,
  IntileryTagError,
  IntileryValidationError,
  useTrack,
  useTrackSignIn,
  useTrackSignUp,
  useTrackTrialStarted,
} from '../index'
import { flush, follow, manualClock, renderInTestProvider, renderWithTag } from './harness'

describe('event hooks', () => {
  it('expose the react-query mutation state', async () => {
    const { result, clock } = renderWithTag(
      () => useTrackSignIn(),
      { groupId: 'acct_123', deliveryTimeout: 200 },
      { acknowledge: 'never' },
    )
    expect(result.current.isIdle).toBe(true)
    act(() => result.current.mutate({ properties: { username: 'pgibbons' } }))
    await waitFor(() => expect(result.current.isPending).toBe(true))
    // deliveryTimeout and its 50 ms of grace: the tag never answered.
    act(() => clock.advance(250))
    await waitFor(() => expect(result.current.isSuccess).toBe(true))
    expect(result.current.data).toMatchObject({ event: 'Signed In', status: 'timeout' })
  })

  it('pass react-query options through (onSuccess, onError)', async () => {
    const onSuccess = vi.fn()
    const onError = vi.fn()
    const { result } = renderWithTag(() => useTrackSignUp({ onSuccess, onError }), { groupId: 'acct_123' })
    await act(() => result.current.mutateAsync({ properties: { email: 'pgibbons@example.com' } }))
    await act(() => result.current.mutateAsync({ properties: { email: 'nope' } }).catch(() => undefined))
    expect(onSuccess).toHaveBeenCalledTimes(1)
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(IntileryValidationError)
  })

  it("in 'throw' mode an invalid event rejects with the paths and sends nothing", async () => {
    const { result, tag } = renderWithTag(() => useTrackSignUp(), { groupId: 'acct_123', validation: 'throw' })
    const error = await result.current
      .mutateAsync({ properties: { email: 'pgibbons.example.com' } })
      .catch((e: unknown) => e)
    expect((error as IntileryValidationError).issues).toEqual([{ path: 'properties.email', message: 'invalid email' }])
    expect((error as Error).message).not.toContain('pgibbons')
    expect(tag.tracks()).toEqual([])
    await waitFor(() => expect(result.current.isError).toBe(true))
  })

  it("in 'report' mode the event is sent and onError gets the error", async () => {
    const onError = vi.fn()
    const { result, tag } = renderWithTag(() => useTrackSignUp(), {
      groupId: 'acct_123',
      validation: 'report',
      onError,
    })
    await act(() => result.current.mutateAsync({ properties: { email: 'nope' } }))
    expect(tag.tracks()).toHaveLength(1)
    expect(onError).toHaveBeenCalledWith(expect.any(IntileryValidationError))
  })

  it('validation defaults to throw outside production and report in production', async () => {
    // IntileryProvider itself, on purpose: its default validation is under test, and the test
    // provider validates with 'throw' in every environment.
    const run = async () => {
      const onError = vi.fn()
      const tag = createRecordingTag()
      const { result } = renderHook(() => useTrackSignUp(), {
        wrapper: ({ children }: { children: ReactNode }) => (
          <IntileryProvider tag={tag} groupId="acct_123" onError={onError} validator={validator}>
            {children}
          </IntileryProvider>
        ),
      })
      await act(() => result.current.mutateAsync({ properties: { email: 'nope' } }).catch(() => undefined))
      return { sent: tag.tracks().length, reported: onError.mock.calls.length }
    }
    expect(await run()).toEqual({ sent: 0, reported: 0 })
    vi.stubEnv('NODE_ENV', 'production')
    try {
      expect(await run()).toEqual({ sent: 1, reported: 1 })
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it('a missing account is a validation error', async () => {
    const { result, tag } = renderWithTag(() => useTrackSignIn(), { groupId: null })
    const error = await result.current.mutateAsync({ properties: {} }).catch((e: unknown) => e)
    expect((error as IntileryValidationError).issues.map((issue) => issue.path)).toEqual(['context.groupId'])
    expect(tag.tracks()).toEqual([])
  })

  it('trial dates: a Date becomes its ISO string, an ISO string stays as given', async () => {
    const { result, tag } = renderWithTag(() => useTrackTrialStarted(), { groupId: 'acct_123' })
    await act(() =>
      result.current.mutateAsync({
        properties: { trial_start_date: new Date('2018-08-28T04:09:47Z'), trial_end_date: '2018-09-20T04:09:47Z' },
      }),
    )
    expect(tag.tracks()[0]?.properties).toEqual({
      trial_start_date: '2018-08-28T04:09:47.000Z',
      trial_end_date: '2018-09-20T04:09:47Z',
    })
  })
})

describe('a failing tag', () => {
  it('no tag at all: the mutation errors with a clear IntileryTagError after readyTimeout', async () => {
    // IntileryProvider itself, on purpose: with no tag given it looks for window.analytics, where
    // the test provider would give a recording tag of its own. Its default readyTimeout, 1 s.
    const clock = manualClock()
    const { result } = renderHook(() => useTrackSignIn(), {
      wrapper: ({ children }) => (
        <IntileryProvider groupId="acct_123" clock={clock} engine={engine} validator={validator}>
          {children}
        </IntileryProvider>
      ),
    })
    let sent: ReturnType<typeof follow> | undefined
    act(() => void (sent = follow(result.current.mutateAsync({ properties: {} }))))
    act(() => clock.advance(999))
    await flush()
    expect(sent?.settled).toBe(false)
    act(() => clock.advance(1))
    await flush()
    expect(sent?.error).toBeInstanceOf(IntileryTagError)
    expect((sent?.error as Error).message).toMatch(/no analytics tag/)
    await waitFor(() => expect(result.current.isError).toBe(true))
  })

  it('a throwing tag: the mutation errors, the app does not crash, the event is not handed over again', async () => {
    const tag = createRecordingTag({ throws: true })
    const track = vi.spyOn(tag, 'track')
    const { result } = renderInTestProvider(() => useTrackSignIn(), {
      tag,
      groupId: 'acct_123',
      onError: () => undefined,
    })
    act(() => result.current.mutate({ properties: {} }))
    await waitFor(() => expect(result.current.isError).toBe(true))
    expect(result.current.error).toBeInstanceOf(IntileryTagError)
    expect(track).toHaveBeenCalledTimes(1)
  })

  it('a validation error is never retried', async () => {
    const { result, tag } = renderWithTag(() => useTrackSignUp(), { groupId: 'acct_123' })
    await act(() => result.current.mutateAsync({ properties: { email: 'x' } }).catch(() => undefined))
    await waitFor(() => expect(result.current.failureCount).toBe(1))
    expect(tag.tracks()).toHaveLength(0)
  })

  it('a tag that never loads: the event settles as queued within readyTimeout', async () => {
    const { result, tag, clock } = renderWithTag(
      () => useTrackSignIn(),
      { groupId: 'acct_123', readyTimeout: 50 },
      { ready: 'manual' },
    )
    let sent: ReturnType<typeof follow<{ status: string }>> | undefined
    act(() => void (sent = follow(result.current.mutateAsync({ properties: {} }))))
    act(() => clock.advance(49))
    await flush()
    expect(sent?.settled).toBe(false)
    act(() => clock.advance(1))
    await flush()
    expect(sent?.value?.status).toBe('queued')
    expect(tag.tracks()).toHaveLength(0)
  })
})

describe('useTrack', () => {
  it('sends any of the ten events, typed by name', async () => {
    const { result, tag } = renderWithTag(() => useTrack(), { groupId: 'acct_123' })
    await act(() => result.current.mutateAsync({ event: 'Invite Sent', properties: { invitee_role: 'Owner' } }))
    await act(() => result.current.mutateAsync({ event: 'Account Removed User', context: { groupId: 'acct_9' } }))
    expect(tag.tracks().map((m) => [m.event, m.properties, m.context])).toEqual([
      ['Invite Sent', { invitee_role: 'Owner' }, { groupId: 'acct_123' }],
      ['Account Removed User', {}, { groupId: 'acct_9' }],
    ])
  })
})
