import type { B2bSaasEvents, EventCatalog } from '@intilery/core'

/**
 * Teaches the global hooks (`useTrack`, `useTrackBatch`) an app's own events. Augment it once with
 * the catalogue from {@link defineEvents}, and give the same catalogue to the provider's `events`
 * prop so they are validated by their schemas.
 *
 * @example
 * ```ts
 * // analytics.ts
 * export const plan = defineEvents({ 'Report Exported': z.object({ format: z.enum(['csv', 'pdf']) }) })
 *
 * declare module '@intilery/react' {
 *   interface Register {
 *     events: typeof plan.events
 *   }
 * }
 * // <IntileryProvider events={plan.events}> … useTrack().mutate({ event: 'Report Exported', … })
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface for apps to augment
export interface Register {}

/**
 * The catalogue the global hooks know: the one an app registered in {@link Register}, else the
 * spec's ten events.
 *
 * @example
 * ```ts
 * type Names = keyof RegisteredEvents // 'Signed In' | … (| 'Report Exported' once registered)
 * ```
 */
export type RegisteredEvents = Register extends { events: infer C extends EventCatalog } ? C : B2bSaasEvents
