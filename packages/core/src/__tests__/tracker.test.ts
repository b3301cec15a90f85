import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  type AnalyticsTag,
  createTracker,
  type IntileryError,
  IntileryQueueOverflowError,
  IntileryTagError,
  type IntileryValidationError,
} from '../index'
import { createRecordingTag } from '../testing'
import { validator } from '../events'
import { engine } from '../engine'

const account = { account: 'acct_123' }

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('delivery', () => {
  it('hands each event to the tag once, as track(event, properties, { context: { groupId } }, callback)', async () => {
    const track = vi.fn((...args: unknown[]) => Promise.resolve(args.length))
    const tag = { ...createRecordingTag(), track } as AnalyticsTag
    const tracker = createTracker({ validator, engine, tag })
    const delivery = await tracker.track('Signed In', { username: 'pgibbons' }, account)

    expect(track).toHaveBeenCalledTimes(1)
    expect(track.mock.calls[0]?.slice(0, 3)).toEqual([
      'Signed In',
      { username: 'pgibbons' },
      { context: { groupId: 'acct_123' } },
    ])
    expect(typeof track.mock.calls[0]?.[3]).toBe('function')
    expect(delivery).toEqual({
      event: 'Signed In',
      status: 'acknowledged',
      payload: { event: 'Signed In', properties: { username: 'pgibbons' }, context: { groupId: 'acct_123' } },
    })
  })

  it('resolves on the tag’s callback when it gives no promise', async () => {
    const tracker = createTracker({ validator, engine, tag: createRecordingTag({ acknowledge: 'callback' }) })
    await expect(tracker.track('Signed In', {}, account)).resolves.toMatchObject({ status: 'acknowledged' })
  })

  it('resolves as timeout when the tag never answers, after deliveryTimeout and its grace', async () => {
    vi.useFakeTimers()
    const tracker = createTracker({
      validator,
      engine,
      tag: createRecordingTag({ acknowledge: 'never' }),
      deliveryTimeout: 300,
    })
    const settled = vi.fn()
    tracker.track('Signed In', {}, account).then(settled)
    await vi.advanceTimersByTimeAsync(349)
    expect(settled).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(settled).toHaveBeenCalledWith(expect.objectContaining({ status: 'timeout' }))
  })

  it('a tag that confirms right at its own 300 ms timeout is acknowledged, not timed out', async () => {
    vi.useFakeTimers()
    const recording = createRecordingTag()
    const tag = {
      ...recording,
      track: (...args: Parameters<typeof recording.track>) => {
        recording.track(...args)
        // analytics-next holds a given callback (and its promise) until its own 300 ms have passed
        return new Promise<void>((resolve) => setTimeout(() => resolve(), 300)).then(() => (args[3] as () => void)())
      },
    } as AnalyticsTag
    const sent = createTracker({ validator, engine, tag, deliveryTimeout: 300 }).track('Signed In', {}, account)
    await vi.advanceTimersByTimeAsync(300)
    await expect(sent).resolves.toMatchObject({ status: 'acknowledged' })
  })

  it('hands the tag its own copy of the context, so the delivery reports exactly what was sent', async () => {
    const recording = createRecordingTag()
    const tag = {
      ...recording,
      track: (event: string, properties?: object, options?: object) => {
        const context = (options as { context: Record<string, unknown> }).context
        context.page = { path: '/' }
        return recording.track(event, properties, options)
      },
    } as AnalyticsTag
    const delivery = await createTracker({ validator, engine, tag }).track('Signed In', {}, account)
    expect(delivery.payload.context).toEqual({ groupId: 'acct_123' })
  })

  it('a given call’s groupId wins over the inherited account', async () => {
    const tag = createRecordingTag()
    await createTracker({ validator, engine, tag }).track(
      'Account Created',
      {},
      { groupId: 'acct_new', account: 'acct_123' },
    )
    expect(tag.tracks()[0]?.context).toEqual({ groupId: 'acct_new' })
  })
})

