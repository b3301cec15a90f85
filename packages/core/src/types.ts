/**
 * The public contract of a tracker: its options, what it returns, and the tracker itself. Types
 * only: every other module imports these, and this one imports no module of the tracker's.
 */
import type { WithEvents } from './defineEvents'
import type { IntileryError, ValidationIssue } from './errors'
import type { B2bSaasEvents, EventCatalog, EventProperties } from './events/catalog'
import type { Settings } from './settings'
import type { TagSource } from './tag'
import type { Validator } from './validator'

/**
 * How events are checked against the spec:
 * - `'throw'`: an invalid event is not sent and its promise rejects with an `IntileryValidationError`;
 *   an event made before the validation code has loaded waits for it;
 * - `'report'`: it is sent unchanged and `onError` gets the same error; nothing waits for the
 *   validation code (an event sent before it has loaded is checked once it has, and reported). An
 *   event whose properties JSON cannot carry (a `BigInt`, a cycle, a `toJSON` or getter that
 *   throws) is the exception: the tag would lose it silently, so it is not sent, its promise
 *   rejects and `onError` gets the error too;
 * - `'off'`: no check at all, not even that one, and the validation code is never loaded.
 *
 * @example
 * ```ts
 * createTracker({ validation: 'report', onError: (e) => console.warn(e.message) })
 * ```
 */
export type ValidationMode = 'throw' | 'report' | 'off'

/**
 * What reaches the tag of the properties marked as personal data: `'send'` (default) or `'omit'`
 * (left out, for a destination that must not get personal data; the event still goes out).
 *
 * @example
 * ```ts
 * createTracker({ personalData: 'omit' }) // Signed Up goes out without email, names, phone
 * ```
 */
export type PersonalDataMode = 'send' | 'omit'

/**
 * The user's consent to analytics:
 * - `'granted'` (default): calls are sent;
 * - `'pending'`: every call (identify included) is held in order, bounded, until consent is given;
 * - `'denied'`: nothing is sent; waiting calls are discarded at once.
 *
 * A logout clears the tag's stored identity (`reset()`, which sends nothing) whatever the consent.
 *
 * @example
 * ```ts
 * tracker.setConsent(cookieBanner.accepted ? 'granted' : 'denied')
 * ```
 */
export type Consent = 'granted' | 'pending' | 'denied'

/**
 * What the three events with an Object-Action form are called on the wire: `'spec'` as the spec's
 * examples ("Signed Up"), `'object-action'` with the noun ("User Signed Up"). Hooks and types are the same.
 *
 * @example
 * ```ts
 * createTracker({ eventNaming: 'object-action' }) // sends "User Signed In"
 * ```
 */
export type EventNaming = 'spec' | 'object-action'

/**
 * Who the tracker sends for: the user and the account. The provider forwards its props as one
 * session (see {@link Tracker.sync}); plain TypeScript can pass it to `createTracker`.
 *
 * @example
 * ```ts
 * const session: Session = { userId: '019mr8mf4r', traits: { email: 'pgibbons@example.com' }, groupId: 'acct_123' }
 * ```
 */
export interface Session {
  /** The signed-in user, told to the tag with `identify(userId, traits)`. */
  readonly userId?: string | undefined
  /** The user's traits, sent with `identify`. */
  readonly traits?: Readonly<Record<string, unknown>> | undefined
  /** The current account: every event's `context.groupId` unless the call gives another. Told to the tag with `group(groupId, groupTraits)`. */
  readonly groupId?: string | undefined
  /** The account's traits (`name`, `plan`, …), sent with `group`. */
  readonly groupTraits?: GroupTraits | undefined
}

/**
 * What one render of an app declares of the session, for {@link Tracker.declare}: a provider's user,
 * account and consent, or a scope's account (with its traits), below the declaration of the render
 * around it. Make a new one only when a value changes: the tracker takes each one once.
 *
 * @example
 * ```ts
 * const app: Declaration = { session: { userId: '019mr8mf4r', groupId: 'acct_123' }, consent: 'granted' }
 * const panel: Declaration = { parent: app, scope: { groupId: 'acct_456', traits: { name: 'Initrode' } } }
 * ```
 */
export interface Declaration {
  readonly parent?: Declaration | undefined
  readonly session?: Session | undefined
  readonly consent?: Consent | undefined
  /** An account for a part of the app; with traits, the tag is told them with `group()`, the current account staying as it is. */
  readonly scope?: { readonly groupId: string; readonly traits: GroupTraits | undefined } | undefined
}

