import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { createTracker, IntileryValidationError } from '../index'
import { createRecordingTag } from '../testing'
import { checkEvent, defineEvents, personal, validator } from '../events'
import { detect } from '../events/detect'
import { engine } from '../engine'
import { card, cardDigits, corpus, email, personalValue, phone } from './fixtures/personal-data'

const events = defineEvents({
  'Report Shared': z.object({
    recipient_email: personal(z.string()),
    note: z.optional(z.string()),
    details: z.optional(z.record(z.string(), z.unknown())),
  }),
})

function setup(validation: 'throw' | 'report' | 'off') {
  const tag = createRecordingTag()
  const reported: IntileryValidationError[] = []
  const tracker = createTracker({
    validator,
    engine,
    tag,
    events,
    validation,
    groupId: 'acct_123',
    onError: (error) => reported.push(error as IntileryValidationError),
  })
  return { tag, tracker, reported }
}

const paths = (error: unknown) => (error as IntileryValidationError).issues.map((issue) => issue.path)

describe('the guard: personal data where the plan does not say it goes', () => {
  it('finds generated emails, phones in international form and card numbers, alone or in a sentence', () => {
    fc.assert(fc.property(email, (value) => detect(value) === 'an email address'))
    fc.assert(fc.property(phone, (value) => detect(value) === 'a phone number'))
    fc.assert(fc.property(card, (value) => detect(value) === 'a card number'))
    fc.assert(fc.property(personalValue, (value) => detect(value) !== undefined))
  })

  it("'throw': an unmarked property is an error naming its path, never the value", async () => {
    await fc.assert(
      fc.asyncProperty(personalValue, fc.constantFrom('account_name', 'nested'), async (value, where) => {
        const { tag, tracker } = setup('throw')
        const properties =
          where === 'nested' ? { account_name: 'Initech', owner: { contact: [value] } } : { account_name: value }
        const error = await tracker.track('Account Created', properties).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(IntileryValidationError)
        expect(paths(error)).toEqual([where === 'nested' ? 'properties.owner.contact.0' : 'properties.account_name'])
        expect((error as Error).message).toMatch(/looks like personal data/)
        expect((error as Error).message).not.toContain(value)
        expect(tag.tracks()).toEqual([])
      }),
      { numRuns: 60 },
    )
  })

  it("'report': the value is replaced by [redacted] before the tag sees it, and reported", async () => {
    await fc.assert(
      fc.asyncProperty(personalValue, async (value) => {
        const { tag, tracker, reported } = setup('report')
        const properties = { recipient_email: 'pgibbons@example.com', note: value, details: { [value]: 1, seats: 3 } }
        const delivery = await tracker.track('Report Shared', properties)
        expect(delivery.status).toBe('acknowledged')
        // The marked property goes as it is; the note is redacted; a key that is personal data is left out.
        expect(tag.tracks()[0]?.properties).toEqual({
          recipient_email: 'pgibbons@example.com',
          note: '[redacted]',
          details: { seats: 3 },
        })
        expect(reported.flatMap(paths)).toEqual(['properties.note', 'properties.details.[key]'])
        expect(JSON.stringify(reported.map((error) => [error.message, error.issues]))).not.toContain(value)
        // The caller's object is not changed.
        expect(properties.note).toBe(value)
      }),
      { numRuns: 60 },
    )
  })

  it("'off': properties are not looked at (the validation code is never loaded)", async () => {
    const { tag, tracker, reported } = setup('off')
    await tracker.track('Account Created', { account_name: 'pgibbons@example.com' })
    expect(tag.tracks()[0]?.properties).toEqual({ account_name: 'pgibbons@example.com' })
    expect(reported).toEqual([])
  })

  it('a number that is a card is caught; a millisecond timestamp is not', () => {
    fc.assert(
      fc.property(
        cardDigits.filter((digits) => Number.isSafeInteger(Number(digits))),
        (digits) => {
          const checked = checkEvent({
            event: 'Account Created',
            properties: { seats: Number(digits) } as never,
            groupId: 'a',
          })
          expect(checked.ok).toBe(false)
        },
      ),
    )
    expect(checkEvent({ event: 'Account Created', properties: { at: Date.now() } as never, groupId: 'a' }).ok).toBe(
      true,
    )
  })

  it('checkEvent on a server applies the same guard, and lets marked properties carry personal data', () => {
    const refused = checkEvent({ event: 'Signed Up', properties: { title: '+44 20 7946 0958' }, groupId: 'acct_123' })
    expect(refused.ok ? [] : paths(refused.error)).toEqual(['properties.title'])
    const accepted = checkEvent({
      event: 'Signed Up',
      properties: { email: 'pgibbons@example.com', phone: '+1 410 555 9412', first_name: 'Peter' },
      groupId: 'acct_123',
    })
    expect(accepted.ok).toBe(true)
  })
})