describe('failure of the tag', () => {
  it('no tag at all: rejects with a clear IntileryTagError, not a TypeError', async () => {
    vi.stubGlobal('window', {})
    const error = await createTracker({ validator })
      .track('Signed In', {}, account)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntileryTagError)
    expect((error as IntileryTagError).reason).toBe('missing')
    expect((error as Error).message).toMatch(/^\[intilery\] "Signed In" was not sent: no analytics tag/)
  })

  it('a tag that appears while the event waits for one gets it, once', async () => {
    vi.useFakeTimers()
    const tag = createRecordingTag()
    let reads = 0
    const tracker = createTracker({ validator, engine, tag: () => (++reads > 1 ? tag : undefined) })
    const sent = tracker.track('Signed In', {}, account)
    await vi.advanceTimersByTimeAsync(200)
    await expect(sent).resolves.toMatchObject({ status: 'acknowledged' })
    expect(tag.tracks()).toHaveLength(1)
  })

  it('a tag that throws is not tried again later, out of order: the event rejects at once', async () => {
    vi.useFakeTimers()
    const tag = createRecordingTag({ throws: true })
    const track = vi.spyOn(tag, 'track')
    const sent = createTracker({ validator, engine, tag })
      .track('Signed In', {}, account)
      .catch((e: unknown) => e)
    expect(await sent).toBeInstanceOf(IntileryTagError)
    await vi.advanceTimersByTimeAsync(5000)
    expect(track).toHaveBeenCalledTimes(1)
  })

  it('no tag yet: identify, track, track keep their order and identities when the tag appears', async () => {
    vi.useFakeTimers()
    let tag: ReturnType<typeof createRecordingTag> | undefined = undefined
    const tracker = createTracker({ validator, engine, tag: () => tag, onError: () => undefined })
    tracker.identify('u1')
    void tracker.track('Signed In', { username: 'A' }, account).catch(() => undefined)
    void tracker.logout(account).catch(() => undefined)
    void tracker.track('Signed In', { username: 'B' }, { groupId: 'acct_123' }).catch(() => undefined)
    await vi.advanceTimersByTimeAsync(100)
    tag = createRecordingTag()
    await vi.advanceTimersByTimeAsync(100)
    expect(tag.messages.map((m) => [m.type, m.event ?? '', m.userId ?? null])).toEqual([
      ['identify', '', 'u1'],
      ['track', 'Signed In', 'u1'],
      ['track', 'Signed Out', 'u1'],
      ['reset', '', null],
      ['track', 'Signed In', null],
    ])
  })

  it('still no tag after readyTimeout: a clear error, and the event stays queued for a tag that comes later', async () => {
    vi.useFakeTimers()
    let tag: ReturnType<typeof createRecordingTag> | undefined = undefined
    const sent = createTracker({ validator, engine, tag: () => tag, readyTimeout: 1000 })
      .track('Signed In', {}, account)
      .catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(1000)
    const error = (await sent) as IntileryTagError
    expect(error).toBeInstanceOf(IntileryTagError)
    expect(error.reason).toBe('missing')
    expect(error.message).toMatch(/waits in the queue/)
    tag = createRecordingTag()
    await vi.advanceTimersByTimeAsync(100)
    expect(tag.tracks()).toHaveLength(1)
  })

  it('a queueLimit that is not a whole number of at least 1 is a clear error, and the default is used', async () => {
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined)
    for (const queueLimit of [0, -1, 1.5, Number.NaN]) {
      const errors: IntileryError[] = []
      const tag = createRecordingTag({ ready: 'manual' })
      let tracker: ReturnType<typeof createTracker> | undefined
      expect(() => {
        tracker = createTracker({ validator, engine, tag, queueLimit, onError: (e) => errors.push(e) })
      }).not.toThrow()
      expect(errors.map((e) => e.message)).toEqual([
        '[intilery] queueLimit must be a whole number of at least 1; using 1000',
      ])
      // The default holds 1,000 calls: none of these is dropped.
      const sent = Array.from({ length: 1000 }, () => tracker!.track('Signed In', {}, account))
      tag.load()
      await expect(Promise.all(sent)).resolves.toHaveLength(1000)
    }
    expect(console).toHaveBeenCalledTimes(4)
    console.mockRestore()
  })

  it('a property getter that throws is a validation error, never a throw', async () => {
    const tracker = createTracker({ validator, engine, tag: createRecordingTag() })
    const properties = Object.defineProperty({}, 'username', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    let sent: Promise<unknown> | undefined
    expect(() => {
      sent = tracker.track('Signed In', properties, account)
    }).not.toThrow()
    const error = (await sent?.catch((e: unknown) => e)) as IntileryValidationError
    expect(error.issues.map((issue) => issue.path)).toEqual(['properties'])
  })

  it('reads window.analytics when no tag is given', async () => {
    const tag = createRecordingTag()
    vi.stubGlobal('window', { analytics: tag })
    await createTracker({ validator }).track('Signed In', {}, account)
    expect(tag.tracks()).toHaveLength(1)
  })

  it('a tag that throws rejects the event with the cause and never throws to the caller', async () => {
    const tracker = createTracker({ validator, engine, tag: createRecordingTag({ throws: true }) })
    let promise: Promise<unknown> | undefined
    expect(() => {
      promise = tracker.track('Signed In', {}, account)
    }).not.toThrow()
    const error = (await promise?.catch((e: unknown) => e)) as IntileryTagError
    expect(error).toBeInstanceOf(IntileryTagError)
    expect(error.reason).toBe('threw')
    expect(error.cause).toBeInstanceOf(Error)
  })

  it('a tag whose promise rejects rejects the event', async () => {
    const tag = { ...createRecordingTag(), track: () => Promise.reject(new Error('503')) } as AnalyticsTag
    const error = (await createTracker({ validator, engine, tag })
      .track('Signed In', {}, account)
      .catch((e: unknown) => e)) as IntileryTagError
    expect(error.reason).toBe('rejected')
  })

  it('identify, group and reset failures go to onError', () => {
    const errors: unknown[] = []
    const tracker = createTracker({
      validator,
      engine,
      tag: createRecordingTag({ throws: true }),
      onError: (e) => errors.push(e),
    })
    tracker.identify('u1')
    tracker.reset()
    expect(errors).toHaveLength(2)
    expect(errors.every((e) => e instanceof IntileryTagError)).toBe(true)
  })
})

