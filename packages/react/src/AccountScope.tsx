'use client'
import type { GroupTraits } from '@intilery/core'
import { type ReactNode, useContext, useInsertionEffect, useMemo, useRef } from 'react'
import { forwardSession, IntileryContext, SessionContext, useIntileryContext } from './context'

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
  const { tracker } = parent
  const session = useContext(SessionContext)
  // The traits go to the tag before any child's effect can send, once per change by value and per
  // user. This insertion effect runs before the provider's in a commit, so it forwards the
  // provider's session first: the group call then carries the user of this render.
  const told = useRef<string | undefined>(undefined)
  const userId = session?.session.userId
  useInsertionEffect(() => {
    if (groupTraits === undefined) return
    const key = traitsKey(groupId, groupTraits, userId)
    if (key !== undefined && key === told.current) return
    told.current = key
    if (session !== null) forwardSession(tracker, session)
    tracker.group(groupId, groupTraits, { current: false })
  })
  const value = useMemo(() => ({ ...parent, scope: groupId }), [parent, groupId])
  return <IntileryContext.Provider value={value}>{children}</IntileryContext.Provider>
}

/** The account and its traits by value, and the user told of them; traits JSON cannot hold count as changed. */
function traitsKey(groupId: string, traits: GroupTraits, userId: string | undefined): string | undefined {
  try {
    return JSON.stringify([groupId, traits, userId ?? null])
  } catch {
    return undefined
  }
}
