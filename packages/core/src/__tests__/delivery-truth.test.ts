// Issue 11, items 1 to 3 and 6, through the tracker's public API: statuses that say what happened,
// identities the tag cannot bend, the snippet's stub, and settings that cannot crash an app.
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as z from 'zod/mini'
import { type AnalyticsTag, createTracker, defineEvents, type IntileryError, IntileryValidationError } from '../index'
import { validator } from '../events'
import { engine } from '../engine'
import { TAG_HOPS } from '../engine/scheduler'
import { createRecordingTag } from '../testing'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

/**
 * Synchronous work of `ms` (the app's, or the tag's), under fake timers: the clock moves on, and no
 * timer of ours is due that soon, so none runs before the work is done, as in a real tick.
 */
function work(ms: number): void {
  vi.advanceTimersByTime(ms)
}

/**
 * Synchronous work of `ms` during which timers fall due, under fake timers: the clock moves on and
 * no timer runs before the work is done, as on the main thread; they run at the next await.
 */
function busy(ms: number): void {
  vi.setSystemTime(Date.now() + ms)
}

/**
 * A tag that confirms each event `delay` ms after it was called, and stamps identities as
 * analytics-next does: the current user at the call if there is one, else whoever is identified
 * when it sends (`json.userId || user.id()`), `hops` timer tasks later (2, measured in Chromium).
 */
function analyticsLikeTag({ delay = 320, hops = 2 } = {}) {
  let user: string | undefined
  const sent: { event: string; userId: string | undefined }[] = []
  const later = (left: number, run: () => void): unknown =>
    setTimeout(() => (left > 1 ? later(left - 1, run) : run()), 0)
  const tag: AnalyticsTag & { sent: typeof sent } = {
    sent,
    track(event) {
      const atCall = user
      later(hops, () => sent.push({ event, userId: atCall ?? user }))
      return new Promise((resolve) => setTimeout(resolve, delay))
    },
    identify(id) {
      user = id
    },
    group: () => undefined,
    page: () => undefined,
    reset() {
      user = undefined
    },
    ready: (callback) => callback?.(),
  }
  return tag
}

describe('issue 11.1: each event’s delivery timeout starts at its own handoff', () => {
  it('100 ms of work between two calls in one tick: a tag confirming 320 ms after each acknowledges both', async () => {
    vi.useFakeTimers()
    const tag = analyticsLikeTag({ delay: 320 })
    const tracker = createTracker({ validator, engine, tag, groupId: 'acct_123' })
    const first = tracker.track('Signed In', {})
    work(100)
    const second = tracker.track('Invite Sent', {})
    await vi.advanceTimersByTimeAsync(1000)
    await expect(Promise.all([first, second])).resolves.toMatchObject([
      { status: 'acknowledged' },
      { status: 'acknowledged' },
    ])
  })

  it('50 events and a logout queued before the tag loads: all acknowledged, logout confirmed', async () => {
    vi.useFakeTimers()
    const recording = createRecordingTag({ ready: 'manual' })
    // Handing one call over costs the tag 3 ms of work; it confirms each 305 ms after it was called,
    // as the real tag did: the drain takes 150 ms, so the last event is confirmed 455 ms after the first.
    const tag = {
      ...recording,
      track: (...args: Parameters<AnalyticsTag['track']>) => {
        recording.track(...args)
        work(3)
        return new Promise<void>((resolve) => setTimeout(resolve, 305))
      },
    } as AnalyticsTag
    const tracker = createTracker({ validator, engine, tag, userId: 'u1', groupId: 'acct_123' })
    const events = Array.from({ length: 50 }, (_, i) => tracker.track('Invite Sent', { invitee_role: `r${i}` }))
    const logout = tracker.logout()
    recording.load()
    await vi.advanceTimersByTimeAsync(2000)
    const statuses = (await Promise.all(events)).map((delivery) => delivery.status)
    expect(statuses).toEqual(Array.from({ length: 50 }, () => 'acknowledged'))
    await expect(logout).resolves.toMatchObject({ signedOut: { status: 'acknowledged' } })
  })

  it('events in line behind a loaded tag are not reported as queued, however long the line', async () => {
    // The tag costs 3 ms of main thread per track, as analytics-next does, and the line of 100 takes
    // 300 ms to hand over, three times the readyTimeout: the readyTimeouts fall due on the way.
    vi.useFakeTimers()
    const recording = createRecordingTag()
    const tag = {
      ...recording,
      track: (...args: Parameters<AnalyticsTag['track']>) => {
        recording.track(...args)
        busy(3)
        return Promise.resolve()
      },
    } as AnalyticsTag
    const tracker = createTracker({ validator, engine, tag, groupId: 'a', readyTimeout: 100 })
    const sent = Array.from({ length: 100 }, (_, i) => tracker.track('Invite Sent', { invitee_role: `r${i}` }))
    await vi.advanceTimersByTimeAsync(1000)
    const statuses = (await Promise.all(sent)).map((delivery) => delivery.status)
    expect(statuses).toEqual(Array.from({ length: 100 }, () => 'acknowledged'))
  })

  it('a tag that appears after the tracker stopped looking is used once consent is granted', async () => {
    vi.useFakeTimers()
    vi.stubGlobal('window', {})
    const tracker = createTracker({ validator, engine, groupId: 'a', consent: 'pending' })
    const sent = tracker.track('Signed In', {})
    await vi.advanceTimersByTimeAsync(40_000)
    tracker.setConsent('granted')
    const tag = createRecordingTag()
    ;(globalThis as { window: { analytics?: AnalyticsTag } }).window.analytics = tag
    await vi.advanceTimersByTimeAsync(1000)
    expect(tag.tracks().map((call) => call.event)).toEqual(['Signed In'])
    await expect(sent).resolves.toMatchObject({ status: 'queued' })
  })

  it('a tag that never answers still times out each event, bounded', async () => {
    vi.useFakeTimers()
    const tracker = createTracker({
      validator,
      engine,
      tag: createRecordingTag({ acknowledge: 'never' }),
      groupId: 'a',
    })
    const sent = [tracker.track('Signed In', {}), tracker.track('Signed In', {})]
    await vi.advanceTimersByTimeAsync(350)
    await expect(Promise.all(sent)).resolves.toMatchObject([{ status: 'timeout' }, { status: 'timeout' }])
  })
})

