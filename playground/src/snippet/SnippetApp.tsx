import {
  type AnalyticsTag,
  type IntileryError,
  IntileryProvider,
  type PersonalDataMode,
  type TrackVariables,
  useIdentify,
  useInviteSent,
  useLogout,
  usePageView,
  useTrack,
  useTrackBatch,
  useTrackSignIn,
  useTrackSignUp,
  useTracker,
} from '@intilery/react'
import { useEffect, useState } from 'react'
import { allOutcomes, type Outcome, record, summarizeBatch } from './outcomes'

/** What the page gives the browser tests, as `window.snippetPage`: each function calls a hook's `mutate` in the page. */
export interface SnippetPage {
  readonly outcomes: () => readonly Outcome[]
  /** How many mutations have not settled yet. */
  readonly pending: () => number
  /** What the provider's `onError` was told. */
  readonly reported: () => readonly { readonly name: string; readonly message: string }[]
  readonly signIn: (probe: string) => void
  /** Signed Up with `properties` (the spec's, as a sign-up form sends them) and the probe. */
  readonly signUp: (probe: string, properties: SignUpProperties) => void
  readonly invite: (probe: string) => void
  /** Any event of the spec, with no property but its probe; `groupId` is the call's own account. */
  readonly track: (event: string, probe: string, groupId?: string) => void
  /** `count` Invite Sent in one `useTrackBatch` mutation, probes `${prefix}0`, `${prefix}1`… */
  readonly batch: (prefix: string, count: number) => void
  readonly logout: (probe: string) => void
  readonly identify: (userId: string) => void
  /**
   * One handler, as an app's "switch user" would run it: logout, an anonymous event with its own
   * account, then the next user signs in (identify, Signed In) and becomes the provider's user.
   */
  readonly switchUser: (next: { userId: string; signedOut: string; anonymous: string; signedIn: string }) => void
}

/** Signed Up's properties, as the spec lists them. */
export interface SignUpProperties {
  readonly type?: string
  readonly first_name?: string
  readonly last_name?: string
  readonly email?: string
  readonly phone?: string
  readonly username?: string
  readonly title?: string
}

declare global {
  interface Window {
    snippetPage?: SnippetPage
  }
}

export interface SnippetSettings {
  /** The tag given to the provider: `undefined` lets it find `window.analytics` itself. */
  readonly tag: AnalyticsTag | undefined
  readonly userId: string
  readonly groupId: string
  readonly deliveryTimeout: number | undefined
  readonly readyTimeout: number | undefined
  readonly logoutTimeout: number | undefined
  /** The provider's `personalData`: `undefined` is its default, `'send'`. */
  readonly personalData: PersonalDataMode | undefined
}

const reported: { name: string; message: string }[] = []
/** Each event's final state by its probe, as the tracker reported it. */
const settledStates = new Map<string, string>()
const onError = (error: IntileryError): void => {
  reported.push({ name: error.name, message: error.message })
}

/** The app of the snippet page: one provider, the user in state, and the hooks the tests drive. */
export function SnippetApp({ settings }: { settings: SnippetSettings }) {
  const [userId, setUserId] = useState<string | undefined>(settings.userId)
  return (
    <IntileryProvider
      tag={settings.tag}
      userId={userId}
      groupId={settings.groupId}
      deliveryTimeout={settings.deliveryTimeout}
      readyTimeout={settings.readyTimeout}
      logoutTimeout={settings.logoutTimeout}
      personalData={settings.personalData}
      onError={onError}
    >
      <PageView />
      <h1>The snippet install path</h1>
      <p data-testid="session">
        tag <code>{settings.tag === undefined ? 'window.analytics' : 'captured stub'}</code> · userId{' '}
        <code>{userId ?? 'none'}</code> · groupId <code>{settings.groupId}</code>
      </p>
      <Driver groupId={settings.groupId} setUserId={setUserId} />
    </IntileryProvider>
  )
}

/**
 * The page's first page view. The snippet sends none of its own (see snippet.js): this one goes
 * through the library, which redacts the URL, the referrer and the title, in order after the
 * identify and the group.
 */
function PageView() {
  usePageView()
  return null
}

function Driver({ groupId, setUserId }: { groupId: string; setUserId: (userId: string | undefined) => void }) {
  const { mutateAsync: signIn } = useTrackSignIn<{ probe: string }>()
  const { mutateAsync: signUp } = useTrackSignUp<{ probe: string }>()
  const { mutateAsync: invite } = useInviteSent<{ probe: string }>()
  const { mutateAsync: track } = useTrack()
  const { mutateAsync: batch } = useTrackBatch()
  const { mutateAsync: logout } = useLogout()
  const identify = useIdentify()
  const tracker = useTracker()

  // What became of each event, from the tracker's records: a batch's result only counts them.
  useEffect(
    () =>
      tracker.subscribe((change) => {
        const probe = change?.type === 'track' ? change.properties.probe : undefined
        if (typeof probe === 'string' && ['acknowledged', 'timeout', 'failed'].includes(change!.state)) {
          settledStates.set(probe, change!.state)
        }
      }),
    [tracker],
  )

  useEffect(() => {
    const status = (delivery: { status: string }, outcome: Outcome) => {
      outcome.status = delivery.status
    }
    const api: SnippetPage = {
      outcomes: allOutcomes,
      pending: () => allOutcomes().filter((outcome) => outcome.settledAt === undefined).length,
      reported: () => reported,
      signIn: (probe) =>
        record('useTrackSignIn', [probe], () => signIn({ properties: { username: 'pgibbons', probe } }), status),
      signUp: (probe, properties) =>
        record('useTrackSignUp', [probe], () => signUp({ properties: { ...properties, probe } }), status),
      invite: (probe) =>
        record(
          'useInviteSent',
          [probe],
          () => invite({ properties: { invitee_email: `${probe}@example.com`, invitee_role: 'Member', probe } }),
          status,
        ),
      track: (event, probe, groupId) =>
        record(
          'useTrack',
          [probe],
          () =>
            track({
              event,
              properties: { probe },
              ...(groupId === undefined ? {} : { context: { groupId } }),
            } as TrackVariables),
          status,
        ),
      batch: (prefix, count) => {
        const probes = Array.from({ length: count }, (_, i) => `${prefix}${i}`)
        record(
          'useTrackBatch',
          probes,
          () =>
            batch(
              probes.map((probe) => ({
                event: 'Invite Sent',
                properties: { invitee_email: `${probe}@example.com`, invitee_role: 'Member', probe },
              })),
            ),
          (result, outcome) => {
            outcome.batch = summarizeBatch(result, probes, settledStates)
          },
        )
      },
      logout: (probe) =>
        record(
          'useLogout',
          [probe],
          () => {
            // Signed Out's properties are the spec's; the probe rides along as an extra one.
            const properties = { username: 'pgibbons', probe }
            return logout({ properties })
          },
          (result, outcome) => {
            outcome.status = result.signedOut?.status ?? 'none sent'
          },
        ),
      identify,
      switchUser: ({ userId, signedOut, anonymous, signedIn }) => {
        api.logout(signedOut)
        setUserId(undefined)
        // After a logout, an event needs its own account until the app sets one again.
        api.track('Account Created', anonymous, groupId)
        identify(userId)
        api.signIn(signedIn)
        setUserId(userId)
      },
    }
    window.snippetPage = api
  }, [signIn, signUp, invite, track, batch, logout, identify, setUserId, groupId])
  return null
}
