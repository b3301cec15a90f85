import type { B2bSaasEvents, EventCatalog } from './events/catalog'

/**
 * The spec's catalogue with an app's own events added (an app's event of the same name wins).
 *
 * @example
 * ```ts
 * import * as z from 'zod/mini'
 * type Plan = WithEvents<{ 'Report Exported': z.ZodMiniObject<{ format: z.ZodMiniString }> }>
 * ```
 */
export type WithEvents<T extends EventCatalog> = [keyof T] extends [never]
  ? B2bSaasEvents
  : Omit<B2bSaasEvents, keyof T> & T

/**
 * Declares an app's own events — its tracking plan — as zod schemas (zod or zod/mini), one per
 * event name. This is the one path for custom events: give the result to the provider (`events`)
 * or to `createTracker({ events })`, and register its type once (see `Register` in
 * `@intilery/react`) so the hooks know the names and properties. The same object validates on the
 * server (`checkEvent` in `@intilery/core/events`) and prints as JSON Schema. Wrap a property's
 * schema in `personal(…)` (from `@intilery/core/events`) when it holds personal data (an email, a
 * name).
 *
 * @example
 * ```ts
 * import * as z from 'zod/mini'
 * import { defineEvents, personal } from '@intilery/core/events'
 *
 * export const plan = defineEvents({
 *   'Report Exported': z.object({ format: z.enum(['csv', 'pdf']), rows: z.optional(z.number()) }),
 *   'Report Shared': z.object({ recipient_email: personal(z.email()) }),
 * })
 * ```
 */
export function defineEvents<const T extends EventCatalog>(events: T): T {
  return events
}
