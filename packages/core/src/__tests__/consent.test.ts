import { describe, expect, it, vi } from 'vitest'
import { createTracker, type EventRecord } from '../index'
import { createRecordingTag } from '../testing'
import { validator } from '../events'
import { engine } from '../engine'

const account = { account: 'acct_123' }

describe('consent', () => {
  it('pending holds every call in order, identify included; granted sends them in that order', async () => {
    const tag = createRecordingTag()
    const tracker = createTracker({ validator, engine, tag, consent: 'pending' })
    tracker.identify('u1')
    const a = tracker.track('Signed In', { username: 'a' }, account)
    const b = tracker.track('Invite Sent', { invitee_role: 'Owner' }, account)
    expect(tag.messages).toEqual([])

    tracker.setConsent('granted')
    expect(tag.messages.map((m) => [m.type, m.event, m.userId])).toEqual([
      ['identify', undefined, 'u1'],
      ['track', 'Signed In', 'u1'],
      ['track', 'Invite Sent', 'u1'],
    ])
    await expect(Promise.all([a, b])).resolves.toMatchObject([{ status: 'acknowledged' }, { status: 'acknowledged' }])
  })

  it('pending is bounded like the queue', async () => {
    const tag = createRecordingTag()
    const errors: unknown[] = []
    const tracker = createTracker({
      validator,
      engine,
      tag,
      consent: 'pending',
      queueLimit: 2,
      onError: (e) => errors.push(e),
    })
    for (const username of ['a', 'b', 'c'])
      void tracker.track('Signed In', { username }, account).catch(() => undefined)
    await Promise.resolve()
    tracker.setConsent('granted')
    expect(tag.tracks().map((m) => m.properties?.username)).toEqual(['b', 'c'])
    expect(errors).toHaveLength(1)
  })

  it('denied discards what waits and sends nothing, identify included', async () => {
    const tag = createRecordingTag()
    const tracker = createTracker({ validator, engine, tag, consent: 'pending' })
    tracker.identify('u1')
    const waiting = tracker.track('Signed In', {}, account)
    tracker.setConsent('denied')
    await expect(waiting).resolves.toMatchObject({ status: 'discarded' })
    await expect(tracker.track('Signed In', {}, account)).resolves.toMatchObject({ status: 'discarded' })
    tracker.identify('u2')
    tracker.group('acct_9')
    expect(tag.messages).toEqual([])
  })

  it('switching to denied later stops sending at once, even events waiting for the tag', async () => {
    const tag = createRecordingTag({ ready: 'manual' })
    const tracker = createTracker({ validator, engine, tag })
    const waiting = tracker.track('Signed In', {}, account)
    tracker.setConsent('denied')
    tag.load()
    await expect(waiting).resolves.toMatchObject({ status: 'discarded' })
    expect(tag.messages).toEqual([])
  })

  it('granting after a denial tells the tag the current user and account first', async () => {
    const tag = createRecordingTag()
    const tracker = createTracker({ validator, engine, tag, consent: 'denied' })
    tracker.identify('u1')
    tracker.group('acct_123')
    tracker.setConsent('granted')
    await tracker.track('Signed In', {}, account)
    expect(tag.messages.map((m) => [m.type, m.userId])).toEqual([
      ['identify', 'u1'],
      ['group', 'u1'],
      ['track', 'u1'],
    ])
  })

  it('a logout under a denial resets the tag before anything else once consent is granted again', async () => {
    const tag = createRecordingTag()
    const tracker = createTracker({ validator, engine, tag })
    tracker.identify('u1')
    tracker.setConsent('denied')
    await expect(tracker.logout(account)).resolves.toMatchObject({ signedOut: { status: 'discarded' } })
    tracker.setConsent('granted')
    await tracker.track('Signed In', {}, { groupId: 'acct_123' })
    expect(tag.messages.map((m) => [m.type, m.userId ?? null])).toEqual([
      ['identify', 'u1'],
      ['reset', null],
      ['track', null],
    ])
  })

  it('pending with no tag on the page yet: events wait, and reach a tag loaded after consent, in order', async () => {
    vi.useFakeTimers()
    let tag: ReturnType<typeof createRecordingTag> | undefined = undefined
    const tracker = createTracker({ validator, engine, tag: () => tag, consent: 'pending', readyTimeout: 500 })
    tracker.identify('u1')
    const first = tracker.track('Signed In', { username: 'a' }, account)
    const second = tracker.track('Invite Sent', { invitee_role: 'Owner' }, account)
    await vi.advanceTimersByTimeAsync(1000)
    await expect(first).resolves.toMatchObject({ status: 'queued' })

    tracker.setConsent('granted')
    await vi.advanceTimersByTimeAsync(300)
    tag = createRecordingTag()
    await vi.advanceTimersByTimeAsync(100)
    expect(tag.messages.map((m) => [m.type, m.event, m.userId])).toEqual([
      ['identify', undefined, 'u1'],
      ['track', 'Signed In', 'u1'],
      ['track', 'Invite Sent', 'u1'],
    ])
    await expect(second).resolves.toMatchObject({ status: 'queued' })
    vi.useRealTimers()
  })

  it('stops looking for a tag that never comes, and looks again on the next call', async () => {
    vi.useFakeTimers()
    let tag: ReturnType<typeof createRecordingTag> | undefined = undefined
    let reads = 0
    const tracker = createTracker({
      validator,
      engine,
      tag: () => {
        reads += 1
        return tag
      },
      consent: 'pending',
      readyTimeout: 50,
    })
    const first = tracker.track('Signed In', {}, account).catch((e: unknown) => e)
    tracker.setConsent('granted')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(await first).toMatchObject({ reason: 'missing' })
    const afterGivingUp = reads
    await vi.advanceTimersByTimeAsync(60_000)
    expect(reads).toBe(afterGivingUp)
    expect(vi.getTimerCount()).toBe(0)

    tag = createRecordingTag()
    await tracker.track('Invite Sent', {}, account)
    expect(tag.tracks().map((m) => m.event)).toEqual(['Signed In', 'Invite Sent'])
    vi.useRealTimers()
  })

  it('validation still applies while denied', async () => {
    const tracker = createTracker({ validator, engine, tag: createRecordingTag(), consent: 'denied' })
    await expect(tracker.track('Signed Up', { email: 'nope' }, account)).rejects.toThrow(/properties\.email/)
  })
})

