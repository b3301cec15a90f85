import Ajv2020 from 'ajv/dist/2020.js'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import * as zm from 'zod/mini'
import examples from '../../../react/src/__tests__/fixtures/b2b-saas-examples.json'
import { checkEvent, defineEvents, IntileryError, type JsonSchema, trackingPlan } from '../events'

/**
 * A real JSON Schema validator. Formats are annotations here: zod writes each rule as a `pattern`.
 * The plan's annotation for personal data is declared, as strict mode asks.
 */
function compile(schema: JsonSchema) {
  return new Ajv2020({ strict: true, allErrors: true, validateFormats: false })
    .addKeyword({ keyword: 'x-personal-data', schemaType: 'boolean' })
    .compile(schema)
}

const events = defineEvents({
  'Invoice Paid': z.strictObject({
    amount_cents: z.number().int().min(0),
    currency: z.enum(['usd', 'eur', 'gbp']),
    paid_at: z.optional(z.date()),
  }),
  'Seats Changed': zm.object({ seats: zm.number(), plan_name: zm.optional(zm.string()) }),
})

const spec = trackingPlan()

/** An issue of the check's personal-data guard (see guard.ts), which the plan does not express. */
const isPersonalData = (issue: { message: string }) => /looks like personal data/.test(issue.message)
const plan = trackingPlan({ events })

describe('the tracking plan', () => {
  it('has one schema per event: the spec’s ten, then the app’s own', () => {
    expect(Object.keys(spec)).toEqual(examples.map((example) => example.event))
    expect(Object.keys(plan)).toEqual([...examples.map((example) => example.event), 'Invoice Paid', 'Seats Changed'])
    for (const [event, schema] of Object.entries(plan)) {
      expect(schema).toMatchObject({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        title: event,
        type: 'object',
        required: ['type', 'event', 'properties', 'context'],
        properties: {
          type: { const: 'track' },
          event: { const: event },
          userId: { type: 'string', minLength: 1 },
          context: { type: 'object', required: ['groupId'], properties: { groupId: { type: 'string', minLength: 1 } } },
        },
      })
    }
  })

  it('states additionalProperties for the payload, its properties and its context', () => {
    const stated = (event: string) => {
      const schema = plan[event] as { additionalProperties: unknown; properties: Record<string, JsonSchema> }
      return [
        schema.additionalProperties,
        schema.properties.properties?.additionalProperties,
        schema.properties.context?.additionalProperties,
      ]
    }
    for (const example of examples) expect(stated(example.event)).toEqual([true, true, true])
    // A strict object refuses extra keys; one that strips them never sends them.
    expect(stated('Invoice Paid')).toEqual([true, false, true])
    expect(stated('Seats Changed')).toEqual([true, false, true])
  })

  it('is JSON, and the same whenever it is made', () => {
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan)
    expect(trackingPlan({ events })).toEqual(plan)
  })
})

