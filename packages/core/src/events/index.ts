/**
 * The catalogue on its own, for anywhere: the spec's ten events as zod schemas, their types, a pure
 * check that gives the exact payload the spec prints (or an error naming paths, never values), and
 * the catalogue as JSON Schema. No DOM, no tag, nothing of the browser side: it runs in Node as in a
 * browser.
 *
 * @example
 * ```ts
 * import { checkEvent } from '@intilery/core/events'
 * const checked = checkEvent({ event: 'Trial Ended', properties: { trial_plan_name: 'Business' }, userId: 'u1', groupId: 'acct_123' })
 * if (checked.ok) analytics.track(checked.payload)
 * ```
 *
 * @module @intilery/core/events
 */
import type { Validator } from '../validator'
import { checkCall } from './validate'

export { b2bSaasEvents } from './catalog'
export type { B2bSaasEvents, EventCatalog, EventName, EventProperties, SentProperties } from './catalog'
export { defineEvents } from '../defineEvents'
export { personal } from './personal'
export type { WithEvents } from '../defineEvents'
export { IntileryError, IntileryValidationError } from '../errors'
export type { ValidationIssue } from '../errors'
export { checkEvent } from './checkEvent'
export type { EventCheck, EventInput, EventPayload } from './checkEvent'
export { trackingPlan } from './trackingPlan'
export type { JsonSchema, TrackingPlan } from './trackingPlan'

/**
 * The validation code, loaded statically: `createTracker({ validator })` checks events from the
 * first one, with no lazy chunk (tests, servers).
 *
 * @example
 * ```ts
 * import { createTracker } from '@intilery/core'
 * import { validator } from '@intilery/core/events'
 * const tracker = createTracker({ validator })
 * ```
 */
export const validator: Validator = { checkCall }