/**
 * An account's traits, sent with `group()`: `name` and `plan` are the common ones; any other key is
 * sent as given.
 *
 * @example
 * ```ts
 * const traits: GroupTraits = { name: 'Initech', plan: 'Business', employees: 120 }
 * ```
 */
export interface GroupTraits {
  readonly name?: string | undefined
  readonly plan?: string | undefined
  readonly [trait: string]: unknown
}

/**
 * Where a tracker's time comes from: now, timers, and a task of its own. The tracker reads no
 * clock of the platform but this one, so tests and unusual hosts can drive it. The default reads
 * the platform's (`Date.now`, `setTimeout`) when called, so a test's fake timers apply to it.
 *
 * @example
 * ```ts
 * const clock: Clock = {
 *   now: () => Date.now(),
 *   setTimeout: (run, ms) => setTimeout(run, ms),
 *   clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
 * }
 * ```
 */
export interface Clock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number
  /** Runs `run` once, `ms` from now; returns what {@link Clock.clearTimeout} cancels. */
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(timer: unknown): void
  /**
   * Runs `run` soon, in a task of its own (between the slices of a big batch). Default: a
   * `MessageChannel` message in a browser (background tabs slow timers down, not messages), else
   * `setTimeout(run, 0)` on this clock.
   */
  task?(run: () => void): void
}

/**
 * Settings of a tracker. Every one is optional; an invalid one is replaced by its default, with an
 * error to `onError` (and to the console outside production) — never a throw.
 *
 * @example
 * ```ts
 * const options: TrackerOptions = { deliveryTimeout: 500, queueLimit: 200, groupId: 'acct_123' }
 * ```
 */
export interface TrackerOptions<T extends EventCatalog = {}> extends Session {
  /** The analytics.js-compatible tag. Default: `window.analytics`, read when first needed (a snippet's stub is followed to the real instance). */
  tag?: TagSource | undefined
  /** The app's own events (see `defineEvents`), checked before the spec's ten. */
  events?: T | undefined
  /**
   * Where the tracker's delivery code (the ordered queue, the tag connection, the deadlines) comes
   * from. Default: loaded lazily, in a chunk of its own, beside the validation code, as soon as the
   * tracker starts in a browser; calls wait for it in order. `engine` from `@intilery/core/engine`
   * runs it at once (tests, servers), or give a function that loads it.
   */
  engine?: TrackerEngine | (() => Promise<TrackerEngine>) | undefined
  /** Default: `'throw'` outside production, `'report'` in production. */
  validation?: ValidationMode | undefined
  /**
   * Where the validation code comes from. Default: loaded lazily, in a chunk of its own, beside the
   * delivery code. Pass `validator` from `@intilery/core/events` to check synchronously from the
   * first event (tests, servers), or a function that loads it. If loading fails, events are sent
   * unchecked, in order, and `onError` says so.
   */
  validator?: Validator | (() => Promise<Validator>) | undefined
  /** Gets what no promise can carry: validation errors in `'report'` mode, queue overflow, a tag that threw on identify, group or reset, invalid settings. */
  onError?: ((error: IntileryError) => void) | undefined
  /**
   * How long to wait for the tag's confirmation of an event, from its own handoff, in ms. Default
   * 300, the analytics.js tag's own callback timeout; a grace of 50 ms is added.
   */
  deliveryTimeout?: number | undefined
  /** How long an event's promise waits for the tag to load before it resolves as `'queued'`, in ms. Default 1000. */
  readyTimeout?: number | undefined
  /** The most calls held while the tag loads; past it the oldest events are dropped. Default 1000. Read once. */
  queueLimit?: number | undefined
  /** How long a logout's Signed Out waits for the tag to load before the logout resolves with it `'queued'`, in ms. Default 1000. */
  logoutTimeout?: number | undefined
  /** The user's consent. Default `'granted'`. */
  consent?: Consent | undefined
  /** `'spec'` (default) or `'object-action'`: "Signed Up" becomes "User Signed Up" on the wire, and so on. */
  eventNaming?: EventNaming | undefined
  /**
   * `'send'` (default): properties marked as personal data (see `personal`) go to the tag as given.
   * `'omit'`, for a destination that must not get personal data: every marked property is left out
   * before the tag sees it (the event still goes out), and so are an identify's personal traits
   * (`email`, `name`, `first_name`, `last_name`, `phone`, `username`) and an account's (the same
   * but `name`, the account's own).
   */
  personalData?: PersonalDataMode | undefined
  /**
   * Query parameters to redact from the page's URL, referrer and search by name, whatever their
   * value, beside `email`, `token`, `code`, `password`, `key` and `secret`. A parameter is
   * redacted when a word of its name is in the list (`reset_token`, `apiKey`). Values that look
   * like personal data are redacted whatever the name.
   */
  redactQueryParams?: readonly string[] | undefined
  /** Where time comes from. Default: the platform's clock. Read once. */
  clock?: Clock | undefined
}

