'use client'
import type { Declaration, GroupTraits } from '@intilery/core'
import { type ReactNode, useEffect, useMemo } from 'react'
import { declare, IntileryContext, useIntileryContext } from './context'

/**
 * Props of {@link AccountScope}.
 *
 * @example
 * ```tsx
 * const props: AccountScopeProps = { groupId: 'acct_456', groupTraits: { name: 'Initrode' } }
 * ```
 */
export interface AccountScopeProps {
  /** The account for every event fired below this scope. */
  groupId: string
  /**
   * The account's traits. When given, the tag is told with `group(groupId, groupTraits)` when the
   * scope mounts, when they change by value, and when the provider's `userId` changes (the next
   * user signed in after a logout is told too). After a logout, nothing is told until a user is
   * identified or the app sets an account. The provider's current account stays what it was.
   */
  groupTraits?: GroupTraits | undefined
  children?: ReactNode
}

/**
 * Sets the account (`context.groupId`) for the events of a subtree: a workspace panel, a child
 * account in a hierarchy. Scopes nest; the innermost wins; a call's own `context.groupId` wins over all.
 *
 * @example
 * ```tsx
 * <IntileryProvider groupId="acct_parent">
 *   <AccountScope groupId="acct_child" groupTraits={{ name: 'Initech Labs' }}>
 *     <InviteForm />  {/* Invite Sent carries context.groupId "acct_child" *\/}
 *   </AccountScope>
 * </IntileryProvider>
 * ```
 */
export function AccountScope({ groupId, groupTraits, children }: AccountScopeProps): ReactNode {
  const parent = useIntileryContext('AccountScope')
  const key = traitsKey(groupId, groupTraits)
  const declaration = useMemo<Declaration>(
    () => ({ parent: parent.declaration, scope: { groupId, traits: groupTraits } }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the declaration changes when its value does
    [parent.declaration, key],
  )
  const value = useMemo(() => ({ ...parent, declaration }), [parent, declaration])
  // Events below carry this scope (and its traits) themselves; this tells the tag when none does.
  useEffect(() => declare(value), [value])
  return <IntileryContext.Provider value={value}>{children}</IntileryContext.Provider>
}

/** The account and its traits by value; traits JSON cannot hold count as changed on every render. */
function traitsKey(groupId: string, traits: GroupTraits | undefined): string | object {
  try {
    return JSON.stringify([groupId, traits ?? null])
  } catch {
    return {}
  }
}
