'use client'
import type { Consent, Session, Tracker } from '@intilery/core'
import type { QueryClient } from '@tanstack/react-query'
import { createContext, useContext } from 'react'

/**
 * What the provider and `AccountScope` hand down: the tracker (the session's owner), the library's
 * query client, and the account of the nearest `AccountScope`, if any (the provider's account is the
 * tracker's, not the context's: one owner).
 */
export interface IntileryContextValue {
  // The catalogue's type lives in the hooks' signatures (Register); at run time a tracker is a tracker.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly tracker: Tracker<any>
  readonly client: QueryClient
  readonly scope: string | undefined
}

export const IntileryContext = createContext<IntileryContextValue | null>(null)

/** The nearest provider's value; a clear error, naming the caller, when there is none. */
export function useIntileryContext(caller: string): IntileryContextValue {
  const value = useContext(IntileryContext)
  if (value === null) {
    // A plain Error: an IntileryError would make `@intilery/react/devtools`, which shares this
    // module, import `@intilery/core` at run time, and it must load without it.
    throw new Error(`[intilery] ${caller} must be used inside <IntileryProvider>`)
  }
  return value
}

/**
 * The session a provider forwards to its tracker: what its props name (a tracker given to the
 * provider keeps what they do not), and the consent. See {@link forwardSession}.
 */
export interface ForwardedSession {
  readonly session: Session
  readonly consent: Consent | undefined
}

/**
 * The provider's session, for the components below it that tell the tag something in their own
 * insertion effects (`AccountScope`): React runs a child's insertion effect before its parent's, so
 * they forward the provider's session first. Hooks do not read it: a session change re-renders no
 * hook.
 */
export const SessionContext = createContext<ForwardedSession | null>(null)

/**
 * Hands a provider's session to its tracker; idempotent (the tracker compares by value, consent
 * included). Compared here with the tracker's snapshot, a consent changed and changed back while the
 * tracker's code loads would be lost: that snapshot is the one it was created with.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function forwardSession(tracker: Tracker<any>, { session, consent }: ForwardedSession): void {
  if (consent !== undefined) tracker.setConsent(consent)
  tracker.sync(session)
}
