'use client'
import type { EventProperties, IntileryError, LogoutResult } from '@intilery/core'
import type { UseMutationResult } from '@tanstack/react-query'
import { type IntileryContextValue, scopeOf } from './context'
import { type EventMutationOptions, useEventMutation } from './useEventMutation'

/**
 * What `useLogout()`'s `mutate` takes, all optional: Signed Out's properties and the account.
 *
 * @example
 * ```ts
 * const variables: LogoutVariables = { properties: { username: 'pgibbons' } }
 * ```
 */
export interface LogoutVariables {
  properties?: EventProperties<'Signed Out'>
  context?: { groupId?: string | undefined }
}

/**
 * Logs the user out through the tracker's `logout()`: Signed Out (with the user's identity and the
 * account), then the tag's reset, in one step, so every event fired after it carries no identity.
 * It resolves with Signed Out's delivery, like an event's: `acknowledged`, `timeout`, `queued` (no
 * tag has loaded within the provider's `logoutTimeout`, or consent is pending: Signed Out and the
 * reset go out, in order, the moment the tag is there) or `discarded` (consent denied; the reset
 * still happens). It never fails because the tag is absent or slow; it rejects only for an invalid
 * Signed Out in `'throw'` mode (or a tag that throws), after the reset. A second call while one
 * runs, or with no sign-in since the last, sends no second Signed Out. Its mutation is keyed
 * `['intilery', 'Signed Out']`.
 *
 * @example
 * ```tsx
 * function LogoutButton() {
 *   const logout = useLogout()
 *   return <button onClick={() => logout.mutate({ properties: { username: 'pgibbons' } }, { onSettled: () => navigate('/login') })}>Log out</button>
 * }
 * ```
 */
export function useLogout<TOnMutateResult = unknown>(
  options?: EventMutationOptions<LogoutResult, LogoutVariables | void, TOnMutateResult>,
): UseMutationResult<LogoutResult, IntileryError, LogoutVariables | void, TOnMutateResult> {
  return useEventMutation('useLogout', 'Signed Out', logout, options)
}

/** Logs out through the tracker, for the account of the nearest scope unless the call names one. */
const logout = ({ tracker, declaration }: IntileryContextValue, variables: LogoutVariables | void) =>
  tracker.logout({
    properties: variables?.properties,
    groupId: variables?.context?.groupId,
    account: scopeOf(declaration),
  })
