'use client'
import type { EventProperties, IntileryError, LogoutResult } from '@intilery/core'
import type { UseMutationResult } from '@tanstack/react-query'
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
 * Logs the user out through the tracker's `logout()`: sends Signed Out (with the user's identity and
 * the current account), then resets the tag, then resolves. Every event fired after the call carries
 * no identity. The reset happens even when Signed Out is invalid, the tag throws or never answers
 * (then it rejects, after the reset), and whatever the consent, within the provider's
 * `logoutTimeout` (default 1 s). A second call while one runs, or with no sign-in since the last,
 * sends no second Signed Out. Its mutation is keyed `['intilery', 'Signed Out']`.
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
  return useEventMutation(
    'useLogout',
    'Signed Out',
    ({ tracker, scope }, variables: LogoutVariables | void) =>
      tracker.logout({
        properties: variables?.properties,
        groupId: variables?.context?.groupId,
        account: scope,
      }),
    options,
  )
}
