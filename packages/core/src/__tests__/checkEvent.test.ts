import { describe, expect, it } from 'vitest'
import * as zm from 'zod/mini'
import * as z from 'zod'
import examples from '../../../react/src/__tests__/fixtures/b2b-saas-examples.json'
import { checkEvent, defineEvents, type EventName, IntileryValidationError } from '../events'

type Example = (typeof examples)[number]

const plan = defineEvents({
  'Invoice Paid': z.strictObject({
    amount_cents: z.number().int().min(0),
    currency: z.enum(['usd', 'eur', 'gbp']),
    paid_at: z.optional(z.date()),
  }),
  'Seats Changed': zm.object({ seats: zm.number(), plan_name: zm.optional(zm.string()) }),
})

function inputOf(example: Example) {
  return {
    event: example.event as EventName,
    properties: example.properties,
    userId: example.userId,
    groupId: example.context.groupId,
  }
}

describe('checkEvent with the spec’s ten examples', () => {
  it.each(examples.map((example) => [example.event, example] as const))(
    '%s gives exactly the payload the spec prints',
    (_, example) => {
      const input = inputOf(example)
      const before = structuredClone(input)
      const checked = checkEvent(input)
      expect(checked).toEqual({ ok: true, payload: example })
      // Nothing more than the spec prints, in its order.
      expect(Object.keys(checked.ok ? checked.payload : {})).toEqual([
        'userId',
        'type',
        'event',
        'properties',
        'context',
      ])
      expect(input).toEqual(before)
    },
  )

  it('covers all ten events, each once', () => {
    expect(new Set(examples.map((example) => example.event)).size).toBe(10)
  })

  it('gives the same payloads with the app’s own events added', () => {
    for (const example of examples) {
      expect(checkEvent(inputOf(example), { events: plan })).toEqual({ ok: true, payload: example })
    }
  })
})

describe('checkEvent shapes the payload', () => {
  it('turns a Date into its ISO string and keeps an ISO string as given', () => {
    const checked = checkEvent({
      event: 'Trial Ended',
      properties: {
        trial_start_date: '2018-08-28T04:09:47Z',
        trial_end_date: new Date(Date.UTC(2018, 8, 20, 4, 9, 47)),
      },
      userId: '019mr8mf4r',
      groupId: 'acct_123',
    })
    expect(checked.ok && checked.payload.properties).toEqual({
      trial_start_date: '2018-08-28T04:09:47Z',
      trial_end_date: '2018-09-20T04:09:47.000Z',
    })
  })

  it('no properties are {} (Account Removed User), and no userId leaves userId out', () => {
    const checked = checkEvent({ event: 'Account Removed User', groupId: 'acct_123' })
    expect(checked).toEqual({
      ok: true,
      payload: { type: 'track', event: 'Account Removed User', properties: {}, context: { groupId: 'acct_123' } },
    })
    expect(checked.ok && 'userId' in checked.payload).toBe(false)
  })

  it('keeps the spec’s extra properties, as the tracker sends them', () => {
    const checked = checkEvent({
      event: 'Signed In',
      properties: { username: 'pgibbons', plan: { tier: 'gold' } } as never,
      groupId: 'acct_123',
    })
    expect(checked.ok && checked.payload.properties).toEqual({ username: 'pgibbons', plan: { tier: 'gold' } })
  })
})

