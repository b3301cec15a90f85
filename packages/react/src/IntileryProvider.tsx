'use client'
import { type Consent, createTracker, type Declaration, type Session, type Tracker } from '@intilery/core'
import { QueryClient } from '@tanstack/react-query'
import { type ReactNode, useEffect, useMemo, useState } from 'react'
import { declare, IntileryContext, type IntileryContextValue } from './context'
import type { IntileryProviderProps, RegisteredTracker } from './IntileryProviderProps'

/**
 * Supplies the session — the account and the user — and the tracker to every Intilery hook below it.
 * Wrap the app's root in it. Every event a hook below sends carries the session of the render that
 * sent it (so an event sent as a page mounts carries the user and account of that render), and the
 * provider tells the tracker after each commit, for when no event does: never on the server, once
 * per change under StrictMode. It makes its tracker without side effects, starts it when mounted and
 * stops what it started when unmounted. It never wraps the app in a `QueryClientProvider`.
 *
 * @example
 * ```tsx
 * import { IntileryProvider } from '@intilery/react'
 *
 * root.render(
 *   <IntileryProvider groupId={account.id} userId={user.id} traits={{ email: user.email }}>
 *     <App />
 *   </IntileryProvider>,
 * )
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function IntileryProvider<T extends Tracker<any> = RegisteredTracker>(props: IntileryProviderProps<T>): ReactNode
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function IntileryProvider(props: IntileryProviderProps<Tracker<any>>): ReactNode {
  const { children, userId, traits, groupId, groupTraits, consent, queryClient, tracker: given, ...settings } = props
  // Made without side effects (no code loads, no tag is read): it starts when mounted, below.
  const [own] = useState(() => (given ? undefined : createTracker({ ...settings, consent: consent ?? 'granted' })))
  const tracker = given ?? own!
  const [ownClient] = useState(createLibraryClient)
  const client = queryClient ?? ownClient
  // Once the app has said what the consent is, an undefined consent no longer says it: pending.
  const [consentGiven, setConsentGiven] = useState(consent !== undefined)
  if (consent !== undefined && !consentGiven) setConsentGiven(true)
  const declaredConsent = consent ?? (consentGiven ? 'pending' : given ? undefined : 'granted')
  // What the props say of the session, by value. A tracker given keeps what they do not name.
  const session: Session = {
    ...(!given || 'userId' in props ? { userId, traits } : {}),
    ...(!given || 'groupId' in props ? { groupId, groupTraits } : {}),
  }
  const key = sessionKey(session, declaredConsent)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the declaration changes when its value does
  const declaration = useMemo<Declaration>(() => ({ session, consent: declaredConsent }), [key])
  const value = useMemo<IntileryContextValue>(() => ({ tracker, client, declaration }), [tracker, client, declaration])
  // The tracker starts with the provider, and stops what it started once it is unmounted (counted,
  // so StrictMode's simulated unmount leaves it running).
  useEffect(() => tracker.mount(), [tracker])
  useEffect(() => {
    if (!given) tracker.configure(settings)
  })
  // Events carry this render's session themselves; this tells the tag when no event does.
  useEffect(() => declare(value), [value])
  return <IntileryContext.Provider value={value}>{children}</IntileryContext.Provider>
}

/** A session and consent by value (which of its keys are given too); traits JSON cannot hold count as changed on every render. */
function sessionKey(session: Session, consent: Consent | undefined): string | object {
  try {
    return JSON.stringify([session, consent, Object.keys(session)])
  } catch {
    return {}
  }
}

/**
 * The library's own client: nothing of the app's (its defaults, handlers, devtools) sees analytics.
 * It needs no defaults: every hook's observer sets `gcTime`, `networkMode` and `retry` itself, on
 * the app's client too.
 */
function createLibraryClient(): QueryClient {
  return new QueryClient()
}
