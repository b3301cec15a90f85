import type {
  AnalyticsTag,
  Consent,
  Delivery,
  EventCatalog,
  EventNaming,
  GroupTraits,
  PersonalDataMode,
  IntileryError,
  Tracker,
  TrackerOptions,
  ValidationMode,
} from '@intilery/core'
import type { QueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import type { Register, RegisteredCatalog } from './Register'

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
   * `'send'` (default), or `'omit'` for a destination that must not get personal data: the
   * properties the plan marks as personal data (Signed Up's email and names, an app's own marked
   * with `personal`) and the personal traits of identify and group are left out before the tag
   * sees them; the event still goes out.
   */
  personalData?: PersonalDataMode | undefined
  /**
   * Query parameters redacted from the page's URL, referrer and search by name, beside `email`,
   * `token`, `code`, `password`, `key` and `secret` (values that look like personal data are
   * redacted whatever the name).
   */
  redactQueryParams?: readonly string[] | undefined
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
  /**
   * Where the tracker's time comes from: its deadlines (`readyTimeout`, `deliveryTimeout`,
   * `logoutTimeout`), its look for a tag that has not appeared yet, and the slices of a big batch.
   * Default: the platform's (`Date.now`, `setTimeout`, read when called, so a test's fake timers
   * apply to it). A test can give a `Clock` it moves itself, to drive the tracker's deadlines while
   * React, react-query and Testing Library keep the real timers. Read once, at mount.
   *
   * @example
   * ```tsx
   * // `clock` is the test's own Clock, whose time moves only when the test calls its `advance`.
   * render(<IntileryTestProvider clock={clock} tag={createRecordingTag({ ready: 'manual' })}><SignInForm /></IntileryTestProvider>)
   * act(() => clock.advance(100)) // the test provider's readyTimeout: the sign-in settles as queued
   * ```
   */
  clock?: TrackerOptions['clock']
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
 * forwards only the session props to it. Its settings are its own. Once an app has registered its
 * events (see `Register`), the tracker's catalogue must have every one of them, as the provider's
 * `events` prop must: a tracker made without them does not compile, and `tracker`'s type names the
 * events it lacks.
 *
 * @typeParam T - The tracker given, as the provider infers it.
 *
 * @example
 * ```tsx
 * const props: GivenTrackerProps = { tracker: createTracker({ groupId: 'acct_123' }) }
 * ```
 */
// The catalogue's type is the hooks' business (Register); any tracker that has the registered
// events will do here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface GivenTrackerProps<T extends Tracker<any> = RegisteredTracker> {
  /**
   * The tracker to use: every hook below sends through it. Once events are registered, one whose
   * catalogue lacks any of them is typed as a message naming them.
   */
  tracker: KnowsRegisteredEvents<T>
  tag?: never
  validation?: never
  onError?: never
  deliveryTimeout?: never
  readyTimeout?: never
  logoutTimeout?: never
  queueLimit?: never
  eventNaming?: never
  personalData?: never
  redactQueryParams?: never
  events?: never
  validator?: never
  engine?: never
  clock?: never
}

/**
 * The tracker `T` itself when its catalogue has every event registered in `Register` (any tracker
 * while none is); otherwise a message naming each registered event it lacks, which is what a
 * compiler error then shows.
 *
 * @typeParam T - A tracker, as `createTracker` returns it.
 *
 * @example
 * ```ts
 * type Fits = KnowsRegisteredEvents<typeof tracker> // typeof tracker, or '[intilery] this tracker's catalogue lacks "Report Exported", …'
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KnowsRegisteredEvents<T extends Tracker<any>> =
  T extends Tracker<infer C extends EventCatalog>
    ? Exclude<Extract<keyof RegisteredCatalog, string>, keyof C> extends infer Missing extends string
      ? [Missing] extends [never]
        ? T
        : `[intilery] this tracker's catalogue lacks "${Missing}", an event registered in Register: create it with createTracker({ events })`
      : T
    : T

/**
 * A tracker whose catalogue has every event registered in `Register` (any tracker while none is):
 * what the provider's `tracker` prop takes when its type is not inferred, as in a variable typed
 * {@link IntileryProviderProps}.
 *
 * @example
 * ```tsx
 * const shared: RegisteredTracker = createTracker({ events: plan }) // `plan` as registered
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RegisteredTracker = Tracker<any> & {
  // A property, not a method, so that it is compared strictly: a tracker whose `track` does not
  // take every registered name is not one (a method would be compared both ways, and pass).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly track: (event: Extract<keyof RegisteredCatalog, string>, ...rest: any[]) => Promise<Delivery>
}

/**
 * Props of {@link IntileryProvider}: the session, and either the settings of a tracker the provider
 * makes, or a `tracker` made elsewhere.
 *
 * @typeParam T - The tracker given as `tracker`, if any, as the provider infers it.
 *
 * @example
 * ```tsx
 * const props: IntileryProviderProps = { groupId: 'acct_123', userId: '019mr8mf4r' }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type IntileryProviderProps<T extends Tracker<any> = RegisteredTracker> = SessionProps &
  ((TrackerProps & EventsProp) | GivenTrackerProps<T>)
