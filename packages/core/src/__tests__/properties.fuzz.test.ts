import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createTracker, type EventName, IntileryValidationError } from '../index'
import { createRecordingTag } from '../testing'
import { b2bSaasEvents, validator } from '../events'
import { engine } from '../engine'

/** Every generated string carries this mark, so a leak into an error message is easy to see. */
const MARK = '\u2063pii\u2063'

const known = Object.fromEntries(
  Object.entries(b2bSaasEvents).map(([event, schema]) => [event, Object.keys(schema.def.shape)]),
) as Record<EventName, string[]>

const personal = fc.oneof(
  fc.string({ unit: 'grapheme' }).map((s) => `${MARK}${s}`),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `${MARK}${s}`),
  fc.constantFrom(`${MARK}pgibbons@example.com`, `${MARK}410-555-9412`, `${MARK}2018-08-28T04:09:47Z`),
  fc.integer({ min: 1000, max: 100_000 }).map((n) => `${MARK}${'x'.repeat(n)}`),
)

const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    personal,
    fc.constantFrom(NaN, Infinity, -0, null, undefined, true, 0),
    fc.double(),
    fc.date({ noInvalidDate: false }),
    fc.constant('2018-09-20T04:09:47Z'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 3 }),
  ),
})).value

function keysFor(event: EventName) {
  return fc.oneof(
    fc.constantFrom(...(known[event].length > 0 ? known[event] : ['role'])),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
  )
}

function propertiesFor(event: EventName) {
  return fc
    .array(fc.tuple(keysFor(event), value), { maxLength: 8 })
    .map((entries) => Object.fromEntries(entries) as Record<string, unknown>)
}

/** A canonical text of a value, prototypes included, to see whether anything changed it. */
function snapshot(input: unknown): string {
  if (input instanceof Date) return `Date(${input.getTime()})`
  if (typeof input === 'number') return `n:${Object.is(input, -0) ? '-0' : String(input)}`
  if (typeof input !== 'object' || input === null) return `${typeof input}:${String(input)}`
  const proto = Object.getPrototypeOf(input) === Object.prototype ? 'O' : Array.isArray(input) ? 'A' : '?'
  return `${proto}{${Object.keys(input)
    .map((key) => `${JSON.stringify(key)}:${snapshot((input as Record<string, unknown>)[key])}`)
    .join(',')}}`
}

const events = Object.keys(b2bSaasEvents) as EventName[]

/**
 * How long one event's runs may take: about 1.5 s alone here, more on a loaded machine. A bound for
 * the runner, so a slow machine does not fail a correct test; not a speed check.
 */
const FUZZ_TIMEOUT = 60_000

describe('random properties, per event', () => {
  it.each(events)(
    '%s: a well-formed payload or a clear error; no crash, no mutation, no leak',
    async (event) => {
      await fc.assert(
        fc.asyncProperty(propertiesFor(event), async (properties) => {
          const tag = createRecordingTag()
          const tracker = createTracker({ validator, engine, tag, validation: 'throw' })
          const before = snapshot(properties)

          const outcome = await tracker.track(event, properties as never, { account: 'acct_1' }).then(
            (delivery) => ({ ok: true as const, delivery }),
            (error: unknown) => ({ ok: false as const, error }),
          )

          expect(snapshot(properties)).toBe(before)
          expect(({} as Record<string, unknown>).polluted).toBeUndefined()
          if (outcome.ok) {
            const [sent] = tag.tracks()
            expect(tag.tracks()).toHaveLength(1)
            expect(sent?.event).toBe(event)
            expect(sent?.context).toEqual({ groupId: 'acct_1' })
            const out = outcome.delivery.payload.properties
            expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
            for (const key of known[event]) {
              const v = out[key]
              if (v !== undefined) expect(typeof v).toBe('string')
            }
            for (const key of Object.keys(properties)) {
              if (key !== '__proto__' && properties[key] !== undefined) expect(Object.hasOwn(out, key)).toBe(true)
            }
          } else {
            expect(outcome.error).toBeInstanceOf(IntileryValidationError)
            const error = outcome.error as IntileryValidationError
            expect(tag.tracks()).toHaveLength(0)
            expect(error.issues.length).toBeGreaterThan(0)
            for (const issue of error.issues) expect(issue.path).toMatch(/^properties(\.|$)/)
            expect(error.message).not.toContain(MARK)
            expect(JSON.stringify(error.issues)).not.toContain(MARK)
            expect(error.message.length).toBeLessThan(2000)
          }
        }),
        { numRuns: 2000 },
      )
    },
    FUZZ_TIMEOUT,
  )
})

describe("random properties in 'report' and 'off' modes", () => {
  it.each(events)(
    '%s: always sent; the caller’s object untouched; a reported error holds no value',
    async (event) => {
      await fc.assert(
        fc.asyncProperty(
          propertiesFor(event),
          fc.constantFrom('report' as const, 'off' as const),
          async (properties, validation) => {
            const tag = createRecordingTag()
            const reported: unknown[] = []
            const tracker = createTracker({
              validator,
              engine,
              tag,
              validation,
              onError: (error) => reported.push(error),
            })
            const before = snapshot(properties)

            const delivery = await tracker.track(event, properties, { account: 'acct_1' })

            expect(snapshot(properties)).toBe(before)
            expect(delivery.status).toBe('acknowledged')
            expect(tag.tracks()).toHaveLength(1)
            if (validation === 'off') expect(reported).toEqual([])
            for (const error of reported) {
              expect(error).toBeInstanceOf(IntileryValidationError)
              expect((error as Error).message).not.toContain(MARK)
              expect(JSON.stringify((error as IntileryValidationError).issues)).not.toContain(MARK)
            }
            // Sent unchanged when invalid or unchecked: the very object the caller gave, unless a
            // value looked like personal data (an email): then a copy with it redacted.
            const redacted = reported.some((error) =>
              (error as IntileryValidationError).issues.some((issue) => issue.message.includes('personal data')),
            )
            if ((reported.length > 0 && !redacted) || validation === 'off') {
              expect(delivery.payload.properties).toBe(properties)
            }
            if (redacted) expect(delivery.payload.properties).not.toBe(properties)
          },
        ),
        { numRuns: 300 },
      )
    },
    FUZZ_TIMEOUT,
  )
})