describe('Ajv with the plan', () => {
  const validators = Object.fromEntries(Object.entries(plan).map(([event, schema]) => [event, compile(schema)]))
  const validate = (payload: unknown) => {
    const { event } = payload as { event: string }
    const check = validators[event]
    if (check === undefined) throw new Error(`no schema for ${event}`)
    return check(payload)
  }

  it.each(examples.map((example) => [example.event, example] as const))(
    'accepts the spec’s example of %s',
    (_, example) => {
      expect(validators[example.event]?.(example), JSON.stringify(validators[example.event]?.errors)).toBe(true)
    },
  )

  it('rejects a payload of one event under another’s schema', () => {
    for (const [index, example] of examples.entries()) {
      const other = examples[(index + 1) % examples.length]?.event as string
      expect(validators[other]?.(example)).toBe(false)
    }
  })

  it.each(examples.map((example) => [example.event, example] as const))(
    'rejects a broken envelope of %s',
    (_, example) => {
      const broken: unknown[] = [
        { ...example, type: 'identify' },
        { ...example, userId: '' },
        { ...example, userId: 42 },
        { ...example, context: {} },
        { ...example, context: { groupId: '' } },
        { ...example, context: { groupId: 123 } },
        { ...example, properties: 'Initech' },
        without(example, 'context'),
        without(example, 'properties'),
      ]
      for (const payload of broken) expect(validate(payload), JSON.stringify(payload)).toBe(false)
    },
  )

  it('rejects each property of the wrong type', () => {
    for (const example of examples) {
      for (const key of Object.keys(example.properties)) {
        const payload = { ...example, properties: { ...example.properties, [key]: 42 } }
        expect(validate(payload), `${example.event}.${key}`).toBe(false)
      }
    }
  })

  it('rejects a malformed email or date, and takes every form of date the spec’s events send', () => {
    const [signUp, invite, trial] = ['Signed Up', 'Invite Sent', 'Trial Started'].map(
      (event) => examples.find((example) => example.event === event) as (typeof examples)[number],
    ) as [(typeof examples)[number], (typeof examples)[number], (typeof examples)[number]]
    const withProperty = (example: (typeof examples)[number], key: string, value: unknown) => ({
      ...example,
      properties: { ...example.properties, [key]: value },
    })
    expect(validate(withProperty(signUp, 'email', 'pgibbons at initech'))).toBe(false)
    expect(validate(withProperty(invite, 'invitee_email', 'pgibbons@'))).toBe(false)
    for (const date of ['next tuesday', '2018-13-45T99:00:00Z', '20/09/2018', '']) {
      expect(validate(withProperty(trial, 'trial_end_date', date)), date).toBe(false)
    }
    const sent = checkEvent({ event: 'Trial Started', properties: { trial_end_date: new Date(0) }, groupId: 'a' })
    for (const date of [
      '2018-09-20',
      '2018-09-20T04:09:47',
      '2018-09-20T04:09:47+02:00',
      sent.ok && sent.payload.properties.trial_end_date,
    ]) {
      expect(validate(withProperty(trial, 'trial_end_date', date)), String(date)).toBe(true)
    }
  })

  it('checks the app’s own events: types, enums, dates as sent, and no stray keys where none pass', () => {
    const paid = checkEvent(
      {
        event: 'Invoice Paid',
        properties: { amount_cents: 4900, currency: 'eur', paid_at: new Date(Date.UTC(2026, 0, 2)) },
        userId: 'u1',
        groupId: 'acct_123',
      },
      { events },
    )
    if (!paid.ok) throw paid.error
    // What goes on the wire: the Date as its ISO string.
    const sent = JSON.parse(JSON.stringify(paid.payload)) as typeof paid.payload
    expect(validate(sent)).toBe(true)
    const properties = sent.properties
    for (const bad of [
      { ...properties, currency: 'doubloons' },
      { ...properties, amount_cents: 49.5 },
      { ...properties, amount_cents: -1 },
      { ...properties, paid_at: 'next tuesday' },
      { ...properties, coupon: 'SPRING' },
      { currency: 'usd' },
    ]) {
      expect(validate({ ...sent, properties: bad }), JSON.stringify(bad)).toBe(false)
    }
    expect(validate({ ...sent, event: 'Seats Changed', properties: { seats: 3, extra: true } })).toBe(false)
    expect(validate({ ...sent, event: 'Seats Changed', properties: { seats: 3 } })).toBe(true)
  })

  it('agrees with checkEvent on random payloads, event by event', () => {
    let passed = 0
    const keys = [...new Set(Object.values(plan).flatMap((schema) => Object.keys(propertiesOf(schema))))]
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom('2018-09-20T04:09:47Z', '2018-09-20', 'pgibbons@example.com', 'usd', 'gbp', ''),
      fc.integer({ min: -5, max: 5000 }),
    )
    const payload = fc.record({
      event: fc.constantFrom(...Object.keys(plan)),
      properties: fc.dictionary(fc.constantFrom(...keys, 'extra', 'note'), value, { maxKeys: 4 }),
      userId: fc.option(fc.constantFrom('019mr8mf4r', ''), { nil: undefined }),
      groupId: fc.constantFrom('acct_123', ''),
    })
    fc.assert(
      fc.property(payload, ({ event, properties, userId, groupId }) => {
        const checked = checkEvent({ event, properties, userId, groupId } as never, { events })
        const sent = {
          ...(userId === undefined ? {} : { userId }),
          type: 'track',
          event,
          properties,
          context: { groupId },
        }
        // What the check lets through, as sent, the plan accepts; what the plan accepts, the check
        // lets through. (An object that strips unknown keys takes them in and never sends them.)
        // The plan marks personal data but cannot say where it may not go: the check's guard is its own.
        if (checked.ok) expect(validate(checked.payload)).toBe(true)
        if (validate(sent)) expect(checked.ok || checked.error.issues.every(isPersonalData)).toBe(true)
        if (checked.ok) passed += 1
      }),
      { numRuns: 1500 },
    )
    // Both sides of the agreement were exercised.
    expect(passed).toBeGreaterThan(150)
    expect(passed).toBeLessThan(1350)
  })
})

describe('what the plan cannot describe', () => {
  it('a transform with no schema after it, a BigInt or a Map: an error naming each event and path', () => {
    const unsendable = defineEvents({
      'Name Changed': z.object({ name: z.string().transform((name) => name.trim()), note: z.optional(z.string()) }),
      'Credits Granted': z.object({ credits: z.bigint(), by_region: z.map(z.string(), z.number()) }),
    })
    expect(() => trackingPlan({ events: unsendable })).toThrow(IntileryError)
    expect(() => trackingPlan({ events: unsendable })).toThrow(
      '[intilery] the tracking plan cannot describe what these send: "Name Changed" properties.name (transform), "Credits Granted" properties.by_region (map), "Credits Granted" properties.credits (bigint)',
    )
  })

  it('a transform followed by a schema is described by that schema', () => {
    const trimmed = defineEvents({
      'Name Changed': z.object({
        name: z
          .string()
          .transform((n) => n.trim())
          .pipe(z.string()),
      }),
    })
    expect(propertiesOf(trackingPlan({ events: trimmed })['Name Changed'] as JsonSchema)).toEqual({
      name: { type: 'string' },
    })
  })
})

function without(payload: object, key: string): object {
  return Object.fromEntries(Object.entries(payload).filter(([name]) => name !== key))
}

function propertiesOf(schema: JsonSchema): Record<string, unknown> {
  const payload = schema.properties as Record<string, { properties: Record<string, unknown> }>
  return payload.properties?.properties ?? {}
}
