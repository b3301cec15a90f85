// Issue 13 and 19: the delivery code's chunk cannot be loaded (offline, removed by a redeploy), and the
// tracker's own chunk, with the session, loads. A file of its own, so that the failing chunk is this
// file's module and no other file's.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { createTracker as create, type IntileryError } from '../index'
import { createRecordingTag, type RecordingTag } from '../testing'
import { manualClock } from './manualClock'

// Every import of the delivery chunk fails, as a browser's would.
vi.mock('../delivery', () => ({
  get delivery() {
    throw new Error('Failed to fetch dynamically imported module')
  },
}))

const calls = (tag: RecordingTag) => tag.messages.map((m) => [m.type, m.event ?? '', m.userId ?? null])

const DEGRADED = '[intilery] its delivery code could not be loaded: calls go to the tag directly, unchecked'

/** Until the tracker's own chunk has loaded and found the delivery chunk missing (it says so). */
const degraded = (errors: IntileryError[]) =>
  vi.waitFor(() => expect(errors.map((e) => e.message)).toContain(DEGRADED), { timeout: 10_000 })

// The tracker's chunk fetched once before the tests, so that it loads as fast as a cached chunk does.
// Loaded cold, it can arrive after the delivery chunk has failed, and that failure is then a
// rejection no one handles until it arrives (reported to the lead: createTracker.ts's `load`).
beforeAll(async () => {
  await import('../tracker')
})

describe('when the delivery code cannot be loaded: the degraded path', () => {
  it('onError says so, and every call goes to the tag directly, in order, decided by the same session', async () => {
    const errors: IntileryError[] = []
    const tag = createRecordingTag()
    const tracker = create({ tag, groupId: 'acct_1', onError: (e) => errors.push(e) })
    tracker.identify('u1')
    const first = tracker.track('Signed In', { username: 'p' })
    const logout = tracker.logout()
    await expect(first).resolves.toMatchObject({ status: 'acknowledged' })
    await expect(logout).resolves.toMatchObject({ signedOut: { status: 'acknowledged' } })
    await expect(tracker.track('Trial Started', {})).resolves.toMatchObject({ status: 'acknowledged' })
    expect(errors.map((e) => e.message)).toEqual([DEGRADED])
    expect(calls(tag)).toEqual([
      ['group', '', null],
      ['identify', '', 'u1'],
      ['track', 'Signed In', 'u1'],
      ['track', 'Signed Out', 'u1'],
      ['reset', '', null],
      ['track', 'Trial Started', null],
    ])
    // After the logout no event inherits the account, as with the engine.
    expect(tag.tracks().map((m) => m.context)).toEqual([{ groupId: 'acct_1' }, { groupId: 'acct_1' }, {}])
  })

  it('knows, subscribe, settings and the snapshot still answer', async () => {
    const tracker = create({ tag: createRecordingTag(), onError: () => undefined })
    await tracker.track('Signed In', {}, { groupId: 'a' })
    expect(tracker.knows('Signed In')).toBe(true)
    expect(tracker.knows('Signed Inn')).toBe(false)
    expect(() => tracker.subscribe(() => undefined)()).not.toThrow()
    expect(tracker.settings).toMatchObject({ readyTimeout: 1000, consent: 'granted' })
    expect(tracker.getSnapshot()).toMatchObject({ consent: 'granted', loggedOut: false })
  })

  it('a consent that is no consent holds calls, as pending does', async () => {
    const clock = manualClock()
    const errors: IntileryError[] = []
    const tag = createRecordingTag()
    const tracker = create({ tag, clock, groupId: 'a', onError: (e) => errors.push(e), validation: 'report' })
    tracker.setConsent('yes' as never)
    const held = tracker.track('Signed In', {}, { readyTimeout: 10 })
    await degraded(errors)
    clock.advance(10)
    await expect(held).resolves.toMatchObject({ status: 'queued' })
    expect(tag.tracks()).toEqual([])
    tracker.setConsent('granted')
    expect(tag.tracks()).toHaveLength(1)
  })

  it('consent still holds: pending keeps calls until granted; denied sends nothing but a logout’s reset', async () => {
    const clock = manualClock()
    const errors: IntileryError[] = []
    const tag = createRecordingTag()
    const tracker = create({
      tag,
      clock,
      groupId: 'a',
      consent: 'pending',
      onError: (e) => errors.push(e),
      validation: 'report',
    })
    const held = tracker.track('Signed In', {}, { readyTimeout: 10 })
    await degraded(errors)
    clock.advance(10)
    await expect(held).resolves.toMatchObject({ status: 'queued' })
    expect(tag.tracks()).toEqual([])
    tracker.setConsent('granted')
    expect(tag.tracks()).toHaveLength(1)
    tracker.setConsent('denied')
    await expect(tracker.track('Invite Sent', {})).resolves.toMatchObject({ status: 'discarded' })
    await tracker.logout()
    expect(tag.messages.map((m) => m.type)).toEqual(['group', 'track', 'reset'])
  })

  it('a declared session acts only on what changed', async () => {
    const tag = createRecordingTag()
    const tracker = create({ tag, onError: () => undefined })
    tracker.sync({ userId: 'u1', traits: { plan: 'pro' }, groupId: 'a' })
    await vi.waitFor(() => expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'group']), { timeout: 10_000 })
    tracker.sync({ userId: 'u1', traits: { plan: 'pro' }, groupId: 'a' })
    tracker.sync({ userId: 'u1', traits: { plan: 'team' }, groupId: 'a' })
    expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'group', 'identify'])
  })
})