/**
 * What became of an event:
 * - `'acknowledged'`: the tag confirmed it (its promise or callback) within `deliveryTimeout` of its handoff;
 * - `'timeout'`: it was handed to the tag, which did not confirm it within `deliveryTimeout` of its handoff;
 * - `'queued'`: it has not been handed to a tag, because no tag has loaded or consent is pending,
 *   after `readyTimeout`; it is held in order and handed over once it can be;
 * - `'discarded'`: consent is denied; nothing was sent.
 *
 * @example
 * ```ts
 * const { status } = await tracker.track('Signed In', { username: 'pgibbons' })
 * ```
 */
export type DeliveryStatus = 'acknowledged' | 'timeout' | 'queued' | 'discarded'

/**
 * Exactly what an event hands to the tag: `tag.track(event, properties, { context })`, or for a page
 * view `tag.page(null, event, properties, { context })` (its `event` is the page's name, if any).
 *
 * @example
 * ```ts
 * const payload: TrackPayload = { event: 'Signed In', properties: { username: 'pgibbons' }, context: { groupId: 'acct_123' } }
 * ```
 */
export interface TrackPayload {
  readonly event: string
  readonly properties: Record<string, unknown>
  readonly context: { readonly groupId?: string }
}

/**
 * The outcome of one event: its payload and what became of it.
 *
 * @example
 * ```ts
 * const delivery: Delivery = await tracker.track('Signed In', {})
 * if (delivery.status === 'queued') console.info('the tag has not loaded yet')
 * ```
 */
export interface Delivery {
  /** The event's name as sent (see `eventNaming`); a page view's name, or `''`. */
  readonly event: string
  readonly status: DeliveryStatus
  readonly payload: TrackPayload
}

/**
 * Which account one call belongs to: `groupId` given for this call wins over `account`, the account
 * of the surrounding scope (an `AccountScope`), which wins over the tracker's current account.
 *
 * @example
 * ```ts
 * tracker.track('Account Created', { account_name: 'Initech' }, { groupId: newAccount.id })
 * ```
 */
export interface TrackTarget {
  /** The account given for this call only, as `context.groupId`. */
  readonly groupId?: string | undefined
  /** The account of the surrounding scope, used when `groupId` is not given. */
  readonly account?: string | undefined
  /** Overrides `readyTimeout` for this call (`Infinity`: wait for the tag without bound). */
  readonly readyTimeout?: number | undefined
  /**
   * Part of a batch (`useTrackBatch`): handed to the tag in slices of a few milliseconds of main
   * thread, each in a task of its own, so that a big batch does not freeze the page. Other calls
   * go to the tag in the caller's own task, as a direct call would.
   */
  readonly batch?: boolean | undefined
}

/** Where a call is in its life, for whoever inspects it (devtools, tests). */
export type HandoffState = 'queued' | 'handed' | 'acknowledged' | 'timeout' | 'failed' | 'dropped' | 'discarded'

/**
 * One call's life, as seen by `subscribe` (devtools, tests): each change of state is a new record
 * with the same `id`. Events (`track`), page views, and the identify, group and reset calls.
 *
 * @example
 * ```ts
 * tracker.subscribe((record) => record && console.debug(record.type, record.event, record.state))
 * ```
 */
