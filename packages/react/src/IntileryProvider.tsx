'use client'
import {
  type AnalyticsTag,
  b2bSaasEvents,
  type Consent,
  createTracker,
  type EventCatalog,
  type EventNaming,
  type IntileryError,
  type ValidationMode,
} from '@intilery/core'
import { QueryClient, QueryClientContext } from '@tanstack/react-query'
import { type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react'
import { IntileryContext, type IntileryContextValue } from './context'

/**
 * Props of {@link IntileryProvider}. All are optional.
 *
 * @example
 * ```tsx
 * const props: IntileryProviderProps = { groupId: 'acct_123', userId: '019mr8mf4r' }
 * ```
 */
export interface IntileryProviderProps {
  children?: ReactNode
  /** The analytics.js-compatible tag. Default: `window.analytics`, read when first needed (never on the server). */
  tag?: AnalyticsTag | undefined
  /** The current account: every event's `context.groupId` unless a scope or the call gives another. The tag is told with `group()` when it changes. */
  groupId?: string | undefined
  /** The signed-in user. When set or changed, the tag is told once with `identify(userId, traits)`. Becoming undefined resets no one: only logout does. */
  userId?: string | undefined
  /** The user's traits, sent with `identify`. A change by value identifies again. */
  traits?: Record<string, unknown> | undefined
  /** `'throw'` (default outside production), `'report'` (default in production) or `'off'`. */
  validation?: ValidationMode | undefined
  /** Gets errors no mutation can carry: validation in `'report'` mode, queue overflow, a tag failing on identify, group or reset. */
  onError?: ((error: IntileryError) => void) | undefined
  /** The client for the library's own mutations. Default: the app's `QueryClientProvider` client, else one of the provider's own. */
  queryClient?: QueryClient | undefined
  /** How long to wait for the tag's acknowledgement of an event, in ms. Default 300. */
  deliveryTimeout?: number | undefined
  /** How long an event waits for the tag to load before it settles as `'queued'`, in ms. Default 1000. */
  readyTimeout?: number | undefined
  /** The bound on the logout sequence, in ms. Default 1000. */
  logoutTimeout?: number | undefined
  /** The most calls held while the tag loads. Default 1000. Read once, at mount. */
  queueLimit?: number | undefined
  /**
   * The user's consent to analytics: `'granted'` (default) sends; `'pending'` holds every call
   * (identify included) in order, bounded, until it changes; `'denied'` sends nothing and discards
   * what waits, at once.
   */
  consent?: Consent | undefined
  /** `'spec'` (default), or `'object-action'` to send "User Signed Up", "User Signed In" and "User Signed Out". */
  eventNaming?: EventNaming | undefined
  /**
   * The catalogue the global hooks validate against: `plan.events` from `defineEvents` when the app
   * registered its own events (see `Register`). Default: the spec's ten. Read once, at mount.
   */
  events?: EventCatalog | undefined
}

/**
 * Supplies the account, the user and the tag to every Intilery hook below it. Wrap the app's root
 * in it. It never wraps the app in a `QueryClientProvider` of its own.
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
export function IntileryProvider({
  children,
  tag,
  groupId,
  userId,
  traits,
  validation,
  onError,
  queryClient,
  deliveryTimeout,
  readyTimeout,
  logoutTimeout,
  queueLimit,
  consent = 'granted',
  eventNaming,
  events,
}: IntileryProviderProps): ReactNode {
  const [tracker] = useState(() =>
    createTracker({
      tag,
      validation,
      onError,
      deliveryTimeout,
      readyTimeout,
      logoutTimeout,
      queueLimit,
      consent,
      eventNaming,
      // An app's catalogue adds to the spec's: the spec's hooks and logout keep working.
      events: events === undefined ? undefined : { ...b2bSaasEvents, ...events },
    }),
  )
  useEffect(() => {
    tracker.configure({ tag, validation, onError, deliveryTimeout, readyTimeout, logoutTimeout, consent, eventNaming })
  }, [tracker, tag, validation, onError, deliveryTimeout, readyTimeout, logoutTimeout, consent, eventNaming])
  // Identify when the user or traits change by value — not on a re-render with inline traits, and
  // not again after a logout while the app still shows the same user.
  const identified = useRef<string | undefined>(undefined)
  useEffect(() => {
    const key = userId === undefined ? undefined : valueKey([userId, traits])
    if (key === identified.current) return
    identified.current = key
    if (userId !== undefined) tracker.identify(userId, traits)
  }, [tracker, userId, traits])
  useEffect(() => {
    if (groupId !== undefined) tracker.group(groupId)
  }, [tracker, groupId])

  const appClient = useContext(QueryClientContext)
  const ownClient = useRef<QueryClient | null>(null)
  let client = queryClient ?? appClient
  if (client === undefined) {
    ownClient.current ??= new QueryClient()
    client = ownClient.current
  }

  const value = useMemo<IntileryContextValue>(() => ({ tracker, client, groupId }), [tracker, client, groupId])
  return <IntileryContext.Provider value={value}>{children}</IntileryContext.Provider>
}

/** The value of props, for comparing them across renders; traits that JSON cannot hold (a cycle, a BigInt) compare by reference. */
function valueKey([userId, traits]: [string, Record<string, unknown> | undefined]): string {
  try {
    return JSON.stringify([userId, traits])
  } catch {
    let id = referenceIds.get(traits as object)
    if (id === undefined) {
      id = nextReference++
      referenceIds.set(traits as object, id)
    }
    return `${userId}\u0000#${id}`
  }
}

const referenceIds = new WeakMap<object, number>()
let nextReference = 0