describe('a big batch and a slow tag: the page is not frozen, nothing is dropped', () => {
  it('hands a batch over in slices of a few milliseconds, in order, past the queue limit, none lost', async () => {
    vi.useFakeTimers()
    const recording = createRecordingTag()
    // Each call costs the tag 2 ms of main thread, as the real one costs 3 to 7.
    const tag = {
      ...recording,
      track: (...args: Parameters<AnalyticsTag['track']>) => {
        busy(2)
        return recording.track(...args)
      },
    } as AnalyticsTag
    const tracker = createTracker({ validator, engine, tag, groupId: 'a', queueLimit: 5 })
    const sent = Array.from({ length: 20 }, (_, i) =>
      tracker.track('Invite Sent', { invitee_role: `r${i}` }, { batch: true }),
    )
    // This task handed over what fits in one slice, not all twenty.
    const handedNow = recording.tracks().length
    expect(handedNow).toBeGreaterThan(0)
    expect(handedNow).toBeLessThan(20)
    // The rest go in the next tasks, a slice each.
    await vi.advanceTimersByTimeAsync(100)
    const statuses = (await Promise.all(sent)).map((delivery) => delivery.status)
    expect(statuses.every((status) => status === 'acknowledged')).toBe(true)
    expect(recording.tracks().map((m) => m.properties?.invitee_role)).toEqual(
      Array.from({ length: 20 }, (_, i) => `r${i}`),
    )
  })
})