describe('the ordered queue before the tag is ready', () => {
  it('holds identify, group, track and reset in order, then hands them over in exactly that order', async () => {
    const tag = createRecordingTag({ ready: 'manual' })
    const tracker = createTracker({ validator, engine, tag })
    tracker.identify('u1')
    tracker.group('acct_123')
    const a = tracker.track('Signed In', { username: 'a' }, account)
    tracker.reset()
    const b = tracker.track('Signed In', { username: 'b' }, { groupId: 'acct_123' })
    expect(tag.messages).toEqual([])

    tag.load()
    expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'group', 'track', 'reset', 'track'])
    expect(tag.tracks().map((m) => [m.properties?.username, m.userId])).toEqual([
      ['a', 'u1'],
      ['b', undefined],
    ])
    await expect(Promise.all([a, b])).resolves.toMatchObject([{ status: 'acknowledged' }, { status: 'acknowledged' }])
  })

  it('an event waiting for the tag settles as queued after readyTimeout, and is still sent once the tag loads', async () => {
    vi.useFakeTimers()
    const tag = createRecordingTag({ ready: 'manual' })
    const tracker = createTracker({ validator, engine, tag, readyTimeout: 1000 })
    const settled = vi.fn()
    tracker.track('Signed In', {}, account).then(settled)
    await vi.advanceTimersByTimeAsync(999)
    expect(settled).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(settled).toHaveBeenCalledWith(expect.objectContaining({ status: 'queued' }))

    tag.load()
    expect(tag.tracks()).toHaveLength(1)
  })

  it('an event’s delivery timeout starts when it is handed over, not when it was queued', async () => {
    vi.useFakeTimers()
    const tag = createRecordingTag({ ready: 'manual', acknowledge: 'never' })
    const tracker = createTracker({
      validator,
      engine,
      tag,
      readyTimeout: Number.POSITIVE_INFINITY,
      deliveryTimeout: 300,
    })
    const settled = vi.fn()
    tracker.track('Signed In', {}, { ...account, readyTimeout: Number.POSITIVE_INFINITY }).then(settled)
    await vi.advanceTimersByTimeAsync(5000)
    expect(settled).not.toHaveBeenCalled()
    tag.load()
    await vi.advanceTimersByTimeAsync(349)
    expect(settled).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(settled).toHaveBeenCalledWith(expect.objectContaining({ status: 'timeout' }))
  })

  it('a tag failure on an event that already settled as queued reaches onError', async () => {
    vi.useFakeTimers()
    const errors: unknown[] = []
    const recording = createRecordingTag({ ready: 'manual' })
    const tag = {
      ...recording,
      track: () => {
        throw new Error('boom')
      },
    } as AnalyticsTag
    const tracker = createTracker({ validator, engine, tag, readyTimeout: 100, onError: (e) => errors.push(e) })
    const sent = tracker.track('Signed In', {}, account)
    await vi.advanceTimersByTimeAsync(100)
    await expect(sent).resolves.toMatchObject({ status: 'queued' })
    recording.load()
    expect(errors).toEqual([expect.any(IntileryTagError)])
  })

  it('follows a tag whose ready() returns a promise', async () => {
    let load: () => void = () => undefined
    const loaded = new Promise<void>((resolve) => {
      load = resolve
    })
    const recording = createRecordingTag()
    const tag = { ...recording, ready: () => loaded } as AnalyticsTag
    const tracker = createTracker({ validator, engine, tag })
    const sent = tracker.track('Signed In', {}, account)
    await Promise.resolve()
    expect(recording.tracks()).toHaveLength(0)
    load()
    await expect(sent).resolves.toMatchObject({ status: 'acknowledged' })
    expect(recording.tracks()).toHaveLength(1)
  })

  it('is bounded: overflow drops the oldest events and reports how many through onError', async () => {
    const tag = createRecordingTag({ ready: 'manual' })
    const errors: unknown[] = []
    const tracker = createTracker({ validator, engine, tag, queueLimit: 3, onError: (e) => errors.push(e) })
    const results = ['a', 'b', 'c', 'd', 'e'].map((username) =>
      tracker.track('Signed In', { username }, account).catch((e: unknown) => e),
    )
    await Promise.resolve()
    expect(errors).toHaveLength(1)
    expect(errors[0]).toBeInstanceOf(IntileryQueueOverflowError)
    expect((errors[0] as IntileryQueueOverflowError).dropped).toBe(2)
    expect(await results[0]).toBeInstanceOf(IntileryQueueOverflowError)

    tag.load()
    expect(tag.tracks().map((m) => m.properties?.username)).toEqual(['c', 'd', 'e'])
  })

  it('keeps identity calls over events when it must drop', () => {
    const tag = createRecordingTag({ ready: 'manual' })
    const tracker = createTracker({ validator, engine, tag, queueLimit: 2, onError: () => undefined })
    tracker.identify('u1')
    void tracker.track('Signed In', { username: 'a' }, account).catch(() => undefined)
    void tracker.track('Signed In', { username: 'b' }, account).catch(() => undefined)
    tag.load()
    expect(tag.messages.map((m) => [m.type, m.properties?.username])).toEqual([
      ['identify', undefined],
      ['track', 'b'],
    ])
  })
})

describe('identity', () => {
  it('identify and group with the same values again are no-ops; a change by value is not', () => {
    const tag = createRecordingTag()
    const tracker = createTracker({ validator, engine, tag })
    tracker.identify('u1', { plan: 'pro' })
    tracker.identify('u1', { plan: 'pro' })
    tracker.group('acct_1')
    tracker.group('acct_1')
    tracker.identify('u1', { plan: 'team' })
    tracker.group('acct_2')
    expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'group', 'identify', 'group'])
  })

  it('after reset, the same user is identified again', () => {
    const tag = createRecordingTag()
    const tracker = createTracker({ validator, engine, tag })
    tracker.identify('u1')
    tracker.reset()
    tracker.identify('u1')
    expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'reset', 'identify'])
  })
})