describe('the guard on traits', () => {
  it('an identify keeps its standard personal traits, and a trait that is not one is redacted and reported', async () => {
    await fc.assert(
      fc.asyncProperty(personalValue, fc.constantFrom('throw' as const, 'report' as const), async (value, mode) => {
        const { tag, tracker, reported } = setup(mode)
        tracker.identify('u1', {
          email: value,
          name: value,
          phone: value,
          username: value,
          plan: 'pro',
          nickname: value,
        })
        const [identify] = tag.messages.filter((message) => message.type === 'identify')
        expect(identify?.traits).toEqual({
          email: value,
          name: value,
          phone: value,
          username: value,
          plan: 'pro',
          nickname: '[redacted]',
        })
        expect(reported.flatMap(paths)).toEqual(['traits.nickname'])
        expect(reported[0]?.message).not.toContain(value)
      }),
      { numRuns: 40 },
    )
  })

  it('any account trait that looks like personal data is redacted and reported, with a key that does', async () => {
    await fc.assert(
      fc.asyncProperty(personalValue, async (value) => {
        const { tag, tracker, reported } = setup('report')
        tracker.group('acct_9', { name: 'Initech', billing_contact: value, [value]: true })
        const [group] = tag.messages.filter((message) => message.type === 'group' && message.groupId === 'acct_9')
        expect(group?.traits).toEqual({ name: 'Initech', billing_contact: '[redacted]' })
        expect(reported.flatMap(paths)).toEqual(['traits.billing_contact', 'traits.[key]'])
      }),
      { numRuns: 40 },
    )
  })
})

describe('the corpus of ordinary B2B values', () => {
  it('is never flagged; the false-positive rate is printed', () => {
    const runs = 2000
    const lines: string[] = []
    let flagged = 0
    let total = 0
    for (const [kind, values] of Object.entries(corpus)) {
      const sample = fc.sample(values, { numRuns: runs, seed: 22 })
      const caught = sample.filter((value) => {
        // As a property, in a list and in an object; a number where the spec wants a string is an
        // error of its own, not counted here.
        const properties = { account_name: value, note: [value], at: { value } }
        const checked = checkEvent({ event: 'Account Created', properties: properties as never, groupId: 'acct_123' })
        return !checked.ok && checked.error.issues.some((issue) => issue.message.includes('personal data'))
      })
      lines.push(`${kind}: ${caught.length} of ${sample.length}`)
      flagged += caught.length
      total += sample.length
      expect(caught, kind).toEqual([])
    }
    console.info(
      `[personal data] false positives on the corpus: ${flagged} of ${total} values (${((100 * flagged) / total).toFixed(3)} %)\n  ${lines.join('\n  ')}`,
    )
  })

  it('any 13–19 digits: flagged only with a card network’s prefix and a valid Luhn digit (the rate is printed)', () => {
    const digits = fc
      .tuple(
        fc.integer({ min: 13, max: 19 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 19, maxLength: 19 }),
      )
      .map(([length, all]) => all.join('').slice(0, length))
    const sample = fc.sample(digits, { numRuns: 20_000, seed: 22 })
    const caught = sample.filter((value) => detect(value) !== undefined)
    for (const value of caught) expect(value).toMatch(/^(?:[2-6])/)
    const rate = (100 * caught.length) / sample.length
    console.info(
      `[personal data] random 13–19 digit strings taken for a card: ${caught.length} of ${sample.length} (${rate.toFixed(2)} %)`,
    )
    // Luhn alone passes one in ten; the prefixes and lengths keep it well under that.
    expect(rate).toBeLessThan(5)
  })
})
