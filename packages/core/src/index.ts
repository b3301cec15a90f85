/**
 * The framework-free core of intilery-react: the Intilery B2B SaaS spec as zod schemas, the tracker
 * (validation, the ordered queue in front of the tag, exactly-once handoff, consent) and the logout
 * sequence. No React anywhere: usable from plain TypeScript.
 *
 * @example
 * ```ts
 * import { createTracker, logout } from '@intilery/core'
 * const tracker = createTracker({ tag: window.analytics })
 * await tracker.track('Signed In', { username: 'pgibbons' }, { account: 'acct_123' })
 * await logout(tracker, { account: 'acct_123' })
 * ```
 *
 * @module @intilery/core
 */
export { b2bSaasEvents } from './events'
export type { B2bSaasEvents, EventCatalog, EventName, EventProperties, SentProperties } from './events'
export {
  IntileryError,
  IntileryQueueOverflowError,
  IntileryTagError,
  IntileryTimeoutError,
  IntileryValidationError,
} from './errors'
export type { TagFailure, ValidationIssue } from './errors'
export type { AnalyticsTag, TagCallback, TagSource } from './tag'
export { createTracker } from './tracker'
export type {
  Consent,
  Delivery,
  DeliveryStatus,
  EventNaming,
  EventRecord,
  TrackerOptions,
  TrackPayload,
  Tracker,
  TrackTarget,
  ValidationMode,
} from './tracker'
export { logout } from './logout'
export type { LogoutOptions, LogoutResult } from './logout'
