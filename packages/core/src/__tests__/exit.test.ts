// Issue 20.1: nothing the app made before a navigation stays in the library's queue when the page
// goes. Chromium fires `beforeunload` inside `location.assign()` and a link's click, before they
// return: what the tracker holds then is handed to the tag at once, as direct calls would have
// been. The browser suite checks the same with the real tag and a real navigation.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type AnalyticsTag, createTracker, type Validator } from '../index'
import { validator } from '../events'
import { engine } from '../engine'
import { createRecordingTag } from '../testing'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

/** A window that only listens: enough for the tracker, which reads `analytics` and `beforeunload`. */
function page(analytics?: unknown) {
  const target = new EventTarget()
  const listening = () => listeners
  let listeners = 0
  const add = target.addEventListener.bind(target)
  const remove = target.removeEventListener.bind(target)
  const win = Object.assign(target, {
    analytics,
    addEventListener: (type: string, run: EventListener) => {
      if (type === 'beforeunload') listeners += 1
      add(type, run)
    },
    removeEventListener: (type: string, run: EventListener) => {
      if (type === 'beforeunload') listeners -= 1
      remove(type, run)
    },
  })
  vi.stubGlobal('window', win)
  /** What `location.assign()` does first, before it returns. */
  const leave = () => win.dispatchEvent(new Event('beforeunload'))
  return { leave, listening }
}

/** What the tag was handed, the account's `group` call aside. */
const kinds = (tag: ReturnType<typeof createRecordingTag>) =>
  tag.messages.filter((m) => m.type !== 'group').map((m) => (m.type === 'track' ? m.event : m.type))

describe('issue 20.1: what waits is handed to the tag before the page goes', () => {
  it('sign-up then redirect: the identify that waited for the anonymous event, and Signed Up, go before the redirect returns', () => {
    vi.useFakeTimers()
    const { leave } = page()
    const tag = createRecordingTag()
    const tracker = createTracker({ validator, engine, tag, groupId: 'acct_1' })
    void tracker.track('Account Created', {})
    tracker.identify('u_new')
    void tracker.track('Signed Up', {})
    // Without a navigation, the identify waits for the tag to send the anonymous event.
    expect(kinds(tag)).toEqual(['Account Created'])
    leave()
    expect(kinds(tag)).toEqual(['Account Created', 'identify', 'Signed Up'])
    expect(tag.messages.at(-1)?.userId).toBe('u_new')
  })

  it('a batch of 100 then redirect: every event is handed, in order, in the same task', () => {
    vi.useFakeTimers()
    const { leave } = page()
    const recording = createRecordingTag()
    // The real tag costs a few ms of main thread per call: the batch is sliced across tasks.
    const tag = {
      ...recording,
      track: (...args: Parameters<AnalyticsTag['track']>) => {
        vi.advanceTimersByTime(3)
        return recording.track(...args)
      },
    } as AnalyticsTag
    const tracker = createTracker({ validator, engine, tag, userId: 'u1', groupId: 'acct_1' })
    const names = Array.from({ length: 100 }, (_, i) => `r${i}`)
    for (const role of names) void tracker.track('Invite Sent', { invitee_role: role }, { batch: true })
    const before = recording.tracks().length
    expect(before).toBeLessThan(100)
    leave()
    expect(recording.tracks().map((m) => m.properties?.['invitee_role'])).toEqual(names)
  })

  it("'throw' mode while the validation code loads: the page going does not wait for it", () => {
    const { leave } = page()
    const tag = createRecordingTag()
    const never = new Promise<Validator>(() => undefined)
    const tracker = createTracker({ validator: () => never, engine, tag, userId: 'u1', groupId: 'acct_1' })
    void tracker.track('Signed In', {})
    expect(kinds(tag)).toEqual(['identify'])
    leave()
    expect(kinds(tag)).toEqual(['identify', 'Signed In'])
  })

  it('logout then redirect, the tag on the page but not yet loaded: its reset still reaches it', () => {
    const recording = createRecordingTag({ ready: 'manual' })
    const { leave } = page(recording)
    const tracker = createTracker({ validator, engine, userId: 'u1', groupId: 'acct_1' })
    void tracker.logout()
    expect(recording.messages).toEqual([])
    leave()
    expect(kinds(recording)).toEqual(['reset'])
  })

  it('listens only while something waits, and not after the tracker is disposed', async () => {
    vi.useFakeTimers()
    const { listening } = page()
    const tag = createRecordingTag({ ready: 'manual' })
    const tracker = createTracker({ validator, engine, tag, userId: 'u1', groupId: 'acct_1' })
    void tracker.track('Signed In', {})
    await vi.advanceTimersByTimeAsync(0)
    expect(listening()).toBe(1)
    tag.load()
    await vi.advanceTimersByTimeAsync(0)
    expect(kinds(tag)).toEqual(['identify', 'Signed In'])
    expect(listening()).toBe(0)

    void tracker.track('Signed Out', {})
    expect(listening()).toBe(0)
    const held = createTracker({ validator, engine, tag: createRecordingTag({ ready: 'manual' }), groupId: 'a' })
    void held.track('Signed In', {})
    await vi.advanceTimersByTimeAsync(0)
    expect(listening()).toBe(1)
    held.dispose()
    expect(listening()).toBe(0)
  })

  it('consent pending: nothing is sent as the page goes', async () => {
    vi.useFakeTimers()
    const { leave, listening } = page()
    const tag = createRecordingTag()
    const tracker = createTracker({ validator, engine, tag, groupId: 'acct_1', consent: 'pending' })
    void tracker.track('Signed In', {})
    await vi.advanceTimersByTimeAsync(0)
    expect(listening()).toBe(0)
    leave()
    expect(tag.messages).toEqual([])
  })

  it('a page that stays (a cancelled unload, a download link): later calls wait as before', () => {
    vi.useFakeTimers()
    const { leave } = page()
    const tag = createRecordingTag()
    const tracker = createTracker({ validator, engine, tag, groupId: 'acct_1' })
    void tracker.track('Account Created', {})
    tracker.identify('u_new')
    leave()
    tracker.reset()
    void tracker.track('Account Created', {}, { groupId: 'acct_2' })
    tracker.identify('u_next')
    expect(kinds(tag)).toEqual(['Account Created', 'identify', 'reset', 'Account Created'])
  })
})
