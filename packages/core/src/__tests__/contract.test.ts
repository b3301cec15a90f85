// One contract, every way a tracker's code can arrive: given at once (eager), loaded lazily, or
// loaded lazily with the delivery code's chunk failing (the degraded path, which hands calls to the
// tag directly). The same session decides identity, account, consent and logout on all three.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { createTracker, TrackerOptions } from '../index'
import { createRecordingTag, type RecordingTag } from '../testing'

type Create = (options: TrackerOptions) => ReturnType<typeof createTracker>

const paths: Record<string, () => Promise<Create>> = {
  eager: async () => {
    const [{ createTracker }, { engine }, { validator }] = await Promise.all([
      import('../index'),
      import('../engine'),
      import('../events'),
    ])
    return (options) => createTracker({ engine, validator, ...options })
  },
  lazy: async () => (await import('../index')).createTracker,
  'lazy, the delivery code failing to load': async () => {
    vi.doMock('../delivery', () => ({
      get delivery() {
        throw new Error('Failed to fetch dynamically imported module')
      },
    }))
    return (await import('../index')).createTracker
  },
}

afterEach(() => {
  vi.doUnmock('../delivery')
  vi.resetModules()
})

/** Each call as the tag recorded it: type, event, and the user it was stamped with. */
const calls = (tag: RecordingTag) => tag.messages.map((m) => [m.type, m.event ?? '', m.userId ?? null])

describe.each(Object.entries(paths))('the contract, %s', (_, load) => {
  async function tracker(options: TrackerOptions = {}) {
    vi.resetModules()
    const create = await load()
    const tag = createRecordingTag()
    const made = create({ tag, validation: 'report', onError: () => undefined, ...options })
    return { tag, tracker: made }
  }

  it('calls reach the tag in the order made, each with the user in force when it was made', async () => {
    const { tag, tracker: t } = await tracker({ groupId: 'a' })
    t.identify('u1')
    const signedIn = t.track('Signed In', {})
    const logout = t.logout()
    const after = t.track('Trial Started', {}, { groupId: 'a' })
    await Promise.all([signedIn, logout, after])
    expect(calls(tag)).toEqual([
      ['group', '', null],
      ['identify', '', 'u1'],
      ['track', 'Signed In', 'u1'],
      ['track', 'Signed Out', 'u1'],
      ['reset', '', null],
      ['track', 'Trial Started', null],
    ])
  })

  it('logout then an event in one handler: the event carries no user', async () => {
    const { tag, tracker: t } = await tracker({ groupId: 'a', userId: 'alice' })
    void t.logout()
    await t.track('Invite Sent', {}, { groupId: 'a' })
    expect(tag.tracks().map((m) => [m.event, m.userId ?? null])).toEqual([
      ['Signed Out', 'alice'],
      ['Invite Sent', null],
    ])
  })

  it('a double-clicked logout sends one Signed Out; a sign-in lets the next one send', async () => {
    const { tag, tracker: t } = await tracker({ groupId: 'a', userId: 'alice' })
    const [first, second] = await Promise.all([t.logout(), t.logout()])
    expect(second).toBe(first)
    await expect(t.logout()).resolves.toEqual({ signedOut: undefined })
    t.identify('bob')
    await t.logout()
    expect(tag.tracks().map((m) => m.userId)).toEqual(['alice', 'bob'])
  })

  it('a logout under pending consent, then a grant: the old user is not stored again', async () => {
    const { tag, tracker: t } = await tracker({ groupId: 'a', userId: 'alice', consent: 'pending' })
    void t.logout()
    t.setConsent('granted')
    await t.track('Invite Sent', {}, { groupId: 'a' })
    // What was held went out in order, the reset last: whoever the tag holds now is no one.
    expect(calls(tag).slice(-3)).toEqual([
      ['track', 'Signed Out', 'alice'],
      ['reset', '', null],
      ['track', 'Invite Sent', null],
    ])
  })

  it("a scope's account grouped under pending, then denied, then granted, is told to the tag", async () => {
    const { tag, tracker: t } = await tracker({ groupId: 'a', consent: 'pending' })
    t.group('scope', { name: 'S' }, { current: false })
    t.setConsent('denied')
    t.setConsent('granted')
    await t.track('Invite Sent', {})
    expect(tag.messages.filter((m) => m.type === 'group').map((m) => m.groupId)).toEqual(['a', 'scope'])
  })

  it('denied: nothing is sent, events are discarded, and a logout still resets', async () => {
    const { tag, tracker: t } = await tracker({ groupId: 'a', userId: 'alice', consent: 'denied' })
    await expect(t.track('Invite Sent', {})).resolves.toMatchObject({ status: 'discarded' })
    await t.logout()
    // Nothing waits on the reset: it reaches the tag once the code that hands it over is there.
    await vi.waitFor(() => expect(calls(tag)).toEqual([['reset', '', null]]), { timeout: 10_000 })
  })

  it('after a logout no event inherits the account; the next user is grouped with it again', async () => {
    const { tag, tracker: t } = await tracker({ groupId: 'a', userId: 'alice' })
    await t.logout()
    await t.track('Invite Sent', {}, { groupId: 'x' })
    t.identify('bob')
    await t.track('Invite Sent', {})
    expect(tag.tracks().map((m) => [m.userId ?? null, m.context?.groupId ?? null])).toEqual([
      ['alice', 'a'],
      [null, 'x'],
      ['bob', 'a'],
    ])
    expect(
      calls(tag)
        .slice(-3)
        .map(([type]) => type),
    ).toEqual(['identify', 'group', 'track'])
  })

  it('a declared session acts only on what changed', async () => {
    const { tag, tracker: t } = await tracker()
    t.sync({ userId: 'u1', traits: { plan: 'pro' }, groupId: 'a' })
    t.sync({ userId: 'u1', traits: { plan: 'pro' }, groupId: 'a' })
    t.sync({ userId: 'u1', traits: { plan: 'team' }, groupId: 'a' })
    await t.track('Signed In', {})
    expect(tag.messages.map((m) => m.type)).toEqual(['identify', 'group', 'identify', 'track'])
  })
})
