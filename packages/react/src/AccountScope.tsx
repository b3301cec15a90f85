'use client'
import { type ReactNode, useMemo } from 'react'
import { IntileryContext, useIntileryContext } from './context'

/**
 * Props of {@link AccountScope}.
 *
 * @example
 * ```tsx
 * const props: AccountScopeProps = { groupId: 'acct_456' }
 * ```
 */
export interface AccountScopeProps {
  /** The account for every event fired below this scope. */
  groupId: string
  children?: ReactNode
}

/**
 * Sets the account (`context.groupId`) for the events of a subtree: a workspace panel, a child
 * account in a hierarchy. Scopes nest; the innermost wins; a call's own `context.groupId` wins over all.
 *
 * @example
 * ```tsx
 * <IntileryProvider groupId="acct_parent">
 *   <AccountScope groupId="acct_child">
 *     <InviteForm />  {/* Invite Sent carries context.groupId "acct_child" *\/}
 *   </AccountScope>
 * </IntileryProvider>
 * ```
 */
export function AccountScope({ groupId, children }: AccountScopeProps): ReactNode {
  const parent = useIntileryContext('AccountScope')
  const value = useMemo(() => ({ ...parent, groupId }), [parent, groupId])
  return <IntileryContext.Provider value={value}>{children}</IntileryContext.Provider>
}
