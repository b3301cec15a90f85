import '@intilery/react/testing/vitest'
import { createRecordingTag, intileryMatchers, type RecordingTag } from '@intilery/react/testing'
import { act } from '@testing-library/react'
import { stripVTControlCharacters } from 'node:util'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { IntileryValidationError, useLogout, useTrackSignIn, useTrackSignUp } from '../index'
import { renderInTestProvider } from './harness'

afterEach(() => {
  vi.unstubAllEnvs()
})

/** The message of the assertion error `check` throws, without colours. */
function failure(check: () => void): string {
  try {
    check()
  } catch (error) {
    return stripVTControlCharacters((error as Error).message)
  }
  throw new Error('the assertion passed')
}

function signedInTag(): RecordingTag {
  const tag = createRecordingTag()
  tag.identify('019mr8mf4r')
  tag.track(
    'Signed In',
    { username: 'pgibbons', plan: { name: 'gold', seats: 3 } },
    { context: { groupId: 'acct_123' } },
  )
  tag.track(
    'Invite Sent',
    { invitee_email: 'bill@example.com', invitee_role: 'Owner' },
    { context: { groupId: 'acct_123' } },
  )
  tag.track('Invite Sent', { invitee_email: 'milton@example.com' }, { context: { groupId: 'acct_123' } })
  return tag
}

describe('toHaveTracked', () => {
  it('passes on the event name alone, or with a subset of its properties compared deeply', () => {
    const tag = signedInTag()
    expect(tag).toHaveTracked('Signed In')
    expect(tag).toHaveTracked('Signed In', { username: 'pgibbons' })
    expect(tag).toHaveTracked('Signed In', { plan: { name: 'gold', seats: 3 } })
    expect(tag).toHaveTracked('Invite Sent', { invitee_email: 'milton@example.com' })
    expect(tag).toHaveTracked('Signed In', { username: expect.any(String) })
  })

  it('fails on a differing value, a missing key or a deep difference, listing names and keys but no value', () => {
    const tag = signedInTag()
    const message = failure(() =>
      expect(tag).toHaveTracked('Signed In', { username: 'mbolton', plan: { name: 'gold', seats: 4 }, title: 'x' }),
    )
    expect(message).toContain('Expected the tag to have tracked "Signed In" with { username, plan, title }')
    expect(message).toContain('The tag tracked 3 events')
    expect(message).toContain('1. "Signed In" { username (differs), plan (differs), title (missing) }')
    expect(message).toContain('2. "Invite Sent" { invitee_email, invitee_role }')
    for (const value of ['pgibbons', 'mbolton', 'bill@example.com', 'milton', 'gold', 'Owner'])
      expect(message).not.toContain(value)
  })

  it('masks keys and event names that may be personal data, as the library’s errors do', () => {
    const tag = createRecordingTag()
    tag.track('Seat Assigned', { 'pgibbons@example.com': 'A1' }, { context: { groupId: 'acct_123' } })
    tag.track('milton@example.com', {}, { context: { groupId: 'acct_123' } })
    const message = failure(() => expect(tag).toHaveTracked('Seat Assigned', { 'bill@example.com': 'A1' }))
    expect(message).toContain('with { [key] }')
    expect(message).toContain('1. "Seat Assigned" { [key], [key] (missing) }')
    expect(message).toContain('2. "[event]"')
    for (const value of ['pgibbons', 'milton', 'bill']) expect(message).not.toContain(value)
  })

  it('fails when no event of that name was tracked, and says when nothing was', () => {
    expect(failure(() => expect(signedInTag()).toHaveTracked('Signed Out'))).toContain(
      'Expected the tag to have tracked "Signed Out".',
    )
    expect(failure(() => expect(createRecordingTag()).toHaveTracked('Signed In'))).toContain(
      'The tag tracked no event.',
    )
  })

  it('.not passes when absent and fails naming the event that matched', () => {
    const tag = signedInTag()
    expect(tag).not.toHaveTracked('Signed Out')
    expect(tag).not.toHaveTracked('Signed In', { username: 'mbolton' })
    const message = failure(() => expect(tag).not.toHaveTracked('Invite Sent', { invitee_email: 'milton@example.com' }))
    expect(message).toContain(
      'Expected the tag not to have tracked "Invite Sent" with { invitee_email }, but event 3 matched.',
    )
    expect(message).not.toContain('milton')
  })

  it('explains, in a clear error, that it needs a recording tag', () => {
    for (const received of [undefined, null, {}, [], vi.fn(), { track: vi.fn() }]) {
      expect(() => expect(received).toHaveTracked('Signed In')).toThrow(
        /^\[intilery\] toHaveTracked expects a recording tag from createRecordingTag\(\) \(@intilery\/react\/testing\); received (undefined|null|object|an array|function)$/,
      )
    }
  })
})

