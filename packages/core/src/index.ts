/**
 * The framework-free core of intilery-react: the tracker, owner of the session (the user, the
 * account, consent, logout), with the ordered queue in front of the tag and exactly-once handoff.
 * No React anywhere: usable from plain TypeScript. The spec's zod schemas and the checks live in
 * `@intilery/core/events`; the tracker loads them lazily, off the critical path.
 *
 * @example
 * ```ts
 * import { createTracker } from '@intilery/core'
 * const tracker = createTracker({ userId: '019mr8mf4r', groupId: 'acct_123' })
 * await tracker.track('Signed In', { username: 'pgibbons' })
 * await tracker.logout({ properties: { username: 'pgibbons' } })
 * ```
 *
 * @module @intilery/core
 */
export { defineEvents } from './defineEvents'
export type { WithEvents } from './defineEvents'
export type { B2bSaasEvents, EventCatalog, EventName, EventProperties, SentProperties } from './events/catalog'
export {
  IntileryError,
  IntileryQueueOverflowError,
  IntileryTagError,
  IntileryTimeoutError,
  IntileryValidationError,
} from './errors'
export type { TagFailure, ValidationIssue } from './errors'
export type { AnalyticsTag, TagCallback, TagSource } from './tag'
export { createTracker } from './createTracker'
export type {
  Clock,
  Consent,
  Declaration,
  Delivery,
  DeliveryStatus,
  EventNaming,
  EventRecord,
  GroupTraits,
  LogoutOptions,
  LogoutResult,
  PersonalDataMode,
  Session,
  Tracker,
  TrackerOptions,
  TrackerSnapshot,
  TrackPayload,
  TrackerEngine,
  TrackTarget,
  HandoffState,
  ValidationMode,
} from './types'
export type { Settings } from './settings'
export type { Validator } from './validator'
export type { CheckInput, Checked } from './events/validate'
