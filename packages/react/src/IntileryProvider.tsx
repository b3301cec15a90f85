'use client'
import {
  type AnalyticsTag,
  type Consent,
  createTracker,
  type Declaration,
  type EventCatalog,
  type EventNaming,
  type GroupTraits,
  type IntileryError,
  type Session,
  type Tracker,
  type TrackerOptions,
  type ValidationMode,
} from '@intilery/core'
import { QueryClient } from '@tanstack/react-query'
import { type ReactNode, useEffect, useMemo, useState } from 'react'
import { declare, IntileryContext, type IntileryContextValue } from './context'
import type { Register } from './Register'

/**
 * The props of {@link IntileryProvider} that apply whether it makes its tracker or is given one: who
 * events belong to (the user and the account), the user's consent, the react-query client and the
 * children. The provider forwards the session and consent to the tracker, which acts only on what
 * changed by value.
 *
 * @example
 * ```tsx
 * const session: SessionProps = { userId: '019mr8mf4r', groupId: 'acct_123', groupTraits: { name: 'Initech' } }
 * ```
 */
export interface SessionProps {
  children?: ReactNode
  /** The signed-in user. When set or changed, the tag is told once with `identify(userId, traits)`. Becoming undefined resets no one: only logout does. */
  userId?: string | undefined
  /** The user's traits, sent with `identify`. A change by value identifies again — but never a user who has logged out. */
  traits?: Readonly<Record<string, unknown>> | undefined
  /** The current account: every event's `context.groupId` unless a scope or the call gives another. The tag is told with `group(groupId, groupTraits)` when it changes. */
  groupId?: string | undefined
  /** The account's traits (`name`, `plan`, any other key), sent with `group()` when they change by value; not again after a logout until the app sets an account again. */
  groupTraits?: GroupTraits | undefined
  /**
   * The user's consent to analytics: `'granted'` (default with the provider's own tracker) sends;
   * `'pending'` holds every call (identify included) in order, bounded, until it changes; `'denied'`
   * sends nothing and discards what waits, at once. A logout clears the tag's stored identity
   * whatever it is. Once given, a value that becomes `undefined` counts as `'pending'`: the app no
   * longer says.
   */
  consent?: Consent | undefined
  /**
   * The react-query client for the library's mutations. Default: one of the library's own, so
   * analytics never shows in the app's cache, its global handlers, `useIsMutating` or its devtools.
   * Give one only to see analytics there: every mutation is keyed `['intilery', …]`.
   */
  queryClient?: QueryClient | undefined
}

/**
 * The settings of the tracker the provider makes from its props (when no `tracker` is given).
 *
 * @example
 * ```tsx
 * const settings: TrackerProps = { validation: 'report', deliveryTimeout: 500 }
 * ```
 */
export interface TrackerProps {
  tracker?: undefined
  /** The analytics.js-compatible tag. Default: `window.analytics`, read when first needed (never on the server); a snippet's stub is followed to the real instance. */
  tag?: AnalyticsTag | undefined
  /** `'throw'` (default outside production), `'report'` (default in production) or `'off'`. */
  validation?: ValidationMode | undefined
  /** Gets errors no mutation can carry: validation in `'report'` mode, queue overflow, a tag failing on identify, group or reset, invalid settings. */
  onError?: ((error: IntileryError) => void) | undefined
  /** How long to wait for the tag's confirmation of an event, from its own handoff, in ms (plus 50 ms of grace, for a tag that confirms right at its own timeout). Default 300. */
  deliveryTimeout?: number | undefined
  /** How long an event waits for the tag to load before it settles as `'queued'`, in ms. Default 1000. */
  readyTimeout?: number | undefined
  /** How long Signed Out waits for the tag to load before the logout resolves with it `'queued'`, in ms. Default 1000. */
  logoutTimeout?: number | undefined
  /** The most calls held while the tag loads. Default 1000. Read once, at mount. */
  queueLimit?: number | undefined
  /** `'spec'` (default), or `'object-action'` to send "User Signed Up", "User Signed In" and "User Signed Out". */
  eventNaming?: EventNaming | undefined
  /**
   * Where the validation code comes from: by default it loads lazily, in its own chunk, in parallel
   * with the tag. `validator` from `@intilery/core/events` checks from the first event (tests). Read once, at mount.
   */
  validator?: TrackerOptions['validator']
  /**
   * Where the tracker's own code comes from: by default it loads lazily, in its own chunk, in
   * parallel with the tag, and calls wait for it in order. `engine` from `@intilery/core/engine`
   * runs it at once (tests). Read once, at mount.
   */
  engine?: TrackerOptions['engine']
}

/**
 * The app's own events, from `defineEvents`: required once an app has registered them (see
 * `Register`), so the catalogue the hooks are typed with is the one they validate with.
 *
 * @example
 * ```tsx
 * const events: EventsProp = {} // or { events: plan } once `plan` is registered
 * ```
 */
export type EventsProp = Register extends { events: infer C extends EventCatalog }
  ? { /** The catalogue registered in `Register`, from `defineEvents`. Read once, at mount. */ events: C }
  : { /** The app's own events, from `defineEvents`. Read once, at mount. */ events?: EventCatalog | undefined }

/**
 * A tracker made elsewhere (`createTracker`), for code outside React to share: the provider then
 * forwards only the session props to it. Its settings are its own.
 *
 * @example
 * ```tsx
 * const props: GivenTrackerProps = { tracker: createTracker({ groupId: 'acct_123' }) }
 * ```
 */
export interface GivenTrackerProps {
  /** The tracker to use: every hook below sends through it. */
  // The catalogue's type is the hooks' business (Register); any tracker will do here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  tracker: Tracker<any>
  tag?: never
  validation?: never
  onError?: never
  deliveryTimeout?: never
  readyTimeout?: never
  logoutTimeout?: never
  queueLimit?: never
  eventNaming?: never
  events?: never
  validator?: never
  engine?: never
}

/**
 * Props of {@link IntileryProvider}: the session, and either the settings of a tracker the provider
 * makes, or a `tracker` made elsewhere.
 *
 * @example
 * ```tsx
 * const props: IntileryProviderProps = { groupId: 'acct_123', userId: '019mr8mf4r' }
 * ```
 */
export type IntileryProviderProps = SessionProps & ((TrackerProps & EventsProp) | GivenTrackerProps)

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
export function IntileryProvider(props: IntileryProviderProps): ReactNode {
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

/** The library's own client: nothing of the app's (its defaults, handlers, devtools) sees analytics. */
function createLibraryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { mutations: { gcTime: 0, networkMode: 'always', retry: false } } })
}