describe('issue 11.2: an event sent after logout and before the next sign-in carries no user', () => {
  it('logout → anonymous event → sign-in in one handler: the tag sends the event with no userId', async () => {
    vi.useFakeTimers()
    const tag = analyticsLikeTag({ delay: 20 })
    const tracker = createTracker({ validator, engine, tag, userId: 'u1', groupId: 'acct_123' })
    const logout = tracker.logout()
    const between = tracker.track('Trial Started', {}, { groupId: 'acct_123' })
    tracker.identify('u2')
    const signedIn = tracker.track('Signed In', {})
    await vi.advanceTimersByTimeAsync(1000)
    await Promise.all([logout, between, signedIn])
    expect(tag.sent).toEqual([
      { event: 'Signed Out', userId: 'u1' },
      { event: 'Trial Started', userId: undefined },
      { event: 'Signed In', userId: 'u2' },
    ])
  })

  it('the same with the tag not loaded yet: the order and the identities hold when it loads', async () => {
    vi.useFakeTimers()
    const base = analyticsLikeTag({ delay: 20 })
    let load: () => void = () => undefined
    const tag = { ...base, ready: (callback?: () => void) => void (load = () => callback?.()) }
    const tracker = createTracker({ validator, engine, tag, userId: 'u1', groupId: 'acct_123' })
    void tracker.logout()
    void tracker.track('Trial Started', {}, { groupId: 'acct_123' })
    tracker.identify('u2')
    const last = tracker.track('Signed In', {})
    load()
    await vi.advanceTimersByTimeAsync(1000)
    await last
    expect(base.sent.map((sent) => sent.userId)).toEqual(['u1', undefined, 'u2'])
  })

  it('the identify waits for the tag to send, not to confirm: a few timer tasks, never the deadline', async () => {
    vi.useFakeTimers()
    const tag = createRecordingTag({ acknowledge: 'never' })
    const tracker = createTracker({ validator, engine, tag })
    const start = Date.now()
    void tracker.track('Trial Started', {}, { account: 'acct_123' })
    tracker.identify('u2')
    expect(tag.messages.map((m) => m.type)).toEqual(['track'])
    for (let hop = 1; hop < TAG_HOPS; hop++) {
      await vi.advanceTimersToNextTimerAsync()
      expect(tag.messages.map((m) => m.type)).toEqual(['track'])
    }
    await vi.advanceTimersToNextTimerAsync()
    expect(tag.messages.map((m) => m.type)).toEqual(['track', 'identify'])
    // Zero-delay timers only (the fake clock counts a nested one as 1 ms), far from the 350 ms deadline.
    expect(Date.now() - start).toBeLessThan(TAG_HOPS)
  })
})

describe('issue 11.3: the analytics.js snippet’s stub is followed to the real instance', () => {
  /** The stub a pasted snippet leaves on window: an array whose methods push calls onto it. */
  function snippetStub() {
    const stub: unknown[][] & Record<string, unknown> = Object.assign([], {}) as never
    for (const method of ['track', 'identify', 'group', 'page', 'reset', 'ready']) {
      stub[method] = (...args: unknown[]) => {
        stub.push([method, ...args])
        return stub
      }
    }
    return stub
  }

  it.each(['given as the tag', 'found on window'] as const)(
    'a stub %s: every call reaches the real instance once, in order; the stub is handed none',
    async (how) => {
      const stub = snippetStub()
      vi.stubGlobal('window', { analytics: stub })
      const tracker = createTracker({
        validator,
        engine,
        ...(how === 'given as the tag' ? { tag: stub as unknown as AnalyticsTag } : {}),
        userId: 'u1',
        groupId: 'acct_123',
      })
      const events = [tracker.track('Signed In', {}), tracker.track('Invite Sent', {})]
      void tracker.logout()
      const after = tracker.track('Trial Started', {}, { groupId: 'acct_123' })
      // Only a ready callback was left on the stub, for the script to run once loaded.
      expect(stub.map((call) => call[0])).toEqual(['ready'])

      // The script loads: it puts the real instance on window and runs the stub's ready callbacks.
      const real = createRecordingTag()
      ;(globalThis as unknown as { window: { analytics: unknown } }).window.analytics = real
      for (const [method, callback] of stub) if (method === 'ready') (callback as () => void)()

      await expect(Promise.all([...events, after])).resolves.toMatchObject([
        { status: 'acknowledged' },
        { status: 'acknowledged' },
        { status: 'acknowledged' },
      ])
      expect(real.messages.map((m) => [m.type, m.event ?? '', m.userId ?? null])).toEqual([
        ['identify', '', 'u1'],
        ['group', '', 'u1'],
        ['track', 'Signed In', 'u1'],
        ['track', 'Invite Sent', 'u1'],
        ['track', 'Signed Out', 'u1'],
        ['reset', '', null],
        ['track', 'Trial Started', null],
      ])
      expect(stub.map((call) => call[0])).toEqual(['ready'])
    },
  )

  it('a stub captured after the script replaced it sends to the real instance at once', async () => {
    const stub = snippetStub()
    const real = createRecordingTag()
    vi.stubGlobal('window', { analytics: real })
    const tracker = createTracker({ validator, engine, tag: stub as unknown as AnalyticsTag, groupId: 'acct_123' })
    await expect(tracker.track('Signed In', {})).resolves.toMatchObject({ status: 'acknowledged' })
    expect(real.tracks()).toHaveLength(1)
    expect(stub).toHaveLength(0)
  })

  it('a stub whose script never loads: events settle as queued, nothing is lost or thrown', async () => {
    vi.useFakeTimers()
    const stub = snippetStub()
    vi.stubGlobal('window', { analytics: stub })
    const tracker = createTracker({ validator, engine, groupId: 'acct_123', readyTimeout: 100 })
    const sent = tracker.track('Signed In', {})
    await vi.advanceTimersByTimeAsync(100)
    await expect(sent).resolves.toMatchObject({ status: 'queued' })
  })
})

