/**
 * React hooks and components that send Intilery's B2B SaaS lifecycle events, typed and validated,
 * through the Intilery browser tag.
 *
 * @example
 * ```tsx
 * import { IntileryProvider, useTrackSignIn } from '@intilery/react'
 *
 * function SignIn() {
 *   const signIn = useTrackSignIn()
 *   return <button onClick={() => signIn.mutate({ properties: { username: 'pgibbons' } })}>Sign in</button>
 * }
 *
 * root.render(<IntileryProvider groupId="acct_123" userId="019mr8mf4r"><SignIn /></IntileryProvider>)
 * ```
 *
 * @module @intilery/react
 */
export { IntileryProvider } from './IntileryProvider'
export type {
  EventsProp,
  GivenTrackerProps,
  IntileryProviderProps,
  KnowsRegisteredEvents,
  RegisteredTracker,
  SessionProps,
  TrackerProps,
} from './IntileryProviderProps'
export { AccountScope } from './AccountScope'
export type { AccountScopeProps } from './AccountScope'
export {
  useInviteSent,
  useTrackAccountAddedUser,
  useTrackAccountCreated,
  useTrackAccountDeleted,
  useTrackAccountRemovedUser,
  useTrackSignIn,
  useTrackSignOut,
  useTrackSignUp,
  useTrackTrialEnded,
  useTrackTrialStarted,
} from './hooks'
export type { EventArgs, EventHook, EventMutation, EventVariables } from './hooks'
export { useTrack } from './useTrack'
export type { TrackVariables } from './useTrack'
export { useTrackEvent } from './useTrackEvent'
export { BATCH_FAILURES_KEPT, useTrackBatch } from './useTrackBatch'
export type { BatchResult } from './useTrackBatch'
export type { Register, RegisteredCatalog, RegisteredEvents } from './Register'
export { useIdentify } from './useIdentify'
export { useLogout } from './useLogout'
export type { LogoutVariables } from './useLogout'
export { usePageView } from './usePageView'
export { useTracker } from './useTracker'
export type { EventMutationOptions } from './useEventMutation'
export {
  createTracker,
  defineEvents,
  IntileryError,
  IntileryQueueOverflowError,
  IntileryTagError,
  IntileryTimeoutError,
  IntileryValidationError,
} from '@intilery/core'
export type {
  AnalyticsTag,
  Consent,
  Delivery,
  DeliveryStatus,
  EventCatalog,
  EventName,
  EventNaming,
  EventProperties,
  EventRecord,
  GroupTraits,
  HandoffState,
  LogoutOptions,
  LogoutResult,
  PersonalDataMode,
  Session,
  Settings,
  Tracker,
  TrackerOptions,
  TrackerSnapshot,
  TrackPayload,
  TrackTarget,
  ValidationIssue,
  ValidationMode,
  WithEvents,
} from '@intilery/core'