describe('toHaveTrackedTimes', () => {
  it('counts the tracks of an event', () => {
    const tag = signedInTag()
    expect(tag).toHaveTrackedTimes('Invite Sent', 2)
    expect(tag).toHaveTrackedTimes('Signed In', 1)
    expect(tag).toHaveTrackedTimes('Signed Out', 0)
    expect(tag).not.toHaveTrackedTimes('Invite Sent', 1)
  })

  it('fails with both counts and the list of events', () => {
    const message = failure(() => expect(signedInTag()).toHaveTrackedTimes('Invite Sent', 3))
    expect(message).toContain('Expected "Invite Sent" to have been tracked 3 times; it was tracked 2.')
    expect(message).toContain('3. "Invite Sent" { invitee_email }')
    expect(message).not.toContain('milton')
  })

  it('rejects a count that is not a whole number, and anything but a recording tag', () => {
    expect(() => expect(signedInTag()).toHaveTrackedTimes('Signed In', 1.5)).toThrow(
      '[intilery] toHaveTrackedTimes expects a whole number',
    )
    expect(() => expect(signedInTag()).toHaveTrackedTimes('Signed In', -1)).toThrow(
      '[intilery] toHaveTrackedTimes expects a whole number',
    )
    expect(() => expect({ messages: [] }).toHaveTrackedTimes('Signed In', 1)).toThrow(
      '[intilery] toHaveTrackedTimes expects a recording tag',
    )
  })

  it('uses only what vitest and jest share in a matcher’s this (isNot, equals, utils)', () => {
    const context = {
      isNot: false,
      equals: (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b),
      utils: {
        matcherHint: (name: string) => `expect(tag).${name}()`,
        printExpected: (value: unknown) => JSON.stringify(value),
        printReceived: (value: unknown) => JSON.stringify(value),
      },
    }
    const tag = signedInTag()
    expect(intileryMatchers.toHaveTracked.call(context, tag, 'Signed In', { username: 'pgibbons' }).pass).toBe(true)
    expect(intileryMatchers.toHaveTracked.call(context, tag, 'Signed In', { username: 'mbolton' }).pass).toBe(false)
    const counted = intileryMatchers.toHaveTrackedTimes.call(context, tag, 'Invite Sent', 1)
    expect(counted.pass).toBe(false)
    expect(counted.message()).toContain('Expected "Invite Sent" to have been tracked 1 time; it was tracked 2.')
  })
})

describe('the recording tag’s payloads()', () => {
  it('prints a sign-in and logout as the spec does: the user on Signed Out, none after', async () => {
    const tag = createRecordingTag()
    const { result } = renderInTestProvider(() => ({ signIn: useTrackSignIn(), logout: useLogout() }), {
      tag,
      userId: '019mr8mf4r',
    })
    await act(() => result.current.signIn.mutateAsync({ properties: { username: 'pgibbons' } }))
    await act(() => result.current.logout.mutateAsync({ properties: { username: 'pgibbons' } }))
    await act(() =>
      result.current.signIn.mutateAsync({ properties: { username: 'mbolton' }, context: { groupId: 'acct_456' } }),
    )

    expect(tag.payloads()).toMatchInlineSnapshot(`
      [
        {
          "context": {
            "groupId": "acct_test",
          },
          "event": "Signed In",
          "properties": {
            "username": "pgibbons",
          },
          "type": "track",
          "userId": "019mr8mf4r",
        },
        {
          "context": {
            "groupId": "acct_test",
          },
          "event": "Signed Out",
          "properties": {
            "username": "pgibbons",
          },
          "type": "track",
          "userId": "019mr8mf4r",
        },
        {
          "context": {
            "groupId": "acct_456",
          },
          "event": "Signed In",
          "properties": {
            "username": "mbolton",
          },
          "type": "track",
        },
      ]
    `)
    expect(tag.tracks().map((message) => message.anonymousId)).toEqual(['anon-0', 'anon-0', 'anon-1'])
  })
})

