import * as z from 'zod/mini'
import type * as zc from 'zod/v4/core'
import { IntileryError } from '../errors'
import type { EventCatalog } from './catalog'
import { ISO_DATE_PATTERN } from './isoDate'
import { isPersonal } from './marks'
import { b2bSaasEvents, sentDate, specDate } from './validate'

/**
 * A JSON Schema document (draft 2020-12), as plain JSON.
 *
 * @example
 * ```ts
 * const schema: JsonSchema = { type: 'object', additionalProperties: true }
 * ```
 */
export type JsonSchema = { [keyword: string]: unknown }

/**
 * The catalogue as a tracking plan: one JSON Schema per event name, each describing the whole
 * payload as sent (`userId`, `type`, `event`, `properties`, `context.groupId`).
 *
 * @example
 * ```ts
 * const plan: TrackingPlan = trackingPlan()
 * plan['Signed In']?.additionalProperties // true
 * ```
 */
export type TrackingPlan = { [event: string]: JsonSchema }

/**
 * The annotation a property marked as personal data carries in the plan (`personal`). An `x-`
 * keyword: JSON Schema validators ignore it, and Ajv in strict mode accepts it once it is declared
 * with `ajv.addKeyword({ keyword: 'x-personal-data', schemaType: 'boolean' })`.
 */
const PERSONAL_DATA_KEYWORD = 'x-personal-data'

/** Zod types whose values JSON cannot carry, or whose output no schema describes. */
const UNREPRESENTABLE = new Set([
  'transform',
  'bigint',
  'symbol',
  'undefined',
  'void',
  'nan',
  'custom',
  'function',
  'map',
  'set',
  'promise',
])

/** The spec's date, with and without its `Date` → string step (zod may describe either). */
const specDates: ReadonlySet<unknown> = new Set([specDate, sentDate])

/** A zod schema as JSON Schema, without its `$schema` line (it is placed inside another). */
function jsonOf(schema: zc.$ZodType): JsonSchema {
  const json = { ...(z.toJSONSchema(schema) as JsonSchema) }
  delete json.$schema
  return json
}

/** What JSON sends for a `Date`, in zod's words: an ISO-8601 date-time string (`toISOString()`). */
const dateJson = (): JsonSchema => jsonOf(z.iso.datetime())

/**
 * What a spec date sends: a string of the pattern the validator checks with (a `Date`'s ISO string
 * is one of its forms).
 */
const specDateJson = (): JsonSchema => ({ type: 'string', pattern: ISO_DATE_PATTERN })

/**
 * The catalogue — the spec's ten events, and the app's own from `defineEvents` when given as
 * `events` (an app's event of the same name wins) — as JSON Schema, written by zod's own conversion
 * (`toJSONSchema`, output side: what is sent). One schema per event for the whole payload: `type`
 * is `"track"`, `event` is the event's name, `userId` an optional non-empty string, `properties`
 * the event's zod schema, `context.groupId` a required non-empty string. `additionalProperties` is
 * stated on every object: `true` where extra keys pass (the spec's events, `context`, the payload),
 * `false` where they cannot be sent (a strict object, or an object that strips unknown keys).
 *
 * A property marked as personal data (`personal`) carries `"x-personal-data": true`: Ajv in
 * strict mode takes it once it is declared, `ajv.addKeyword({ keyword: 'x-personal-data',
 * schemaType: 'boolean' })`.
 *
 * A `Date` is described as what JSON sends for it, an ISO-8601 date-time string. A schema whose
 * output JSON Schema cannot describe (a transform with no schema after it, a `BigInt`, a `Map`…)
 * makes it throw an `IntileryError` naming each such event and path.
 *
 * @example
 * ```ts
 * import * as z from 'zod/mini'
 * import { defineEvents, trackingPlan } from '@intilery/core/events'
 *
 * const events = defineEvents({ 'Report Exported': z.object({ format: z.enum(['csv', 'pdf']) }) })
 * const plan = trackingPlan({ events })
 * Object.keys(plan) // ['Account Created', …, 'Trial Ended', 'Report Exported']
 * ```
 */
export function trackingPlan(options: { readonly events?: EventCatalog | undefined } = {}): TrackingPlan {
  const catalog: EventCatalog = { ...b2bSaasEvents, ...options.events }
  const problems: string[] = []
  const dates = { date: dateJson(), specDate: specDateJson() }
  const plan = Object.entries(catalog).map(([event, schema]) => [event, eventSchema(event, schema, dates, problems)])
  if (problems.length > 0) {
    throw new IntileryError(`the tracking plan cannot describe what these send: ${problems.join(', ')}`)
  }
  return Object.fromEntries(plan) as TrackingPlan
}

function eventSchema(
  event: string,
  properties: zc.$ZodType,
  dates: { readonly date: JsonSchema; readonly specDate: JsonSchema },
  problems: string[],
): JsonSchema {
  const nonEmptyString = z.string().check(z.minLength(1))
  const payload = z.looseObject({
    userId: z.optional(nonEmptyString),
    type: z.literal('track'),
    event: z.literal(event),
    properties,
    context: z.looseObject({ groupId: nonEmptyString }),
  })
  const unrepresentable: string[] = []
  const json = z.toJSONSchema(payload, {
    io: 'output',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema, path }) => {
      const type = zodSchema._zod.def.type
      if (type === 'date') {
        // What JSON.stringify sends for a Date: its ISO string.
        Object.assign(jsonSchema, structuredClone(dates.date))
      } else if (specDates.has(zodSchema)) {
        Object.assign(jsonSchema, structuredClone(dates.specDate))
      } else if (UNREPRESENTABLE.has(type)) {
        unrepresentable.push(`"${event}" ${dataPath(path)} (${type})`)
      }
      if (isPersonal(zodSchema)) jsonSchema[PERSONAL_DATA_KEYWORD] = true
    },
  }) as JsonSchema
  problems.push(...unrepresentable.sort())
  const { $schema, ...rest } = json
  return statedExtras({ $schema, title: event, ...rest }) as JsonSchema
}

/**
 * The data path of a place in the payload's JSON Schema, e.g. `properties.trial_end_date` for
 * `properties.properties.properties.trial_end_date`.
 */
function dataPath(path: readonly (string | number)[]): string {
  const parts: string[] = []
  for (let index = 0; index < path.length; index += 1) {
    const step = path[index]
    if (step === 'properties' || step === 'patternProperties') parts.push(String(path[(index += 1)]))
    else if (step === 'additionalProperties') parts.push('[key]')
    else if (step === 'items') parts.push('[]')
    else if (step === 'prefixItems') parts.push(String(path[(index += 1)]))
    else if (step === 'anyOf' || step === 'oneOf' || step === 'allOf') index += 1
  }
  return parts.join('.') || 'properties'
}

/**
 * The same schema with `additionalProperties: {}` (zod's way of saying "anything") written as
 * `true`, which says the same, plainly.
 */
function statedExtras(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(statedExtras)
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    // defineProperty: a property named `__proto__` stays a property.
    Object.defineProperty(out, key, {
      value: key === 'additionalProperties' && isEmptyObject(inner) ? true : statedExtras(inner),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0
}