describe('issue 11.4 and 11.5: values the tag cannot send, keys that may be personal data', () => {
  it.each([
    ['a BigInt', { seats: 10n }, 'properties.seats'],
    [
      'a cycle',
      (() => {
        const plan: Record<string, unknown> = { name: 'Business' }
        plan.self = plan
        return { plan }
      })(),
      'properties.plan.self',
    ],
    ['a BigInt in an array', { ids: [1, 2n] }, 'properties.ids.1'],
    // Issue 20.4: what hides behind toJSON or a getter, as JSON.stringify would meet it.
    ['a toJSON that gives a BigInt', { amount: { toJSON: () => 10n } }, 'properties.amount'],
    [
      'a toJSON that throws',
      {
        amount: {
          toJSON() {
            throw new Error('no')
          },
        },
      },
      'properties.amount',
    ],
    [
      'a toJSON that gives a nested BigInt',
      { plan: { toJSON: () => ({ nested: { seats: [3n] } }) } },
      'properties.plan.nested.seats.0',
    ],
    [
      'a getter that throws',
      {
        plan: {
          get seats(): number {
            throw new Error('no')
          },
        },
      },
      'properties',
    ],
  ])("%s is rejected in 'throw' mode, rejected and reported in 'report' mode, never sent", async (_, extra, path) => {
    const tag = createRecordingTag()
    const thrown = await createTracker({ validator, engine, tag, groupId: 'a' })
      .track('Signed In', extra as never)
      .catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(IntileryValidationError)
    expect((thrown as IntileryValidationError).issues.map((issue) => issue.path)).toEqual([path])

    const reported: IntileryError[] = []
    const settled = await createTracker({
      validator,
      engine,
      tag,
      groupId: 'a',
      validation: 'report',
      onError: (e) => reported.push(e),
    })
      .track('Signed In', extra as never)
      .catch((e: unknown) => e)
    expect(settled).toBeInstanceOf(IntileryValidationError)
    expect(reported).toEqual([settled])
    expect((settled as IntileryValidationError).issues.map((issue) => issue.path)).toEqual([path])
    expect(tag.tracks()).toEqual([])
  })

  it("'report' mode before the validation code has loaded: JSON that cannot be made is rejected and reported, not sent", async () => {
    let load!: (v: typeof validator) => void
    const loaded = new Promise<typeof validator>((resolve) => (load = resolve))
    const tag = createRecordingTag()
    const reported: IntileryError[] = []
    const tracker = createTracker({
      validator: () => loaded,
      engine,
      tag,
      groupId: 'a',
      validation: 'report',
      onError: (e) => reported.push(e),
    })
    const bad = tracker.track('Signed In', { amount: { toJSON: () => 10n } } as never).catch((e: unknown) => e)
    const good = tracker.track('Signed In', {})
    await expect(good).resolves.toMatchObject({ status: 'acknowledged' })
    const error = (await bad) as IntileryValidationError
    expect(error).toBeInstanceOf(IntileryValidationError)
    expect(error.issues).toEqual([{ path: 'properties', message: expect.stringContaining('cannot be sent as JSON') }])
    expect(reported).toEqual([error])
    expect(tag.tracks().map((message) => message.event)).toEqual(['Signed In'])
    load(validator)
    await loaded
    await new Promise((resolve) => setTimeout(resolve, 0))
    // Once the code has loaded, nothing is reported twice.
    expect(reported).toHaveLength(1)
  })

  it('an unknown top-level key of a strict schema is masked when it may be personal data', async () => {
    const plan = defineEvents({ 'Seat Assigned': z.strictObject({ seat: z.string() }) })
    const error = (await createTracker({ validator, engine, events: plan, groupId: 'a', tag: createRecordingTag() })
      .track('Seat Assigned', { seat: 'A1', 'peter.gibbons@initech.com': 'yes', plan: 'pro' } as never)
      .catch((e: unknown) => e)) as IntileryValidationError
    expect(error.issues.map((issue) => issue.path)).toEqual(['properties.[key]', 'properties.plan'])
    expect(error.message).not.toContain('peter.gibbons')
    expect(error.message).not.toContain('initech')
  })
})