describe('IntileryTestProvider', () => {
  it('sends to a recording tag of its own when none is given, under the account acct_test', async () => {
    expect((window as { analytics?: unknown }).analytics).toBeUndefined()
    const { result } = renderInTestProvider(() => useTrackSignIn())
    const delivery = await act(() => result.current.mutateAsync({ properties: { username: 'pgibbons' } }))
    expect(delivery.status).toBe('acknowledged')
    expect(delivery.payload.context).toEqual({ groupId: 'acct_test' })
  })

  it('takes the account given, or none with null', async () => {
    const tag = createRecordingTag()
    const given = renderInTestProvider(() => useTrackSignIn(), { tag, groupId: 'acct_123' })
    await act(() => given.result.current.mutateAsync({ properties: { username: 'pgibbons' } }))
    expect(tag.payloads()[0]?.context).toEqual({ groupId: 'acct_123' })

    const none = renderInTestProvider(() => useTrackSignIn(), { tag, groupId: null })
    const error = await none.result.current
      .mutateAsync({ properties: { username: 'pgibbons' } })
      .catch((e: unknown) => e)
    expect((error as IntileryValidationError).issues.map((issue) => issue.path)).toEqual(['context.groupId'])
    expect(tag).toHaveTrackedTimes('Signed In', 1)
  })

  it("validates with 'throw' even in production, unless told otherwise", async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const tag = createRecordingTag()
    const strict = renderInTestProvider(() => useTrackSignUp(), { tag })
    const error = await strict.result.current.mutateAsync({ properties: { email: 'nope' } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntileryValidationError)
    expect(tag).not.toHaveTracked('Signed Up')

    const onError = vi.fn()
    const lenient = renderInTestProvider(() => useTrackSignUp(), { tag, validation: 'report', onError })
    await act(() => lenient.result.current.mutateAsync({ properties: { email: 'nope' } }))
    expect(tag).toHaveTracked('Signed Up', { email: 'nope' })
    expect(onError).toHaveBeenCalledWith(expect.any(IntileryValidationError))
  })

  it('settles a tag that never answers within its short deliveryTimeout (50 ms)', async () => {
    vi.useFakeTimers()
    try {
      const tag = createRecordingTag({ acknowledge: 'never' })
      const { result } = renderInTestProvider(() => useTrackSignIn(), { tag })
      let status: string | undefined
      act(
        () =>
          void result.current.mutateAsync({ properties: { username: 'pgibbons' } }).then((d) => (status = d.status)),
      )
      // 50 ms plus the tracker's 50 ms grace; the app default (300 ms) would take 350 ms.
      await act(() => vi.advanceTimersByTimeAsync(99))
      expect(status).toBeUndefined()
      await act(() => vi.advanceTimersByTimeAsync(1))
      expect(status).toBe('timeout')
    } finally {
      vi.useRealTimers()
    }
  })

  it('settles an event for a tag that has not loaded within its short readyTimeout (100 ms)', async () => {
    vi.useFakeTimers()
    try {
      const tag = createRecordingTag({ ready: 'manual' })
      const { result } = renderInTestProvider(() => useTrackSignIn(), { tag })
      let status: string | undefined
      act(
        () =>
          void result.current.mutateAsync({ properties: { username: 'pgibbons' } }).then((d) => (status = d.status)),
      )
      await act(() => vi.advanceTimersByTimeAsync(99))
      expect(status).toBeUndefined()
      await act(() => vi.advanceTimersByTimeAsync(1))
      expect(status).toBe('queued')
      expect(tag).not.toHaveTracked('Signed In')
      act(() => tag.load())
      expect(tag).toHaveTracked('Signed In', { username: 'pgibbons' })
    } finally {
      vi.useRealTimers()
    }
  })
})