export interface EventRecord {
  readonly id: number
  readonly type: 'track' | 'page' | 'identify' | 'group' | 'reset'
  /** The event's name as sent; a page view's name or `''`; `''` for identify, group and reset. */
  readonly event: string
  /** An event's or page view's properties; the traits of an identify or group. */
  readonly properties: Readonly<Record<string, unknown>>
  /**
   * The keys of `properties` that hold personal data by the plan: an event's properties marked
   * with `personal` (Signed Up's `email`…), an identify's personal traits. Devtools mask them.
   */
  readonly personal?: readonly string[] | undefined
  /** The user an identify names. */
  readonly userId?: string | undefined
  /** The event's `context.groupId`, or the account a group names. */
  readonly groupId: string | undefined
  /** `'valid'`, `'invalid'` (with `issues`), `'unchecked'` (validation off, or its code failed to load), or `'pending'` (its code is loading). */
  readonly validation: 'valid' | 'invalid' | 'unchecked' | 'pending'
  readonly issues: readonly ValidationIssue[]
  /**
   * `'rejected'` when validation stopped it; otherwise where the handoff has it: `'queued'`,
   * `'handed'`, `'acknowledged'`, `'timeout'`, `'failed'`, `'dropped'` (from a full queue) or
   * `'discarded'` (consent denied).
   */
  readonly state: HandoffState | 'rejected'
  /** The tracker's clock at this change, in ms since the epoch. */
  readonly time: number
}

/**
 * The session as the tracker holds it, for `useSyncExternalStore` and devtools: a new object each
 * time something in it changes, the same object otherwise.
 *
 * @example
 * ```ts
 * const { userId, groupId, consent, loggedOut } = tracker.getSnapshot()
 * ```
 */
export interface TrackerSnapshot {
  /** The user the tag was told of, or undefined (before any, or after a logout). */
  readonly userId: string | undefined
  readonly traits: Readonly<Record<string, unknown>> | undefined
  /** The account events inherit: undefined when there is none, or after a logout until the app sets one or identifies someone. */
  readonly groupId: string | undefined
  readonly groupTraits: GroupTraits | undefined
  readonly consent: Consent
  /** True after a logout (or a reset) until a user is identified again. */
  readonly loggedOut: boolean
}

/**
 * What a logout is given, all optional: Signed Out's properties and account, and its bound.
 *
 * @example
 * ```ts
 * const options: LogoutOptions = { properties: { username: 'pgibbons' } }
 * ```
 */
export interface LogoutOptions {
  /** Signed Out's properties. */
  properties?: EventProperties<'Signed Out'> | undefined
  /** The account for this call, as `context.groupId`; default the current one. */
  groupId?: string | undefined
  /** The account of the surrounding scope (an `AccountScope`), used when `groupId` is not given. */
  account?: string | undefined
  /** How long Signed Out waits for the tag to load before the logout resolves with it `'queued'`, in ms. Default: the tracker's `logoutTimeout` (1000). */
  timeout?: number | undefined
}

/**
 * How a logout ended: the Signed Out delivery, or `undefined` when the user was already logged out
 * (no second Signed Out is sent).
 *
 * @example
 * ```ts
 * const { signedOut } = await tracker.logout()
 * ```
 */
export interface LogoutResult {
  readonly signedOut: Delivery | undefined
}

/**
 * The tracker's delivery code: `engine` from `@intilery/core/engine`. Opaque: give it to
 * `createTracker` or to `IntileryProvider` as it is.
 *
 * @example
 * ```ts
 * import { engine } from '@intilery/core/engine'
 * const given: TrackerEngine = engine
 * ```
 */
export interface TrackerEngine {
  /** @internal Makes the tracker that takes a front's calls over. */
  readonly create: (options: TrackerOptions<EventCatalog>, links: unknown) => unknown
  /** @internal Makes the delivery pipeline a tracker hands its calls to. */
  readonly connect: (tracker: unknown) => unknown
}

/**
 * The session's owner: it holds the user, the account and the consent, validates events, keeps every
 * call to the tag in one ordered queue until the tag is ready, and hands each over exactly once.
 * Create one with `createTracker`; `IntileryProvider` makes one from its props, or takes yours.
 *
 * @example
 * ```ts
 * const tracker: Tracker = createTracker({ groupId: 'acct_123' })
 * ```
 */
