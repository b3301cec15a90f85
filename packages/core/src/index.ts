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
