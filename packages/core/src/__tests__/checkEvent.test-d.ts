import { describe, expectTypeOf, it } from 'vitest'
import * as z from 'zod'
import * as zm from 'zod/mini'
import { checkEvent, defineEvents, type EventPayload, trackingPlan, type TrackingPlan } from '../events'

const plan = defineEvents({
  'Invoice Paid': z.strictObject({ amount_cents: z.number(), currency: z.enum(['usd', 'eur']) }),
  'Seats Changed': zm.object({ seats: zm.number() }),
})

declare const maybeUser: string | undefined

/** The shape a server client's track() takes (analytics-node's TrackParams, reduced). */
type ServerTrack = {
  event: string
  properties?: Record<string, unknown>
  context?: Record<string, unknown>
} & ({ userId: string } | { anonymousId: string })

describe('checkEvent is typed by the catalogue', () => {
  it('accepts the spec’s properties', () => {
    checkEvent({ event: 'Signed In', properties: { username: 'pgibbons' }, userId: 'u1', groupId: 'acct_123' })
    checkEvent({
      event: 'Trial Ended',
      properties: { trial_end_date: new Date(), trial_plan_name: 'Business' },
      groupId: 'a',
    })
    checkEvent({ event: 'Account Removed User', groupId: 'acct_123' })
  })

  it('rejects a property the event does not have, a wrong type, an unknown event, a missing account', () => {
    // @ts-expect-error Signed In has no email
    checkEvent({ event: 'Signed In', properties: { email: 'a@b.co' }, groupId: 'a' })
    // @ts-expect-error a misspelt property
    checkEvent({ event: 'Signed Up', properties: { frist_name: 'Peter' }, groupId: 'a' })
    // @ts-expect-error username is a string
    checkEvent({ event: 'Signed In', properties: { username: 42 }, groupId: 'a' })
    // @ts-expect-error not an event of the spec
    checkEvent({ event: 'Signed Inn', groupId: 'a' })
    // @ts-expect-error the account is required
    checkEvent({ event: 'Signed In', properties: { username: 'p' } })
    // @ts-expect-error a userId is a string
    checkEvent({ event: 'Signed In', userId: 42, groupId: 'a' })
  })

  it('knows the app’s events from defineEvents, classic zod and zod/mini alike', () => {
    checkEvent(
      { event: 'Invoice Paid', properties: { amount_cents: 1, currency: 'usd' }, groupId: 'a' },
      { events: plan },
    )
    checkEvent({ event: 'Seats Changed', properties: { seats: 3 }, groupId: 'a' }, { events: plan })
    checkEvent({ event: 'Signed In', properties: { username: 'p' }, groupId: 'a' }, { events: plan })
    const events = { events: plan }
    const paid = { amount_cents: 1, currency: 'usd' } as const
    checkEvent({ event: 'Invoice Paid', properties: { ...paid }, groupId: 'a' }, events)
    // @ts-expect-error not one of the currencies
    checkEvent({ event: 'Invoice Paid', properties: { ...paid, currency: 'xls' }, groupId: 'a' }, events)
    // @ts-expect-error a property Invoice Paid does not have
    checkEvent({ event: 'Invoice Paid', properties: { ...paid, coupon: 'x' }, groupId: 'a' }, events)
    // @ts-expect-error seats is a number
    checkEvent({ event: 'Seats Changed', properties: { seats: '3' }, groupId: 'a' }, { events: plan })
    // @ts-expect-error a custom event needs its catalogue
    checkEvent({ event: 'Invoice Paid', properties: { amount_cents: 1, currency: 'usd' }, groupId: 'a' })
  })
})

describe('the payload’s type', () => {
  it('has userId when one is given, and the sent properties', () => {
    const checked = checkEvent({
      event: 'Trial Ended',
      properties: { trial_end_date: new Date() },
      userId: 'u1',
      groupId: 'a',
    })
    if (!checked.ok) return
    expectTypeOf(checked.payload.userId).toEqualTypeOf<string>()
    expectTypeOf(checked.payload.event).toEqualTypeOf<'Trial Ended'>()
    expectTypeOf(checked.payload.type).toEqualTypeOf<'track'>()
    expectTypeOf(checked.payload.context).toEqualTypeOf<{ readonly groupId: string }>()
    // A date is sent as its ISO string.
    expectTypeOf(checked.payload.properties.trial_end_date).toEqualTypeOf<string | undefined>()
    // What a server client's track() takes, as it is.
    expectTypeOf(checked.payload).toExtend<ServerTrack>()
  })

  it('may have no userId when none is given or it may be undefined', () => {
    const none = checkEvent({ event: 'Signed In', groupId: 'a' })
    if (none.ok) expectTypeOf(none.payload.userId).toEqualTypeOf<string | undefined>()
    const maybe = checkEvent({ event: 'Signed In', userId: maybeUser, groupId: 'a' })
    if (maybe.ok) {
      expectTypeOf(maybe.payload.userId).toEqualTypeOf<string | undefined>()
      expectTypeOf(maybe.payload).not.toExtend<ServerTrack>()
    }
  })

  it('types a custom event’s payload from its schema', () => {
    const checked = checkEvent(
      { event: 'Invoice Paid', properties: { amount_cents: 1, currency: 'usd' }, userId: 'u1', groupId: 'a' },
      { events: plan },
    )
    if (!checked.ok) return
    expectTypeOf(checked.payload.properties.currency).toEqualTypeOf<'usd' | 'eur'>()
    expectTypeOf(checked.payload).toExtend<EventPayload<'Invoice Paid', typeof plan & Record<string, never>, string>>()
  })
})

describe('trackingPlan', () => {
  it('takes a catalogue from defineEvents and gives JSON Schemas by event name', () => {
    expectTypeOf(trackingPlan({ events: plan })).toEqualTypeOf<TrackingPlan>()
    // @ts-expect-error a catalogue holds zod schemas
    trackingPlan({ events: { 'Invoice Paid': { amount_cents: 'number' } } })
  })
})
