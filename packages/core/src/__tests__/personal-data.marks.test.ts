import Ajv2020 from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import * as zm from 'zod/mini'
import { b2bSaasEvents, checkEvent, defineEvents, type JsonSchema, personal, trackingPlan } from '../events'
import { personalKeysOf } from '../engine/personal'
import { isPersonal, personalKeys } from '../events/marks'

/** Each event's properties, and whether the plan marks each as personal data. */
function marksOf(schema: JsonSchema): Record<string, boolean> {
  const properties = (schema.properties as Record<string, JsonSchema>).properties?.properties as Record<
    string,
    JsonSchema
  >
  return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, value['x-personal-data'] === true]))
}

const events = defineEvents({
  'Report Shared': zm.object({
    format: zm.enum(['csv', 'pdf']),
    recipient_email: personal(zm.email()),
    recipient_name: zm.optional(personal(zm.string())),
    note: zm.optional(zm.string()),
  }),
  'Seat Assigned': z.object({
    seat_holder: personal(z.string()).optional(),
    holder_phone: personal(z.string().min(7)),
    seats: z.number(),
  }),
})

describe('personal data in the catalogue', () => {
  it('marks the spec’s emails, names, phones and usernames, and nothing else', () => {
    const marked = Object.fromEntries(
      Object.entries(b2bSaasEvents)
        .map(([event, schema]) => [event, [...personalKeys(schema)]] as const)
        .filter(([, keys]) => keys.length > 0),
    )
    expect(marked).toEqual({
      'Signed Up': ['first_name', 'last_name', 'email', 'phone', 'username'],
      'Signed In': ['username'],
      'Signed Out': ['username'],
      'Invite Sent': ['invitee_email', 'invitee_first_name', 'invitee_last_name'],
    })
  })

  it('an app marks its own properties, with zod or zod/mini, through optional and later checks', () => {
    expect([...personalKeys(events['Report Shared'])]).toEqual(['recipient_email', 'recipient_name'])
    expect([...personalKeys(events['Seat Assigned'])]).toEqual(['seat_holder', 'holder_phone'])
    expect(isPersonal(personal(zm.string()).check(zm.minLength(2)))).toBe(true)
  })

  it('marks a copy: the schema given stays unmarked, and validates as before', () => {
    const shared = zm.string()
    const marked = personal(shared)
    expect(isPersonal(shared)).toBe(false)
    expect(isPersonal(marked)).toBe(true)
    expect(zm.safeParse(marked, 'Peter').success).toBe(true)
    expect(zm.safeParse(personal(zm.email()), 'not an email').success).toBe(false)
  })

  it('checkEvent still checks a marked property as its schema says', () => {
    const checked = checkEvent(
      { event: 'Report Shared', properties: { format: 'csv', recipient_email: 'nope' }, groupId: 'acct_123' },
      { events },
    )
    expect(checked.ok).toBe(false)
    if (!checked.ok) expect(checked.error.issues.map((issue) => issue.path)).toEqual(['properties.recipient_email'])
  })
})

describe('the tracking plan carries the mark', () => {
  const plan = trackingPlan({ events })

  it('as "x-personal-data": true on each marked property, and only there', () => {
    expect(marksOf(plan['Signed Up']!)).toEqual({
      type: false,
      first_name: true,
      last_name: true,
      email: true,
      phone: true,
      username: true,
      title: false,
    })
    expect(marksOf(plan['Account Created']!)).toEqual({ account_name: false })
    expect(marksOf(plan['Report Shared']!)).toEqual({
      format: false,
      recipient_email: true,
      recipient_name: true,
      note: false,
    })
    expect(marksOf(plan['Seat Assigned']!)).toEqual({ seat_holder: true, holder_phone: true, seats: false })
  })

  it('which Ajv in strict mode accepts once the keyword is declared, and refuses otherwise', () => {
    const strict = () => new Ajv2020({ strict: true, allErrors: true, validateFormats: false })
    expect(() => strict().compile(plan['Signed Up']!)).toThrow(/unknown keyword: "x-personal-data"/)
    const ajv = strict().addKeyword({ keyword: 'x-personal-data', schemaType: 'boolean' })
    for (const schema of Object.values(plan)) expect(() => ajv.compile(schema)).not.toThrow()
    const validate = ajv.compile(plan['Signed Up']!)
    const payload = { type: 'track', event: 'Signed Up', properties: { email: 'pgibbons@example.com' } }
    expect(validate({ ...payload, context: { groupId: 'acct_123' } })).toBe(true)
    // An annotation: it changes nothing of what passes.
    expect(validate({ ...payload, context: {} })).toBe(false)
  })
})

describe('the delivery code’s copy of the marks', () => {
  it('names the same properties as the catalogue, event by event, and reads an app’s own from its schemas', () => {
    const call = (name: string) => ({ type: 'track' as const, id: undefined, name })
    for (const [event, schema] of Object.entries(b2bSaasEvents)) {
      expect([...personalKeysOf(call(event), undefined)], event).toEqual([...personalKeys(schema)])
    }
    expect([...personalKeysOf(call('Report Shared'), events)]).toEqual(['recipient_email', 'recipient_name'])
    // An app's event of the same name as the spec's wins, marks included.
    const own = defineEvents({ 'Signed Up': zm.object({ email: zm.string() }) })
    expect([...personalKeysOf(call('Signed Up'), own)]).toEqual([])
  })
})