describe('an email passed as the event name is masked in every error, not only validation errors', () => {
  const email = 'pgibbons@example.com'
  const shown = (error: unknown) => {
    const { message, event } = error as IntileryError
    expect(message).not.toContain('pgibbons')
    return event
  }

  it("no tag, a tag that throws, a full queue: each error names the event '[event]'", async () => {
    vi.useFakeTimers()
    const reported: IntileryError[] = []
    const options = { validator, engine, groupId: 'a', validation: 'report' as const, readyTimeout: 20 }
    const onError = (e: IntileryError) => reported.push(e)

    const missing = createTracker({ ...options, tag: () => undefined, onError })
      .track(email as never, {} as never)
      .catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(20)
    expect(shown(await missing)).toBe('[event]')

    const threw = await createTracker({ ...options, tag: createRecordingTag({ throws: true }), onError })
      .track(email as never, {} as never)
      .catch((e: unknown) => e)
    expect(shown(threw)).toBe('[event]')

    const tag = createRecordingTag({ ready: 'manual' })
    const full = createTracker({ ...options, tag, queueLimit: 1, onError })
    const dropped = full.track(email as never, {} as never).catch((e: unknown) => e)
    void full.track('Signed In', {})
    expect(shown(await dropped)).toBe('[event]')

    // 'report' mode told onError the name was not in the catalogue: masked there too.
    expect(reported.length).toBeGreaterThan(0)
    for (const error of reported) shown(error)
  })

  it('a name that reads like an event name is still shown', async () => {
    vi.useFakeTimers()
    const error = createTracker({ validator, engine, groupId: 'a', tag: () => undefined, readyTimeout: 20 })
      .track('Signed In', {})
      .catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(20)
    expect(((await error) as IntileryError).event).toBe('Signed In')
  })
})

