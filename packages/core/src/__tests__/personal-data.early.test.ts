// Issue 22: personal data where the plan does not say it goes never reaches the tag as it is, also
// for what is sent before the validation code (the guard's home) has loaded, when it never loads,
// and when the page goes or a logout hands over what waited for it.
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as z from 'zod/mini'
import { createTracker, type IntileryError, type Validator } from '../index'
import { defineEvents, personal, validator } from '../events'
import { engine } from '../engine'
import { createRecordingTag } from '../testing'

afterEach(() => {
  vi.unstubAllGlobals()
})

const EMAIL = 'pgibbons@example.com'

const events = defineEvents({
  'Report Shared': z.object({
    recipient_email: personal(z.string()),
    format: z.string(),
    note: z.optional(z.string()),
    invoice: z.optional(z.number()),
    details: z.optional(z.record(z.string(), z.unknown())),
  }),
})

/** A tracker whose validation code loads when the test says so (`load`), or fails to (`fail`). */
function setup(validation: 'report' | 'throw' = 'report') {
  let load!: (code: Validator) => void
  let fail!: (error: Error) => void
  const loading = new Promise<Validator>((resolve, reject) => {
    load = resolve
    fail = reject
  })
  const tag = createRecordingTag()
  const reported: IntileryError[] = []
  const tracker = createTracker({
    validator: () => loading,
    engine,
    tag,
    validation,
    events,
    groupId: 'acct_123',
    onError: (error) => reported.push(error),
  })
  return { tag, tracker, reported, load: () => load(validator), fail: () => fail(new Error('offline')) }
}

/** Lets the engine and the loaded code run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('personal data sent before the validation code has loaded', () => {
  it("'report': a suspect event waits for the guard and goes redacted; a clean one goes at once", async () => {
    const { tag, tracker, reported, load } = setup('report')
    await expect(tracker.track('Report Shared', { recipient_email: EMAIL, format: 'pdf' })).resolves.toMatchObject({
      status: 'acknowledged',
    })
    const suspect = tracker.track('Report Shared', { recipient_email: EMAIL, format: 'pdf', note: `ask ${EMAIL}` })
    await settle()
    expect(tag.tracks()).toHaveLength(1)
    load()
    await expect(suspect).resolves.toMatchObject({ status: 'acknowledged' })
    expect(tag.tracks()[1]?.properties).toEqual({ recipient_email: EMAIL, format: 'pdf', note: '[redacted]' })
    expect(reported.map((error) => error.message).join('\n')).toContain('properties.note')
    // The marked property goes as it is; nothing else carries the address.
    expect(JSON.stringify(tag.messages).split(EMAIL)).toHaveLength(3)
  })

  it("an identify's traits wait for the guard too, in order with what follows", async () => {
    const { tag, tracker, load } = setup('report')
    tracker.identify('u1', { email: EMAIL, nickname: EMAIL })
    void tracker.track('Signed In', {})
    await settle()
    expect(tag.messages.filter((m) => m.type === 'identify' || m.type === 'track')).toEqual([])
    load()
    await vi.waitFor(() => expect(tag.tracks()).toHaveLength(1))
    const kinds = tag.messages.filter((m) => m.type !== 'group').map((m) => m.type)
    expect(kinds).toEqual(['identify', 'track'])
    // `email` is the identify's own; `nickname` is not.
    expect(tag.messages.find((m) => m.type === 'identify')?.traits).toEqual({ email: EMAIL, nickname: '[redacted]' })
  })

  it('the validation code cannot be loaded: the delivery code redacts what looks like personal data, at any depth', async () => {
    const { tag, tracker, fail } = setup('report')
    const sent = tracker.track('Report Shared', {
      recipient_email: EMAIL,
      format: 'csv',
      note: EMAIL,
      invoice: 4111111111111111,
      details: { [EMAIL]: true, seats: 3, contacts: [{ phone: '+1 415 555 0100', role: 'admin' }] },
    })
    fail()
    await expect(sent).resolves.toMatchObject({ status: 'acknowledged' })
    expect(tag.tracks()[0]?.properties).toEqual({
      recipient_email: EMAIL,
      format: 'csv',
      note: '[redacted]',
      invoice: '[redacted]',
      details: { seats: 3, contacts: [{ phone: '[redacted]', role: 'admin' }] },
    })
  })

  it("the page going hands what waited for the code, redacted ('throw' mode)", async () => {
    const target = new EventTarget()
    vi.stubGlobal('window', target)
    const { tag, tracker } = setup('throw')
    void tracker.track('Report Shared', { recipient_email: EMAIL, format: 'pdf', note: EMAIL })
    await settle()
    expect(tag.tracks()).toEqual([])
    target.dispatchEvent(new Event('beforeunload'))
    expect(tag.tracks().map((m) => m.properties)).toEqual([
      { recipient_email: EMAIL, format: 'pdf', note: '[redacted]' },
    ])
  })

  it('a logout hands what waited for the code, redacted, before its reset', async () => {
    const { tag, tracker } = setup('report')
    tracker.identify('u1')
    void tracker.track('Report Shared', { recipient_email: 'x@example.org', format: 'pdf', note: EMAIL })
    void tracker.logout()
    await vi.waitFor(() => expect(tag.messages.some((m) => m.type === 'reset')).toBe(true))
    const track = tag.tracks().find((m) => m.event === 'Report Shared')
    expect(track?.properties).toEqual({ recipient_email: 'x@example.org', format: 'pdf', note: '[redacted]' })
    expect(JSON.stringify(tag.messages)).not.toContain(EMAIL)
  })
})