describe('checkEvent with custom events from defineEvents', () => {
  it('checks classic zod and zod/mini schemas alike', () => {
    expect(
      checkEvent(
        {
          event: 'Invoice Paid',
          properties: { amount_cents: 4900, currency: 'usd' },
          userId: 'u1',
          groupId: 'acct_123',
        },
        { events: plan },
      ),
    ).toEqual({
      ok: true,
      payload: {
        userId: 'u1',
        type: 'track',
        event: 'Invoice Paid',
        properties: { amount_cents: 4900, currency: 'usd' },
        context: { groupId: 'acct_123' },
      },
    })
    const seats = checkEvent({ event: 'Seats Changed', properties: { seats: 12 }, groupId: 'acct_9' }, { events: plan })
    expect(seats.ok && seats.payload.properties).toEqual({ seats: 12 })
  })

  it('an app’s event of the same name as a spec event wins', () => {
    const strict = defineEvents({ 'Signed In': z.strictObject({ username: z.string() }) })
    const checked = checkEvent(
      { event: 'Signed In', properties: { username: 'p', extra: 1 } as never, groupId: 'a' },
      { events: strict },
    )
    expect(checked.ok).toBe(false)
    expect(!checked.ok && checked.error.issues).toEqual([
      { path: 'properties.extra', message: 'not a property of this event' },
    ])
  })

  it('a custom event is unknown without its catalogue', () => {
    const checked = checkEvent({ event: 'Invoice Paid' as never, groupId: 'a' })
    expect(!checked.ok && checked.error.issues).toEqual([{ path: 'event', message: 'not an event of the catalogue' }])
  })

  it('an unknown name is shown when it reads like an event name, else masked: it may be a value', () => {
    const typo = checkEvent({ event: 'Signed Inn' as never, groupId: 'a' })
    expect(!typo.ok && typo.error.message).toBe(
      '[intilery] "Signed Inn" is invalid: event (not an event of the catalogue)',
    )
    for (const value of ['pgibbons@initech.com', '+1 410-555-9412', '4105559412']) {
      const checked = checkEvent({ event: value as never, groupId: 'a' })
      expect(!checked.ok && checked.error.message).toBe(
        '[intilery] "[event]" is invalid: event (not an event of the catalogue)',
      )
      expect(!checked.ok && checked.error.event).toBe('[event]')
    }
  })

  it('the name stays masked when the userId is invalid too', () => {
    const checked = checkEvent({ event: 'pgibbons@initech.com' as never, userId: '', groupId: 'a' })
    expect(!checked.ok && checked.error.message).toBe(
      '[intilery] "[event]" is invalid: userId (expected a non-empty string), event (not an event of the catalogue)',
    )
  })
})

describe('checkEvent errors name paths, never values', () => {
  const secrets = ['pgibbons at initech', 'Peter', '410-555-9412', 'doubloons', 'next tuesday', '4900']

  it('lists every failing path of userId, properties and context.groupId', () => {
    const checked = checkEvent(
      {
        event: 'Invoice Paid',
        properties: { amount_cents: '4900', currency: 'doubloons', paid_at: 'next tuesday' } as never,
        userId: '',
        groupId: '',
      },
      { events: plan },
    )
    expect(checked.ok).toBe(false)
    if (checked.ok) return
    expect(checked.error).toBeInstanceOf(IntileryValidationError)
    expect(checked.error.event).toBe('Invoice Paid')
    expect(checked.error.issues.map((issue) => issue.path)).toEqual([
      'userId',
      'properties.amount_cents',
      'properties.currency',
      'properties.paid_at',
      'context.groupId',
    ])
    const text = JSON.stringify({ message: checked.error.message, issues: checked.error.issues })
    for (const secret of secrets) expect(text).not.toContain(secret)
  })

  it('a spec event with personal data in the wrong shape', () => {
    const checked = checkEvent({
      event: 'Signed Up',
      properties: { email: 'pgibbons at initech', first_name: 42 as never, phone: 4105559412 as never },
      userId: 'u1',
      groupId: 'acct_123',
    })
    expect(!checked.ok && checked.error.message).toBe(
      '[intilery] "Signed Up" is invalid: properties.first_name (expected string), properties.email (invalid email), properties.phone (expected string)',
    )
    const text = JSON.stringify(!checked.ok && checked.error.issues)
    for (const secret of [...secrets, '4105559412', '42']) expect(text).not.toContain(secret)
  })

  it('properties that are not an object are an error at the root, null included', () => {
    for (const properties of [null, 'pgibbons', 42, ['a']]) {
      const checked = checkEvent({ event: 'Signed In', properties: properties as never, groupId: 'acct_123' })
      expect(!checked.ok && checked.error.issues).toEqual([{ path: 'properties', message: 'expected object' }])
    }
  })

  it('a userId that is not a string is named, not shown', () => {
    const checked = checkEvent({ event: 'Signed In', userId: 4105559412 as never, groupId: 'acct_123' })
    expect(!checked.ok && checked.error.issues).toEqual([{ path: 'userId', message: 'expected a non-empty string' }])
    expect(!checked.ok && checked.error.message).not.toContain('4105559412')
  })

  it('a BigInt or a cycle cannot be sent as JSON', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    const checked = checkEvent({
      event: 'Signed In',
      properties: { big: 10n, cyclic } as never,
      groupId: 'acct_123',
    })
    expect(!checked.ok && checked.error.issues.map((issue) => issue.path)).toEqual([
      'properties.big',
      'properties.cyclic.self',
    ])
  })
})
