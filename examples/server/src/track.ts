import { checkEvent, type EventInput, type WithEvents } from '@intilery/core/events'
import type { Analytics } from '@segment/analytics-node'
import { plan } from './plan.js'

/** The spec's ten events and the app's own. */
export type Events = WithEvents<typeof plan>

/** The name of one of them. */
export type EventName = keyof Events

/** One event, for one user of one account: a server serves many, so it names both on every call. */
export type ServerEvent<E extends EventName> = EventInput<E, Events> & { readonly userId: string }

/** Sends one event, or throws an `IntileryValidationError` (paths, never values) and sends nothing. */
export type Track = <E extends EventName>(input: ServerEvent<E>) => void

/**
 * A `track` that checks each event against the catalogue, then hands analytics-node exactly the
 * payload the spec prints: `userId`, `type`, `event`, `properties` (dates as ISO strings) and
 * `context.groupId`. analytics-node batches it; a failed delivery is its `error` event.
 */
export function createTrack(analytics: Analytics): Track {
  return (input) => {
    const checked = checkEvent(input, { events: plan })
    if (!checked.ok) throw checked.error
    analytics.track(checked.payload)
  }
}
