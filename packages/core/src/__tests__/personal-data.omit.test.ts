import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { createTracker, IntileryError, type PersonalDataMode, type ValidationMode } from '../index'
import { createRecordingTag } from '../testing'
import { defineEvents, personal, validator } from '../events'
import { engine } from '../engine'

const events = defineEvents({
  'Report Shared': z.object({ format: z.string(), recipient_email: personal(z.string()) }),
})

function setup(personalData: PersonalDataMode | undefined, validation: ValidationMode = 'throw') {
  const tag = createRecordingTag()
  const errors: IntileryError[] = []
  const tracker = createTracker({
    engine,
    validator,
    tag,
    events,
    validation,
    personalData,
    groupId: 'acct_123',
    onError: (error) => errors.push(error),
  })
  return { tag, tracker, errors }
}

const signedUp = {
  type: 'organic',
  first_name: 'Peter',
  last_name: 'Gibbons',
  email: 'pgibbons@example.com',
  phone: '410-555-9412',
  username: 'pgibbons',
  title: 'Mr',
}

describe("personalData: 'omit'", () => {
  it.each(['throw', 'report', 'off'] as const)(
    "Signed Up goes out without its email, names, phone and username (validation '%s')",
    async (validation) => {
      const { tag, tracker } = setup('omit', validation)
      const delivery = await tracker.track('Signed Up', signedUp)
      expect(delivery.status).toBe('acknowledged')
      expect(tag.tracks().map((message) => message.properties)).toEqual([{ type: 'organic', title: 'Mr' }])
      // The delivery says what was sent; the caller's object is not changed.
      expect(delivery.payload.properties).toEqual({ type: 'organic', title: 'Mr' })
      expect(signedUp.email).toBe('pgibbons@example.com')
    },
  )

  it('leaves out an app’s own marked properties, and the personal traits of an identify and a group', async () => {
    const { tag, tracker } = setup('omit')
    tracker.identify('u1', { email: 'pgibbons@example.com', name: 'Peter Gibbons', plan: 'pro' })
    tracker.group('acct_9', { name: 'Initech', email: 'billing@initech.example', plan: 'Business' })
    await tracker.track('Report Shared', { format: 'csv', recipient_email: 'mbolton@example.com' })
    await tracker.track('Signed In', { username: 'pgibbons' })
    const sent = tag.messages.map(({ type, traits, properties }) => [type, traits ?? properties])
    expect(sent).toContainEqual(['identify', { plan: 'pro' }])
    expect(sent).toContainEqual(['group', { name: 'Initech', plan: 'Business' }])
    expect(tag.tracks().map((message) => message.properties)).toEqual([{ format: 'csv' }, {}])
  })

  it('the check still sees what was given: an invalid marked property is refused in ‘throw’ mode', async () => {
    const { tag, tracker } = setup('omit')
    const error = await tracker.track('Signed Up', { email: 'not an email' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntileryError)
    expect(tag.tracks()).toEqual([])
  })

  it("'send', the default, hands them over as given", async () => {
    for (const mode of [undefined, 'send'] as const) {
      const { tag, tracker } = setup(mode)
      tracker.identify('u1', { email: 'pgibbons@example.com' })
      await tracker.track('Signed Up', signedUp)
      expect(tag.tracks()[0]?.properties).toEqual(signedUp)
      expect(tag.messages.find((message) => message.type === 'identify')?.traits).toEqual({
        email: 'pgibbons@example.com',
      })
    }
  })

  it('an unknown value counts as omit, and says so', async () => {
    const { tag, tracker, errors } = setup('drop' as PersonalDataMode)
    await tracker.track('Signed In', { username: 'pgibbons' })
    expect(tag.tracks()[0]?.properties).toEqual({})
    expect(errors.map((error) => error.message)).toEqual([
      '[intilery] personalData must be one of send, omit; using omit',
    ])
  })

  it('can be turned on later with configure', async () => {
    const { tag, tracker } = setup('send')
    tracker.configure({ personalData: 'omit' })
    await tracker.track('Signed In', { username: 'pgibbons' })
    expect(tag.tracks()[0]?.properties).toEqual({})
  })
})