describe('issue 11.6: bad settings and calls never crash, never throw', () => {
  it.each([
    ['deliveryTimeout', Number.NaN, 'deliveryTimeout must be a finite number of milliseconds, 0 or more; using 300'],
    ['readyTimeout', -1, 'readyTimeout must be a finite number of milliseconds, 0 or more; using 1000'],
    [
      'logoutTimeout',
      Number.POSITIVE_INFINITY,
      'logoutTimeout must be a finite number of milliseconds, 0 or more; using 1000',
    ],
    ['validation', 'strict', 'validation must be one of throw, report, off; using throw'],
    ['eventNaming', 'Object-Action', 'eventNaming must be one of spec, object-action; using spec'],
  ])('%s = %s: a clear error to onError and the console, and the default', async (name, value, message) => {
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined)
    const errors: IntileryError[] = []
    const tag = createRecordingTag()
    const tracker = createTracker({
      validator,
      engine,
      tag,
      groupId: 'a',
      onError: (e) => errors.push(e),
      [name]: value,
    })
    expect(errors.map((e) => e.message)).toEqual([`[intilery] ${message}`])
    expect(console).toHaveBeenCalledWith(`[intilery] ${message}`)
    await expect(tracker.track('Signed In', {})).resolves.toMatchObject({ status: 'acknowledged' })
  })

  it.each([['yes'], [undefined], [null]])(
    'a consent that is no consent (%s) grants nothing: calls wait as if pending, with a clear error',
    async (value) => {
      vi.spyOn(console, 'error').mockImplementation(() => undefined)
      const errors: IntileryError[] = []
      const tag = createRecordingTag()
      const given = createTracker({ validator, engine, tag, groupId: 'a', onError: (e) => errors.push(e) })
      given.setConsent('denied')
      given.setConsent(value as never)
      const made = createTracker({
        validator,
        engine,
        tag,
        groupId: 'a',
        onError: (e) => errors.push(e),
        consent: 'yes' as never,
      })
      vi.useFakeTimers()
      const held = [
        given.track('Signed In', {}, { readyTimeout: 10 }),
        made.track('Signed In', {}, { readyTimeout: 10 }),
      ]
      await vi.advanceTimersByTimeAsync(10)
      expect(await Promise.all(held)).toMatchObject([{ status: 'queued' }, { status: 'queued' }])
      expect(tag.tracks()).toEqual([])
      expect(errors.map((e) => e.message)).toEqual([
        `[intilery] consent must be one of granted, pending, denied; using pending`,
        `[intilery] consent must be one of granted, pending, denied; using pending`,
      ])
      given.setConsent('granted')
      expect(tag.tracks()).toHaveLength(1)
    },
  )

  it('a bound given for one call that is no number of milliseconds takes the setting: the promise settles', async () => {
    vi.useFakeTimers()
    const tracker = createTracker({
      validator,
      engine,
      tag: () => undefined,
      groupId: 'a',
      readyTimeout: 50,
      logoutTimeout: 80,
    })
    const event = tracker.track('Signed In', {}, { readyTimeout: Number.NaN })
    const page = tracker.page('Home', {}, { readyTimeout: -1 })
    const logout = tracker.logout({ timeout: Number.POSITIVE_INFINITY })
    const settled = { event: false, page: false, logout: false }
    event.catch(() => undefined).finally(() => (settled.event = true))
    page.catch(() => undefined).finally(() => (settled.page = true))
    logout.catch(() => undefined).finally(() => (settled.logout = true))
    await vi.advanceTimersByTimeAsync(79)
    expect(settled).toEqual({ event: true, page: true, logout: false })
    await vi.advanceTimersByTimeAsync(1)
    expect(settled).toEqual({ event: true, page: true, logout: true })
    // With no tag at all, Signed Out waits in the queue: the logout says so, and does not fail.
    await expect(logout).resolves.toMatchObject({ signedOut: { status: 'queued' } })
  })

  it('null where an object is expected: nothing thrown, and delivery goes on', async () => {
    const tag = createRecordingTag()
    const tracker = createTracker({ validator, engine, tag, groupId: 'a' })
    expect(() => {
      tracker.sync(null as never)
      tracker.sync('u1' as never)
      tracker.configure(null as never)
      tracker.group('b', { name: 'B' }, null as never)
    }).not.toThrow()
    await expect(tracker.logout(null as never)).resolves.toMatchObject({ signedOut: { status: 'acknowledged' } })
    expect(tag.messages.map((m) => m.type)).toEqual(['group', 'group', 'track', 'reset'])
  })

  it('deliveryTimeout NaN no longer makes every event time out at once', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    vi.useFakeTimers()
    const tag = createRecordingTag({ acknowledge: 'callback' })
    const tracker = createTracker({
      validator,
      engine,
      tag,
      groupId: 'a',
      deliveryTimeout: Number.NaN,
      onError: () => undefined,
    })
    const sent = tracker.track('Signed In', {})
    await vi.advanceTimersByTimeAsync(13)
    await expect(sent).resolves.toMatchObject({ status: 'acknowledged' })
  })

  it('in production the error goes to onError only', () => {
    vi.stubEnv('NODE_ENV', 'production')
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined)
    const errors: IntileryError[] = []
    createTracker({ validator, engine, queueLimit: 0, onError: (e) => errors.push(e) })
    expect(errors).toHaveLength(1)
    expect(console).not.toHaveBeenCalled()
    vi.unstubAllEnvs()
  })

  it('identify or group with no id: a clear error, nothing sent, nothing thrown', () => {
    const errors: IntileryError[] = []
    const tag = createRecordingTag()
    const tracker = createTracker({ validator, engine, tag, onError: (e) => errors.push(e) })
    expect(() => {
      tracker.identify('')
      tracker.identify(undefined as never)
      tracker.group(42 as never)
    }).not.toThrow()
    expect(errors.map((e) => e.message)).toEqual([
      '[intilery] identify needs a userId: a non-empty string; nothing was sent',
      '[intilery] identify needs a userId: a non-empty string; nothing was sent',
      '[intilery] group needs a groupId: a non-empty string; nothing was sent',
    ])
    expect(tag.messages).toEqual([])
  })
})
