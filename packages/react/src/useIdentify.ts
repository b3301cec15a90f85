'use client'
import { useCallback } from 'react'
import { useIntileryContext } from './context'

/**
 * Tells the tag who the user is right now, before the provider's `userId` catches up on the next
 * render. Use it in a sign-in or sign-up handler so the event that follows carries the user:
 * identify, then send. The tracker owns the identity, so when the provider then gets the same
 * `userId` and `traits`, no one is identified twice.
 *
 * @example
 * ```tsx
 * const identify = useIdentify()
 * const signIn = useTrackSignIn()
 * async function onSubmit(form: { username: string; password: string }) {
 *   const user = await api.signIn(form)
 *   identify(user.id, { email: user.email })
 *   signIn.mutate({ properties: { username: form.username } })
 *   setUser(user) // <IntileryProvider userId={user.id} traits={{ email: user.email }}>
 * }
 * ```
 */
export function useIdentify(): (userId: string, traits?: Readonly<Record<string, unknown>>) => void {
  const { tracker } = useIntileryContext('useIdentify')
  return useCallback((userId, traits) => tracker.identify(userId, traits), [tracker])
}