describe('Object-Action naming', () => {
  it('renames Signed Up, Signed In and Signed Out on the wire; others keep their names', async () => {
    const tag = createRecordingTag()
    const tracker = createTracker({ validator, engine, tag, eventNaming: 'object-action' })
    const delivery = await tracker.track('Signed Up', { type: 'organic' }, account)
    await tracker.track('Signed In', {}, account)
    await tracker.track('Signed Out', {}, account)
    await tracker.track('Invite Sent', {}, account)
    expect(tag.tracks().map((m) => m.event)).toEqual([
      'User Signed Up',
      'User Signed In',
      'User Signed Out',
      'Invite Sent',
    ])
    expect(delivery.event).toBe('User Signed Up')
  })

  it("'spec' naming is the default", async () => {
    const tag = createRecordingTag()
    await createTracker({ validator, engine, tag }).track('Signed Up', {}, account)
    expect(tag.tracks()[0]?.event).toBe('Signed Up')
  })
})

describe('subscribe', () => {
  it('follows an event from queue to acknowledgement, with its validation', async () => {
    const tag = createRecordingTag({ ready: 'manual' })
    const tracker = createTracker({ validator, engine, tag, validation: 'report', onError: () => undefined })
    const records: EventRecord[] = []
    const stop = tracker.subscribe((record) => record && records.push(record))
    const sent = tracker.track('Signed Up', { email: 'nope' }, account)
    tag.load()
    await sent
    expect(records.map((r) => r.state)).toEqual(['queued', 'handed', 'acknowledged'])
    expect(records.every((r) => r.id === records[0]?.id)).toBe(true)
    expect(records[0]).toMatchObject({
      event: 'Signed Up',
      groupId: 'acct_123',
      validation: 'invalid',
      issues: [{ path: 'properties.email' }],
    })

    stop()
    await tracker.track('Signed In', {}, account)
    expect(records).toHaveLength(3)
  })

  it('records an event stopped by validation, and a listener that throws breaks nothing', async () => {
    const tracker = createTracker({ validator, engine, tag: createRecordingTag() })
    const records: EventRecord[] = []
    tracker.subscribe(() => {
      throw new Error('inspector bug')
    })
    tracker.subscribe((record) => record && records.push(record))
    await tracker.track('Signed Up', { email: 'nope' }, account).catch(() => undefined)
    await tracker.track('Signed In', {}, account)
    expect(records.map((r) => [r.event, r.state, r.validation])).toEqual([
      ['Signed Up', 'rejected', 'invalid'],
      ['Signed In', 'handed', 'valid'],
      ['Signed In', 'acknowledged', 'valid'],
    ])
  })

  it('records an event that failed for want of a tag', async () => {
    vi.useFakeTimers()
    const tracker = createTracker({ validator, engine, tag: () => undefined })
    const records: EventRecord[] = []
    tracker.subscribe((record) => record && records.push(record))
    const sent = tracker.track('Signed In', {}, account).catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(1000)
    await sent
    expect(records.map((r) => [r.event, r.state])).toEqual([
      ['Signed In', 'queued'],
      ['Signed In', 'failed'],
    ])
    vi.useRealTimers()
  })
})

describe('a reset dropped with the queue', () => {
  it('logout while consent is pending, then denied, then granted: the tag is reset before the next event', async () => {
    const tag = createRecordingTag()
    const tracker = createTracker({ validator, engine, tag })
    tracker.identify('u1')
    tracker.setConsent('pending')
    void tracker.logout(account).catch(() => undefined)
    tracker.setConsent('denied')
    tracker.setConsent('granted')
    await tracker.track('Signed In', {}, { groupId: 'acct_123' })
    expect(tag.messages.map((m) => [m.type, m.userId ?? null])).toEqual([
      ['identify', 'u1'],
      ['reset', null],
      ['track', null],
    ])
  })
})

describe('a tag source that throws', () => {
  it('counts as no tag: events settle, nothing throws out of a timer', async () => {
    vi.useFakeTimers()
    let broken = false
    const tag = createRecordingTag({ ready: 'manual' })
    const tracker = createTracker({
      validator,
      engine,
      tag: () => {
        if (broken) throw new Error('source broke')
        return tag
      },
      readyTimeout: 100,
    })
    const first = tracker.track('Signed In', {}, account).catch((e: unknown) => e)
    const second = tracker.track('Invite Sent', {}, account).catch((e: unknown) => e)
    broken = true
    await vi.advanceTimersByTimeAsync(200)
    expect(await first).toMatchObject({ reason: 'missing' })
    expect(await second).toMatchObject({ reason: 'missing' })
    vi.useRealTimers()
  })
})
