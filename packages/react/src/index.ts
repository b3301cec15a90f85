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
export type { IntileryProviderProps } from './IntileryProvider'
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
export type { EventHook, EventMutation, EventVariables } from './hooks'
export { useTrack } from './useTrack'
export { useTrackBatch } from './useTrackBatch'
export type { BatchResult } from './useTrackBatch'
export type { TrackVariables } from './useTrack'
export { defineEvents } from './defineEvents'
export type { EventKit, WithEvents } from './defineEvents'
export type { Register, RegisteredEvents } from './Register'
export { useIdentify } from './useIdentify'
export { useLogout } from './useLogout'
export type { LogoutVariables } from './useLogout'
export type { EventMutationOptions } from './useEventMutation'
export {
  IntileryError,
  IntileryQueueOverflowError,
  IntileryTagError,
  IntileryTimeoutError,
  IntileryValidationError,
  b2bSaasEvents,
} from '@intilery/core'
export type {
  AnalyticsTag,
  Consent,
  Delivery,
  DeliveryStatus,
  EventName,
  EventNaming,
  EventProperties,
  EventRecord,
  LogoutResult,
  TrackPayload,
  ValidationIssue,
  ValidationMode,
} from '@intilery/core'
