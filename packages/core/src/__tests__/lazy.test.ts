// Issue 13: the tracker's code and the validation code load off the critical path. What a call made
// before they have loaded gets, and what happens when they cannot be loaded at all.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { engine } from '../engine'
import { validator } from '../events'
import { createTracker, type IntileryError, IntileryValidationError } from '../index'
import type { TrackerEngine } from '../types'
import { createRecordingTag, type RecordingTag } from '../testing'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

/** The tracker's code, handed over when the test says so (as a slow network would). */
function slowEngine() {
  let arrive: () => void = () => undefined
  const loaded = new Promise<TrackerEngine>((resolve) => {
    arrive = () => resolve(engine)
  })
  return { load: () => loaded, arrive }
}

const calls = (tag: RecordingTag) => tag.messages.map((m) => [m.type, m.event ?? '', m.userId ?? null])

/**
 * What the tag gets from identify u1, Signed In, a logout and Trial Started, made before the code
 * loads: the same whether the engine or the fallback takes them.
 */
const signInThenOut = [
  ['group', '', null],
  ['identify', '', 'u1'],
  ['track', 'Signed In', 'u1'],
  ['track', 'Signed Out', 'u1'],
  ['reset', '', null],
  ['track', 'Trial Started', null],
]

describe('calls made before the tracker’s code has loaded', () => {
  it('wait in order, then reach the tag as they would have, identities included', async () => {
    const tag = createRecordingTag()
    const slow = slowEngine()
    const tracker = createTracker({ engine: slow.load, validator, tag, groupId: 'acct_123' })
    tracker.identify('u1')
    const first = tracker.track('Signed In', { username: 'pgibbons' })
    const logout = tracker.logout()
    const after = tracker.track('Trial Started', {}, { groupId: 'acct_123' })
    expect(tag.messages).toEqual([])

    slow.arrive()
    await expect(Promise.all([first, logout, after])).resolves.toMatchObject([
      { status: 'acknowledged' },
      { signedOut: { status: 'acknowledged' } },
      { status: 'acknowledged' },
    ])
    expect(calls(tag)).toEqual(signInThenOut)
  })

  it('a subscriber that stops before the code loads hears nothing after it has loaded', async () => {
    const slow = slowEngine()
    const tracker = createTracker({ engine: slow.load, validator, tag: createRecordingTag(), groupId: 'a' })
    const heard = vi.fn()
    const stop = tracker.subscribe(heard)
    slow.arrive()
    await tracker.track('Signed In', {})
    expect(heard).toHaveBeenCalled()
    heard.mockClear()
    stop()
    await tracker.track('Signed In', {})
    tracker.identify('u2')
    expect(heard).not.toHaveBeenCalled()
  })

  it('a call the tracker cannot take (sync with null) does not keep the others from it', async () => {
    const tag = createRecordingTag()
    const slow = slowEngine()
    const tracker = createTracker({ engine: slow.load, validator, tag, groupId: 'a' })
    tracker.sync(null as never)
    const sent = tracker.track('Signed In', {})
    slow.arrive()
    await expect(sent).resolves.toMatchObject({ status: 'acknowledged' })
    expect(tag.tracks().map((m) => m.event)).toEqual(['Signed In'])
  })

  it('the snapshot is the one created until the code loads; subscribers then hear the session', async () => {
    const slow = slowEngine()
    const tracker = createTracker({ engine: slow.load, tag: createRecordingTag(), userId: 'u1', groupId: 'acct_1' })
    const heard = vi.fn()
    tracker.subscribe(heard)
    tracker.group('acct_2')
    expect(tracker.getSnapshot()).toMatchObject({ userId: 'u1', groupId: 'acct_1', consent: 'granted' })
    slow.arrive()
    await vi.waitFor(() => expect(tracker.getSnapshot()).toMatchObject({ userId: 'u1', groupId: 'acct_2' }))
    expect(heard).toHaveBeenCalled()
    expect(tracker.knows('Signed In')).toBe(true)
    expect(tracker.knows('Report Exported')).toBe(false)
  })

  it('an event settles within readyTimeout, counted from the call, and still goes out once the code loads', async () => {
    vi.useFakeTimers()
    const tag = createRecordingTag()
    const slow = slowEngine()
    const tracker = createTracker({
      engine: slow.load,
      validator,
      tag,
      groupId: 'a',
      readyTimeout: 100,
      validation: 'report',
    })
    const settled = vi.fn()
    void tracker.track('Signed In', {}).then(settled)
    await vi.advanceTimersByTimeAsync(99)
    expect(settled).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(settled).toHaveBeenCalledWith(expect.objectContaining({ status: 'queued' }))
    slow.arrive()
    await vi.advanceTimersByTimeAsync(0)
    expect(tag.tracks()).toHaveLength(1)
  })

  it('what is left of readyTimeout goes with the call: the tracker still settles it in time', async () => {
    vi.useFakeTimers()
    const slow = slowEngine()
    const tracker = createTracker({
      engine: slow.load,
      validator,
      tag: createRecordingTag({ ready: 'manual' }),
      groupId: 'a',
      readyTimeout: 100,
      validation: 'report',
    })
    const settled = vi.fn()
    void tracker.track('Signed In', {}).then(settled)
    await vi.advanceTimersByTimeAsync(60)
    slow.arrive()
    await vi.advanceTimersByTimeAsync(39)
    expect(settled).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(settled).toHaveBeenCalledWith(expect.objectContaining({ status: 'queued' }))
  })

  it("in 'throw' mode an event settles only once it has been checked: it waits for the code that checks it", async () => {
    vi.useFakeTimers()
    const tag = createRecordingTag()
    const slow = slowEngine()
    const tracker = createTracker({
      engine: slow.load,
      validator,
      tag,
      groupId: 'a',
      readyTimeout: 100,
      validation: 'throw',
    })
    const settled = vi.fn()
    void tracker.track('Signed In', {}).then(settled)
    await vi.advanceTimersByTimeAsync(500)
    expect(settled).not.toHaveBeenCalled()
    slow.arrive()
    await vi.advanceTimersByTimeAsync(0)
    expect(settled).toHaveBeenCalledWith(expect.objectContaining({ status: 'acknowledged' }))
  })

  it('a logout resolves queued within logoutTimeout; Signed Out and the reset reach the tag once the code loads', async () => {
    vi.useFakeTimers()
    const tag = createRecordingTag()
    const slow = slowEngine()
    const tracker = createTracker({
      engine: slow.load,
      validator,
      tag,
      userId: 'u1',
      groupId: 'a',
      logoutTimeout: 200,
      validation: 'report',
    })
    const outcome = tracker.logout()
    await vi.advanceTimersByTimeAsync(200)
    expect(await outcome).toMatchObject({ signedOut: { status: 'queued' } })
    slow.arrive()
    await vi.advanceTimersByTimeAsync(0)
    expect(calls(tag)).toEqual([
      ['identify', '', 'u1'],
      ['group', '', 'u1'],
      ['track', 'Signed Out', 'u1'],
      ['reset', '', null],
    ])
  })

  it("'throw' still rejects an invalid event before anything is sent", async () => {
    const tag = createRecordingTag()
    const slow = slowEngine()
    const tracker = createTracker({ engine: slow.load, tag, groupId: 'a', validation: 'throw' })
    const invalid = tracker.track('Signed Up', { email: 'nope' }).catch((e: unknown) => e)
    const valid = tracker.track('Signed In', {})
    slow.arrive()
    expect(await invalid).toBeInstanceOf(IntileryValidationError)
    await valid
    expect(tag.tracks().map((m) => m.event)).toEqual(['Signed In'])
  })

  it('settings are the same before and after the code loads: defaults filled in, validation by the build', async () => {
    const { load, arrive } = slowEngine()
    const tracker = createTracker({ engine: load, tag: createRecordingTag(), deliveryTimeout: 500 })
    const early = tracker.settings
    tracker.identify('u1')
    arrive()
    await vi.waitFor(() => expect(tracker.getSnapshot().userId).toBe('u1'))
    expect(tracker.settings).toEqual(early)
    expect(early).toEqual({
      validation: 'throw',
      deliveryTimeout: 500,
      readyTimeout: 1000,
      logoutTimeout: 1000,
      consent: 'granted',
      eventNaming: 'spec',
    })
    vi.stubEnv('NODE_ENV', 'production')
    expect(createTracker({ engine: load }).settings.validation).toBe('report')
    vi.unstubAllEnvs()
  })

  it('making a tracker starts nothing: its code loads at its first call or mount, once', async () => {
    const load = vi.fn(() => Promise.resolve(engine))
    vi.stubGlobal('window', {})
    const made = createTracker({ engine: load, tag: createRecordingTag() })
    expect(load).not.toHaveBeenCalled()
    made.mount()
    made.mount()
    void made.track('Signed In', {}, { groupId: 'a' })
    expect(load).toHaveBeenCalledTimes(1)
    const called = createTracker({ engine: load, tag: createRecordingTag() })
    called.identify('u1')
    expect(load).toHaveBeenCalledTimes(2)
  })
})