export interface Tracker<C extends EventCatalog = B2bSaasEvents> {
  /**
   * Validates an event and hands it to the tag, after every earlier call, for the current account
   * (or the target's). Resolves with its {@link Delivery}; rejects with an `IntileryValidationError`
   * (mode `'throw'`), an `IntileryTagError` (the tag threw or rejected, or there is still no tag
   * after `readyTimeout`; the event then stays queued) or an `IntileryQueueOverflowError` (dropped
   * from a full queue). Never throws.
   */
  track<E extends keyof C & string>(
    event: E,
    properties?: EventProperties<E, C>,
    target?: TrackTarget,
  ): Promise<Delivery>
  /**
   * Sends a page view (`tag.page(null, name, properties, { context: { groupId } })`), in the same
   * ordered queue as events: consent-gated, after the identity in force. Settles like an event.
   */
  page(name?: string, properties?: Readonly<Record<string, unknown>>, target?: TrackTarget): Promise<Delivery>
  /** Tells the tag who the user is, in order with events. The same user and traits again is a no-op, unless a logout came between. */
  identify(userId: string, traits?: Readonly<Record<string, unknown>>): void
  /**
   * Sets the current account and tells the tag (`group(groupId, traits)`), in order with events. The
   * same account and traits again is a no-op. With `{ current: false }` only the tag is told (an
   * `AccountScope`'s traits): the current account stays.
   */
  group(groupId: string, traits?: GroupTraits, options?: { readonly current?: boolean }): void
  /**
   * Forwards a declared session (a provider's props): acts only on what changed since the last one,
   * by value. A new `userId` identifies; new traits for the user the tracker holds identify again; a
   * new `groupId` (or new traits for it) groups. `userId` or `groupId` becoming undefined resets no
   * one: only logout does. A key left out of `session` (`userId`, `groupId`) leaves that part as it is.
   */
  sync(session: Session): void
  /**
   * Takes what a render declared (see {@link Declaration}), root first, once per declaration: its
   * consent, its session (see {@link Tracker.sync}) and its scope's account traits. A declaration
   * taken once is never taken again, so a call made with an older render's declaration cannot bring
   * an older session back. `IntileryProvider` and `AccountScope` declare their renders, and every
   * event a hook sends declares the render that sent it first.
   */
  declare(declaration: Declaration): void
  /**
   * Clears the identity: every call after this one reaches the tag after its `reset()`. Until the
   * app identifies a user or sets an account again, events no longer inherit the old account.
   */
  reset(): void
  /**
   * Logs out: Signed Out (with the user's identity and account), then the tag's `reset()`, in the
   * same tick, so every call after this one carries no identity. Resolves with Signed Out's
   * delivery once it has settled like any event (`'queued'` when no tag has loaded within
   * `logoutTimeout`: Signed Out and the reset then go out in order once one has). The reset is
   * handed to a tag as soon as one is ready, ahead of anything held, whatever the consent. Rejects
   * only as an event would: an invalid Signed Out in `'throw'` mode, after the reset. A second call
   * while one runs returns the same promise; with no sign-in since the last, it resolves with no
   * Signed Out.
   */
  logout(options?: LogoutOptions): Promise<LogoutResult>
  /**
   * Sets the user's consent. Pending holds every call in order; granted sends what was held; denied
   * discards what waits and sends nothing more. Leaving denied tells the tag the current user and
   * accounts again before anything else. Anything else counts as pending, and `onError` says so.
   */
  setConsent(consent: Consent): void
  /** Changes settings in place (the provider calls this when its props change). The catalogue, the validator, the clock and the queue limit are fixed at creation. */
  configure(options: Omit<TrackerOptions, 'events' | 'queueLimit' | 'validator' | 'clock' | keyof Session>): void
  /** Hands an error to `onError`, as the tracker does with what no promise carries. Never throws. */
  report(error: IntileryError): void
  /** True when `event` is in the catalogue (the spec's ten or the app's own). */
  knows(event: string): boolean
  /**
   * Calls `listener` after every change: with the {@link EventRecord} when a call changed state,
   * without an argument when the session changed. Returns the function that stops it. With
   * {@link Tracker.getSnapshot}, it is what `useSyncExternalStore` takes.
   */
  subscribe(listener: (record?: EventRecord) => void): () => void
  /** The session now. */
  getSnapshot(): TrackerSnapshot
  /**
   * Marks the tracker as in use until the returned function is called, and starts it (its code
   * loads, it looks for the tag). Counted: the tracker stops what it started ({@link Tracker.dispose})
   * once every mount has been released. Outside production, warns when another tracker in use
   * sends through the same tag: one tag holds one identity.
   */
  mount(): () => void
  /**
   * Stops everything the tracker started: looking for the tag, its timers, what it asked of a
   * snippet's stub. What waits stays in order, and a later call or mount starts it again.
   */
  dispose(): void
  /**
   * The settings in force, with defaults filled in: `validation`, `deliveryTimeout`, `readyTimeout`,
   * `logoutTimeout`, `consent` and `eventNaming`.
   */
  readonly settings: Settings
}

/** A tracker for an app's own catalogue: the spec's events and `T`. */
export type TrackerOf<T extends EventCatalog> = Tracker<WithEvents<T>>
