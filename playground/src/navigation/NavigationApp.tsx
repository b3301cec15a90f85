import {
  type AnalyticsTag,
  IntileryProvider,
  useIdentify,
  useInviteSent,
  useLogout,
  usePageView,
  useTrackAccountCreated,
  useTrackAccountDeleted,
  useTrackBatch,
  useTrackSignIn,
  useTrackSignUp,
} from '@intilery/react'
import { Activity, useState } from 'react'

/**
 * What one click on `#go` does, set by the browser tests as `window.navAction` before they click:
 * - `track`: `n` Invite Sent, one `mutate` each (probes `e0`, `e1`…); `direct`: the same events
 *   as direct calls of the tag's `track` instead (the no-library twin);
 * - `batch`: `n` Invite Sent in one `useTrackBatch` mutation;
 * - `signUp`: Account Created (no user yet, its own account), then `identify`, the provider's new
 *   user and Signed Up, as the README's sign-up flow does;
 * - `logout`: `n` Invite Sent, then `useLogout`;
 * - `switchUser`: logout, then `to` signs in (identify, Signed In, the provider's new user);
 * - `deleteAccount`: Account Deleted.
 * With `leave`, the handler then navigates to `/nav/app` (same query), as an app's redirect does.
 */
export type NavAction =
  | { readonly kind: 'track' | 'batch' | 'direct' | 'logout'; readonly n: number; readonly leave?: boolean }
  | { readonly kind: 'signUp'; readonly userId: string; readonly leave?: boolean }
  | { readonly kind: 'switchUser'; readonly to: string; readonly leave?: boolean }
  | { readonly kind: 'deleteAccount'; readonly leave?: boolean }

declare global {
  interface Window {
    navAction?: NavAction
  }
}

export interface NavigationSettings {
  /** The tag given to the provider: undefined lets it find `window.analytics` (the snippet's). */
  readonly tag: AnalyticsTag | undefined
  /** The tag the page calls directly (the twin): the npm build, or `window.analytics` when called. */
  readonly directTag: () => AnalyticsTag | undefined
  readonly userId: string | undefined
  readonly groupId: string | undefined
}

/** The user's traits, as the app's backend gives them: the provider's and the sign-in's alike. */
const traitsOf = (userId: string) => ({ email: `${userId}@example.com` })

/** The page the tests start from: one provider, the user in state, and `#go`. */
export function StartScreen({ settings }: { settings: NavigationSettings }) {
  const [userId, setUserId] = useState(settings.userId)
  return (
    <IntileryProvider
      tag={settings.tag}
      userId={userId}
      traits={userId === undefined ? undefined : traitsOf(userId)}
      groupId={settings.groupId}
    >
      <h1>Track, then leave the page</h1>
      <p data-testid="user">{userId ?? 'anonymous'}</p>
      <Go settings={settings} setUserId={setUserId} />
    </IntileryProvider>
  )
}

function Go({
  settings,
  setUserId,
}: {
  settings: NavigationSettings
  setUserId: (userId: string | undefined) => void
}) {
  const invite = useInviteSent<{ probe: string }>()
  const batch = useTrackBatch()
  const accountCreated = useTrackAccountCreated<{ probe: string }>()
  const accountDeleted = useTrackAccountDeleted<{ probe: string }>()
  const signUp = useTrackSignUp<{ probe: string }>()
  const signIn = useTrackSignIn<{ probe: string }>()
  const logout = useLogout()
  const identify = useIdentify()

  const invitation = (probe: string) => ({ invitee_email: `${probe}@example.com`, invitee_role: 'Member', probe })
  const probes = (n: number) => Array.from({ length: n }, (_, i) => `e${i}`)

  const run = (action: NavAction): void => {
    switch (action.kind) {
      case 'track':
        for (const probe of probes(action.n)) invite.mutate({ properties: invitation(probe) })
        break
      case 'direct': {
        const tag = settings.directTag()
        for (const probe of probes(action.n)) void tag?.track('Invite Sent', invitation(probe))
        break
      }
      case 'batch':
        batch.mutate(probes(action.n).map((probe) => ({ event: 'Invite Sent', properties: invitation(probe) })))
        break
      case 'signUp':
        // No user yet: the new account is named in the call.
        accountCreated.mutate({
          properties: { account_name: 'Initech', probe: 'account-created' },
          context: { groupId: 'acct_new' },
        })
        // The backend has created the user: identify first, so that Signed Up carries them.
        identify(action.userId, traitsOf(action.userId))
        setUserId(action.userId)
        signUp.mutate({
          properties: { type: 'organic', email: `${action.userId}@example.com`, probe: 'signed-up' },
          context: { groupId: 'acct_new' },
        })
        break
      case 'logout': {
        for (const probe of probes(action.n)) invite.mutate({ properties: invitation(probe) })
        const properties = { username: 'pgibbons', probe: 'signed-out' }
        logout.mutate({ properties })
        setUserId(undefined)
        break
      }
      case 'switchUser': {
        const properties = { username: 'pgibbons', probe: 'signed-out' }
        logout.mutate({ properties })
        identify(action.to, traitsOf(action.to))
        signIn.mutate({ properties: { username: action.to, probe: 'signed-in' } })
        setUserId(action.to)
        break
      }
      case 'deleteAccount':
        accountDeleted.mutate({ properties: { account_name: 'Initech', probe: 'account-deleted' } })
        break
    }
    if (action.leave) window.location.assign(`/nav/app${window.location.search}`)
  }

  return (
    <button
      id="go"
      type="button"
      onClick={() => {
        if (window.navAction) run(window.navAction)
      }}
    >
      Go
    </button>
  )
}

/** The page a redirect lands on: the tag loads (and sends what the last page left it), nothing else. */
export function LandingScreen() {
  return <h1>Landed</h1>
}

const screens = ['Team', 'Billing'] as const

/** Two screens kept alive with `<Activity>`, each sending its page view when shown. */
export function ActivityScreen({ settings }: { settings: NavigationSettings }) {
  const [shown, setShown] = useState<(typeof screens)[number]>('Team')
  return (
    <IntileryProvider tag={settings.tag} userId={settings.userId} groupId={settings.groupId}>
      <h1>Screens kept alive</h1>
      <nav>
        {screens.map((screen) => (
          <button key={screen} id={screen.toLowerCase()} type="button" onClick={() => setShown(screen)}>
            {screen}
          </button>
        ))}
      </nav>
      {screens.map((screen) => (
        <Activity key={screen} mode={shown === screen ? 'visible' : 'hidden'}>
          <Screen name={screen} />
        </Activity>
      ))}
    </IntileryProvider>
  )
}

function Screen({ name }: { name: string }) {
  usePageView(name)
  return <p data-testid="screen">{name}</p>
}
