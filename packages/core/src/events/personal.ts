import type { $ZodType } from 'zod/v4/core'

/**
 * The mark a property's schema carries when it holds personal data. `Symbol.for`, so that the
 * marks are read (marks.ts) without this module, which the validation chunk holds, and two copies
 * of the package agree.
 */
const MARK = /* @__PURE__ */ Symbol.for('intilery.personalData')

/**
 * Marks a property's zod schema as personal data (an email, a name, a phone number, a username
 * that identifies a person): the tracking plan says so (`"x-personal-data": true`), the guard lets
 * the property carry personal data, `personalData: 'omit'` removes it before the tag, and the
 * devtools mask it. Returns a marked copy: the schema given is not changed, so one schema can be
 * used marked in one place and not in another. The type is the schema's own, so the event's types
 * do not change. The mark holds through `z.optional(…)` and later checks (`.check(…)`). From
 * `@intilery/core/events`, beside the spec's own schemas: the main entry stays free of them.
 *
 * @example
 * ```ts
 * import * as z from 'zod/mini'
 * import { defineEvents, personal } from '@intilery/core/events'
 *
 * export const plan = defineEvents({
 *   'Report Shared': z.object({
 *     format: z.enum(['csv', 'pdf']),
 *     recipient_email: personal(z.email()),
 *     recipient_name: z.optional(personal(z.string())),
 *   }),
 * })
 * ```
 */
export function personal<T extends $ZodType>(schema: T): T {
  const zod = schema._zod as unknown as { constr: new (def: unknown) => T; def: object }
  // zod's own copy, with a link back to the original (zod's metadata follows it). The definition
  // carries the mark too: zod copies it into every later copy (`.check(…)`), and zod 4.0 links
  // such a copy to nothing.
  const marked = new zod.constr({ ...zod.def, [MARK]: true })
  ;(marked._zod as { parent?: unknown }).parent = schema
  Object.defineProperty(marked, MARK, { value: true })
  return marked
}