describe('the validation code', () => {
  it("'report' mode asks for it once the tracker's code has arrived (or failed): it would share the link the first event waits on", async () => {
    const slow = slowEngine()
    const failing = { load: () => Promise.reject(new Error('Failed to fetch dynamically imported module')) }
    for (const code of [slow, failing]) {
      const load = vi.fn(() => Promise.resolve(validator))
      const tracker = createTracker({
        engine: code.load,
        validator: load,
        validation: 'report',
        groupId: 'a',
        onError: () => undefined,
      })
      tracker.mount()
      await Promise.resolve()
      expect(load).not.toHaveBeenCalled()
      if (code === slow) slow.arrive()
      await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1))
    }
  })

  it("'throw' mode asks for it beside the tracker's code: events wait for both", async () => {
    const slow = slowEngine()
    const load = vi.fn(() => Promise.resolve(validator))
    createTracker({ engine: slow.load, validator: load, validation: 'throw', groupId: 'a' }).mount()
    expect(load).toHaveBeenCalledTimes(1)
  })

  it("'off' never loads it", async () => {
    const load = vi.fn(() => Promise.resolve(validator))
    const tag = createRecordingTag()
    const tracker = createTracker({ engine, validator: load, tag, groupId: 'a', validation: 'off' })
    await tracker.track('Signed Up', { email: 'nope' })
    expect(load).not.toHaveBeenCalled()
    expect(tag.tracks()).toHaveLength(1)
  })

  it('events made while it loads wait for it, in order, and are checked', async () => {
    let arrive: () => void = () => undefined
    const loaded = new Promise<typeof validator>((resolve) => {
      arrive = () => resolve(validator)
    })
    const tag = createRecordingTag()
    const tracker = createTracker({ engine, validator: () => loaded, tag, groupId: 'a' })
    tracker.identify('u1')
    const sent = [
      tracker.track('Signed In', {}),
      tracker.track('Signed Up', { email: 'nope' }).catch((e: unknown) => e),
      tracker.track('Invite Sent', {}),
    ]
    expect(tag.tracks()).toEqual([])
    arrive()
    const [signedIn, invalid, invite] = await Promise.all(sent)
    expect(signedIn).toMatchObject({ status: 'acknowledged' })
    expect(invalid).toBeInstanceOf(IntileryValidationError)
    expect(invite).toMatchObject({ status: 'acknowledged' })
    expect(tag.tracks().map((m) => [m.event, m.userId])).toEqual([
      ['Signed In', 'u1'],
      ['Invite Sent', 'u1'],
    ])
  })

  it("'throw' rejects an event made while it loads as soon as it has loaded, not when the tag does", async () => {
    // The tag has not loaded, or consent is pending: the event waits, but its check does not.
    for (const held of [{ ready: 'manual' as const }, { consent: 'pending' as const }]) {
      let arrive: () => void = () => undefined
      const loaded = new Promise<typeof validator>((resolve) => {
        arrive = () => resolve(validator)
      })
      const tag = createRecordingTag({ ready: 'ready' in held ? held.ready : 'now' })
      const consent = 'consent' in held ? held.consent : 'granted'
      const tracker = createTracker({
        engine,
        validator: () => loaded,
        tag,
        groupId: 'a',
        validation: 'throw',
        consent,
      })
      const invalid = tracker.track('Signed Up', { email: 'nope' }).then(
        () => 'resolved',
        (e: unknown) => e,
      )
      const valid = tracker.track('Signed In', {})
      arrive()
      expect(await invalid).toBeInstanceOf(IntileryValidationError)
      expect(tag.tracks()).toEqual([])
      if ('ready' in held) tag.load()
      else tracker.setConsent('granted')
      await valid
      expect(tag.tracks().map((m) => m.event)).toEqual(['Signed In'])
    }
  })

  it('when it cannot be loaded, events are sent unchecked, in order, and onError says validation was skipped', async () => {
    const errors: IntileryError[] = []
    const tag = createRecordingTag()
    const tracker = createTracker({
      engine,
      validator: () => Promise.reject(new Error('Failed to fetch dynamically imported module')),
      tag,
      groupId: 'a',
      onError: (e) => errors.push(e),
    })
    const sent = await Promise.all([tracker.track('Signed Up', { email: 'nope' }), tracker.track('Signed In', {})])
    expect(sent.map((delivery) => delivery.status)).toEqual(['acknowledged', 'acknowledged'])
    expect(tag.tracks().map((m) => m.event)).toEqual(['Signed Up', 'Signed In'])
    expect(errors.map((e) => e.message)).toEqual([
      '[intilery] validation was skipped: its code could not be loaded; events are sent unchecked',
    ])
  })
})

describe('when none of the tracker’s code can be loaded', () => {
  it('nothing is sent, events settle queued, and onError says so', async () => {
    vi.useFakeTimers()
    const errors: IntileryError[] = []
    const tag = createRecordingTag()
    const tracker = createTracker({
      engine: () => Promise.reject(new Error('Failed to fetch dynamically imported module')),
      tag,
      groupId: 'a',
      validation: 'report',
      readyTimeout: 50,
      onError: (e) => errors.push(e),
    })
    const sent = tracker.track('Signed In', {})
    await vi.advanceTimersByTimeAsync(50)
    await expect(sent).resolves.toMatchObject({ status: 'queued' })
    expect(tag.messages).toEqual([])
    expect(errors.map((e) => e.message)).toEqual([
      '[intilery] its code could not be loaded: nothing is sent from this page',
    ])
  })
})
