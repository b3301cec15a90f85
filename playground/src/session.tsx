import { createContext, useContext, useMemo, useState } from 'react'

/** The user and account of the spec's examples. */
export const demoUser = { id: '019mr8mf4r', username: 'pgibbons' } as const
export const demoAccount = { id: 'acct_123', name: 'Initech' } as const

/** The accounts the playground knows, with the traits the provider sends with group(). */
const accounts: Readonly<Record<string, { name: string; plan: string }>> = {
  acct_123: { name: 'Initech', plan: 'Business' },
  acct_456: { name: 'Initrode', plan: 'Team' },
}

/** An account's traits for `group()`: its name and plan. */
export function accountTraits(groupId: string): { name: string; plan: string } | undefined {
  return accounts[groupId]
}

/** The app's own session: who is signed in and which account is open. It feeds `IntileryProvider`. */
export interface Session {
  readonly userId: string | undefined
  readonly groupId: string
  /**
   * Signs a user in: the provider gets their id on the next render. To send an event at once that
   * carries it, call `useIdentify()`'s function first (the sign-in and sign-up stories do).
   */
  signIn(userId: string): void
  signOut(): void
  switchAccount(groupId: string): void
}

export const SessionContext = createContext<Session | null>(null)

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (session === null) throw new Error('useSession must be used inside <SessionContext.Provider>')
  return session
}

/** Holds the session. Starts signed in as the spec's user, in the spec's account. */
export function useSessionState(): Session {
  const [userId, setUserId] = useState<string | undefined>(demoUser.id)
  const [groupId, setGroupId] = useState<string>(demoAccount.id)
  return useMemo(
    () => ({
      userId,
      groupId,
      signIn: setUserId,
      signOut: () => setUserId(undefined),
      switchAccount: setGroupId,
    }),
    [userId, groupId],
  )
}
