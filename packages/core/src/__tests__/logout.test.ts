import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTracker, IntileryTagError, IntileryValidationError, type AnalyticsTag } from '../index'
import { createRecordingTag, type RecordingTagOptions } from '../testing'
import { validator } from '../events'
import { engine } from '../engine'

afterEach(() => {
  vi.useRealTimers()
})

function signedIn(options: RecordingTagOptions = {}, logoutTimeout?: number) {
  const tag = createRecordingTag(options)
  const tracker = createTracker({ validator, engine, tag, logoutTimeout })
  tracker.identify('019mr8mf4r')
  return { tag, tracker }
}

describe('logout', () => {
  it('sends Signed Out with the identity, then resets; later events carry none', async () => {
    const { tag, tracker } = signedIn()
    const result = await tracker.logout({ properties: { username: 'pgibbons' }, account: 'acct_123' })
    await tracker.track('Signed In', { username: 'next' }, { groupId: 'acct_123' })

    expect(result.signedOut?.status).toBe('acknowledged')
    expect(tag.messages.map((m) => [m.type, m.event, m.userId])).toEqual([
      ['identify', undefined, '019mr8mf4r'],
      ['track', 'Signed Out', '019mr8mf4r'],
      ['reset', undefined, undefined],
      ['track', 'Signed In', undefined],
    ])
    expect(tag.tracks()[1]?.anonymousId).not.toBe(tag.tracks()[0]?.anonymousId)
  })

  it('events fired right after logout() is called carry no identity, even before Signed Out settles', async () => {
    const { tag, tracker } = signedIn({ acknowledge: 'callback' })
    const out = tracker.logout({ account: 'acct_123' })
    const after = tracker.track('Signed In', {}, { groupId: 'acct_123' })
    await Promise.all([out, after])
    expect(tag.tracks().map((m) => [m.event, m.userId])).toEqual([
      ['Signed Out', '019mr8mf4r'],
      ['Signed In', undefined],
    ])
  })

  it('keeps the order when the tag has not loaded yet', () => {
    const { tag, tracker } = signedIn({ ready: 'manual' })
    void tracker.track('Signed In', { username: 'a' }, { account: 'acct_123' })
    void tracker.logout({ account: 'acct_123' }).catch(() => undefined)
    void tracker.track('Signed In', { username: 'b' }, { groupId: 'acct_123' })
    tag.load()
    expect(tag.tracks().map((m) => [m.event, m.userId])).toEqual([
      ['Signed In', '019mr8mf4r'],
      ['Signed Out', '019mr8mf4r'],
      ['Signed In', undefined],
    ])
  })

  it('resets even when Signed Out fails validation, then rejects', async () => {
    const { tag, tracker } = signedIn()
    const error = await tracker
      .logout({ properties: { username: 42 as never }, account: 'acct_123' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntileryValidationError)
    expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'reset'])
  })

  it('resets even when the tag throws on Signed Out, then rejects', async () => {
    const recording = createRecordingTag()
    const tag = {
      ...recording,
      track: () => {
        throw new Error('boom')
      },
    } as AnalyticsTag
    const tracker = createTracker({ validator, engine, tag })
    tracker.identify('u1')
    const error = await tracker.logout({ account: 'acct_123' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntileryTagError)
    expect(recording.messages.map((m) => m.type)).toEqual(['identify', 'reset'])
  })

  it('settles like an event: a tag that never answers makes it a timeout, after the reset', async () => {
    vi.useFakeTimers()
    const tag = createRecordingTag({ acknowledge: 'never' })
    const tracker = createTracker({ validator, engine, tag, deliveryTimeout: 500 })
    tracker.identify('u1')
    const settled = vi.fn()
    tracker.logout({ account: 'acct_123' }).then(settled, settled)
    expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'track', 'reset'])
    await vi.advanceTimersByTimeAsync(549)
    expect(settled).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(settled).toHaveBeenCalledWith({ signedOut: expect.objectContaining({ status: 'timeout' }) })
  })

  it('never fails for want of a tag: under an ad blocker it resolves queued after logoutTimeout', async () => {
    vi.useFakeTimers()
    const { tag, tracker } = signedIn({ ready: 'manual' }, 1000)
    const settled = vi.fn()
    tracker.logout({ account: 'acct_123' }).then(settled, settled)
    await vi.advanceTimersByTimeAsync(999)
    expect(settled).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(settled).toHaveBeenCalledWith({ signedOut: expect.objectContaining({ status: 'queued' }) })
    expect(tracker.getSnapshot().loggedOut).toBe(true)
    // Signed Out and the reset go out in order the moment the tag loads.
    tag.load()
    await vi.advanceTimersByTimeAsync(0)
    expect(tag.messages.map((m) => [m.type, m.event ?? '', m.userId ?? null])).toEqual([
      ['identify', '', '019mr8mf4r'],
      ['track', 'Signed Out', '019mr8mf4r'],
      ['reset', '', null],
    ])
  })

  it('a second call while one runs sends no second Signed Out', async () => {
    const { tag, tracker } = signedIn({ acknowledge: 'callback' })
    const first = tracker.logout({ account: 'acct_123' })
    const second = tracker.logout({ account: 'acct_123' })
    expect(second).toBe(first)
    await first
    expect(tag.tracks().filter((m) => m.event === 'Signed Out')).toHaveLength(1)
  })

  it('logging out twice in a row sends one Signed Out, until the next sign-in', async () => {
    const { tag, tracker } = signedIn()
    await tracker.logout({ account: 'acct_123' })
    await expect(tracker.logout({ account: 'acct_123' })).resolves.toEqual({ signedOut: undefined })
    expect(tag.tracks().filter((m) => m.event === 'Signed Out')).toHaveLength(1)

    tracker.identify('u2')
    await tracker.logout({ account: 'acct_123' })
    expect(tag.tracks().filter((m) => m.event === 'Signed Out')).toHaveLength(2)
  })

  it('after logout, no event inherits the old account until the app sets an identity or account again', async () => {
    const { tag, tracker } = signedIn()
    tracker.group('acct_123')
    await tracker.logout({ account: 'acct_123' })

    const held = (await tracker
      .track('Signed In', {}, { account: 'acct_123' })
      .catch((e: unknown) => e)) as IntileryValidationError
    expect(held).toBeInstanceOf(IntileryValidationError)
    expect(held.issues).toEqual([
      { path: 'context.groupId', message: expect.stringMatching(/^no account since logout/) },
    ])

    await tracker.track('Signed In', { username: 'explicit' }, { groupId: 'acct_9', account: 'acct_123' })
    tracker.identify('u2')
    await tracker.track('Signed In', { username: 'inherited' }, { account: 'acct_123' })
    expect(
      tag
        .tracks()
        .slice(1)
        .map((m) => [m.properties?.username, m.userId, m.context?.groupId]),
    ).toEqual([
      ['explicit', undefined, 'acct_9'],
      ['inherited', 'u2', 'acct_123'],
    ])
  })

  it('the next user signed in to the same account is grouped with it again: the reset cleared it in the tag', async () => {
    const { tag, tracker } = signedIn()
    tracker.group('acct_123', { name: 'Initech' })
    await tracker.logout({ account: 'acct_123' })
    tracker.identify('u2')
    await tracker.track('Signed In', {})
    expect(
      tag.messages.slice(-4).map((m) => [m.type, m.type === 'group' ? m.groupId : m.userId, m.traits ?? null]),
    ).toEqual([
      ['reset', undefined, null],
      ['identify', 'u2', null],
      ['group', 'acct_123', { name: 'Initech' }],
      ['track', 'u2', null],
    ])
  })
})
