import type { EventCatalog, WithEvents } from '@intilery/core'

/**
 * Teaches the hooks an app's own events. Register the catalogue from `defineEvents` once, and give
 * the same object to the provider's `events` prop (which then becomes required, so the two cannot
 * drift apart): `useTrack`, `useTrackBatch` and `useTrackEvent` then know its names and properties,
 * and validate them by its schemas.
 *
 * @example
 * ```ts
 * // analytics.ts
 * import * as z from 'zod/mini'
 * import { defineEvents } from '@intilery/react'
 *
 * export const plan = defineEvents({ 'Report Exported': z.object({ format: z.enum(['csv', 'pdf']) }) })
 *
 * declare module '@intilery/react' {
 *   interface Register {
 *     events: typeof plan
 *   }
 * }
 * // <IntileryProvider events={plan}> … useTrack().mutate({ event: 'Report Exported', properties: { format: 'csv' } })
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface for apps to augment
export interface Register {}

/**
 * The app's own events as registered in {@link Register}, or none.
 *
 * @example
 * ```ts
 * type Mine = keyof RegisteredCatalog // 'Report Exported', once registered
 * ```
 */
export type RegisteredCatalog = Register extends { events: infer C extends EventCatalog } ? C : {}

/**
 * The catalogue the hooks know: the spec's ten events and the app's own registered in
 * {@link Register}.
 *
 * @example
 * ```ts
 * type Names = keyof RegisteredEvents // 'Signed In' | … (| 'Report Exported' once registered)
 * ```
 */
export type RegisteredEvents = WithEvents<RegisteredCatalog>
