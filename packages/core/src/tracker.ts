import { hasWindow, windowAnalytics } from './browser'
import { createDeadlines } from './deadlines'
import { IntileryError, IntileryTagError, IntileryTimeoutError, type ValidationIssue } from './errors'
import type { B2bSaasEvents, EventCatalog, EventProperties } from './events/catalog'
import type { WithEvents } from './defineEvents'
import {
  type Call,
  createHandoff,
  type EventCall,
  type HandoffState,
  type IdentityCall,
  shownName,
  type TrackPayload,
} from './handoff'
import { specEventNames } from './names'
import { readQueueLimit, readSettings, type Settings } from './settings'
import { type AnalyticsTag, isSnippetStub, isTag, type TagSource } from './tag'
import type { TrackerEngine } from './lazy'
import type { Validator } from './validator'

export type { TrackPayload } from './handoff'

/**
 * How events are checked against the spec:
 * - `'throw'`: an invalid event is not sent and its promise rejects with an `IntileryValidationError`;
 * - `'report'`: it is sent unchanged and `onError` gets the same error;
 * - `'off'`: no check, and the validation code is never loaded.
 *
 * @example
 * ```ts
 * createTracker({ validation: 'report', onError: (e) => console.warn(e.message) })
 * ```
 */
export type ValidationMode = 'throw' | 'report' | 'off'

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
 * session (see {@link Tracker.sync}); plain TypeScript can pass it to {@link createTracker}.
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
   * Where the tracker's own code comes from. Default: loaded lazily, in a chunk of its own, as soon
   * as the tracker is created in a browser; calls wait for it in order. `engine` from
   * `@intilery/core/engine` runs it at once (tests, servers), or give a function that loads it.
   */
  engine?: TrackerEngine | (() => Promise<TrackerEngine>) | undefined
  /** Default: `'throw'` outside production, `'report'` in production. */
  validation?: ValidationMode | undefined
  /**
   * Where the validation code comes from. Default: loaded lazily, in a chunk of its own, when the
   * tracker is created in a browser (in parallel with the tag; events wait for it in order). Pass
   * `validator` from `@intilery/core/events` to check synchronously from the first event (tests,
   * servers), or a function that loads it. If loading fails, events are sent unchecked, in order,
   * and `onError` says so.
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
  /** The bound on the whole logout sequence, in ms. Default 1000. */
  logoutTimeout?: number | undefined
  /** The user's consent. Default `'granted'`. */
  consent?: Consent | undefined
  /** `'spec'` (default) or `'object-action'`: "Signed Up" becomes "User Signed Up" on the wire, and so on. */
  eventNaming?: EventNaming | undefined
}

/**
 * What became of an event:
 * - `'acknowledged'`: the tag confirmed it (its promise or callback) within `deliveryTimeout` of its handoff;
 * - `'timeout'`: it was handed to the tag, which did not confirm it within `deliveryTimeout` of its handoff;
 * - `'queued'`: the tag has not loaded (or consent is pending) after `readyTimeout`; the event is
 *   held in order and handed over once it can be;
 * - `'discarded'`: consent is denied; nothing was sent.
 *
 * @example
 * ```ts
 * const { status } = await tracker.track('Signed In', { username: 'pgibbons' })
 * ```
 */
export type DeliveryStatus = 'acknowledged' | 'timeout' | 'queued' | 'discarded'

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
}

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
  /** `Date.now()` at this change. */
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
  /** True after a logout until a user is identified again. */
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
  /** The bound on the whole sequence, in ms. Default: the tracker's `logoutTimeout` (1000). */
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
 * The session's owner: it holds the user, the account and the consent, validates events, keeps every
 * call to the tag in one ordered queue until the tag is ready, and hands each over exactly once.
 * Create one with {@link createTracker}; `IntileryProvider` makes one from its props, or takes yours.
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
   * by value. A new `userId` identifies; new traits for the same user identify again, but never after
   * a logout; a new `groupId` (or new traits for it) groups. `userId` or `groupId` becoming undefined
   * resets no one: only logout does. A key left out of `session` (`userId`, `groupId`) leaves that
   * part as it is.
   */
  sync(session: Session): void
  /**
   * Clears the identity: every call after this one reaches the tag after its `reset()`. Until the
   * app identifies a user or sets an account again, events no longer inherit the old account.
   */
  reset(): void
  /**
   * Logs out: queues Signed Out (with the user's identity and account) and the tag's `reset()` in
   * the same tick, so every call after this one carries no identity. The reset happens even when
   * Signed Out is invalid, the tag throws or never answers (then the promise rejects, after the
   * reset), and whatever the consent (a reset sends nothing). Bounded by `logoutTimeout`. A second
   * call while one runs, or with no sign-in since the last, sends no second Signed Out.
   */
  logout(options?: LogoutOptions): Promise<LogoutResult>
  /**
   * Sets the user's consent. Pending holds every call in order; granted sends what was held; denied
   * discards what waits and sends nothing more. Leaving denied tells the tag the current user and
   * account again before anything else.
   */
  setConsent(consent: Consent): void
  /** Changes settings in place (the provider calls this when its props change). The catalogue, the validator and the queue limit are fixed at creation. */
  configure(options: Omit<TrackerOptions, 'events' | 'queueLimit' | 'validator' | keyof Session>): void
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
   * Marks the tracker as in use until the returned function is called. Outside production, warns
   * when another tracker in use sends through the same tag: one tag holds one identity, so one
   * session's identify, group and logout would change the other's user.
   */
  connect(): () => void
  /**
   * The settings in force, with defaults filled in: `validation`, `deliveryTimeout`, `readyTimeout`,
   * `logoutTimeout`, `consent` and `eventNaming`.
   */
  readonly settings: Settings
}

const objectAction: Readonly<Record<string, string>> = {
  'Signed Up': 'User Signed Up',
  'Signed In': 'User Signed In',
  'Signed Out': 'User Signed Out',
}

/** Every tracker in use, by the tag it sends through: shared by every copy of the library on the page. */
const IN_USE = Symbol.for('@intilery/core.trackers-in-use')

/** What `sync` was last given, by value, so a provider's re-render acts only on changes. */
type Declared = Partial<
  Record<'user' | 'account', { readonly id: string | undefined; readonly key: string | undefined }>
>

/**
 * The tracker's code: what `createTracker` loads lazily, or runs at once when given `engine` from
 * `@intilery/core/engine`.
 */
export function createEngineTracker<const T extends EventCatalog = {}>(
  options: TrackerOptions<T> = {},
): Tracker<WithEvents<T>> {
  let { onError, tag: source } = options
  const report = (error: IntileryError): void => {
    try {
      onError?.(error)
    } catch {
      // An app's error handler that throws must not break delivery.
    }
  }
  /** The settings as given, before defaults: a setting left out of `configure` keeps its value. */
  let raw: Omit<TrackerOptions, 'consent' | 'onError' | 'tag'> = options
  let settings = readSettings(options, report)
  const custom: EventCatalog | undefined = options.events
  const deadlines = createDeadlines()

  // The session: the user and account in force, and what `sync` was last told.
  let user: { readonly userId: string; readonly traits: Session['traits']; readonly key: string } | undefined
  let account: { readonly groupId: string; readonly traits: GroupTraits | undefined } | undefined
  /** The group calls the tag has had since the last reset: account → traits' key. */
  let told = new Map<string, string>()
  /** A scope's group calls made while consent was denied: told to the tag when it is granted. */
  let missed = new Map<string, GroupTraits | undefined>()
  let loggedOut = false
  /** After a logout, the inherited account is not used until the app identifies someone or sets an account. */
  let accountHeld = false
  /** After a logout, until a sign-in: a second logout sends no second Signed Out. */
  let signedOut = false
  const declared: Declared = {}
  const keyOf = createKeys()

  let ids = 0
  const listeners = new Set<(record?: EventRecord) => void>()
  const tell = (record?: EventRecord): void => {
    for (const listener of listeners) {
      try {
        listener(record)
      } catch {
        // A subscriber that throws must not break delivery.
      }
    }
  }

  let snapshot: TrackerSnapshot = {
    userId: undefined,
    traits: undefined,
    groupId: undefined,
    groupTraits: undefined,
    consent: settings.consent,
    loggedOut,
  }
  /** A new snapshot when something in it changed, and the news to subscribers. */
  const changed = (): void => {
    const next: TrackerSnapshot = {
      userId: user?.userId,
      traits: user?.traits,
      groupId: accountHeld ? undefined : account?.groupId,
      groupTraits: accountHeld ? undefined : account?.traits,
      consent: settings.consent,
      loggedOut,
    }
    if (Object.values(next).some((value, i) => value !== Object.values(snapshot)[i])) {
      snapshot = next
      tell()
    }
  }

  /** A call's new state, to subscribers: only calls made while someone listened carry an id. */
  const notify = (call: Call, state: EventRecord['state']): void => {
    if (call.id === undefined) return
    const event = 'payload' in call ? call.payload : undefined
    const { target, traits } = call as IdentityCall
    tell({
      id: call.id,
      type: call.type,
      event: event?.event ?? '',
      properties: event?.properties ?? (traits as Record<string, unknown> | undefined) ?? {},
      userId: call.type === 'identify' ? target : undefined,
      groupId: event ? event.context.groupId : call.type === 'group' ? target : undefined,
      validation: call.validation ?? 'unchecked',
      issues: call.issues ?? [],
      state,
      time: Date.now(),
    })
  }

  const getTag = (): AnalyticsTag | undefined => {
    try {
      const tag = source === undefined ? windowAnalytics() : typeof source === 'function' ? source() : source
      return isTag(tag) ? tag : undefined
    } catch {
      // A tag source that throws is no tag.
      return undefined
    }
  }

  const handoff = createHandoff(getTag, readQueueLimit(options.queueLimit, report), deadlines, report, notify)
  handoff.deliveryTimeout = settings.deliveryTimeout

  // The validation code: undefined while it loads, null when it could not be loaded.
  let validator: Validator | null | undefined = typeof options.validator === 'object' ? options.validator : undefined
  let loading = false
  const loadValidator = (): void => {
    if (loading || validator !== undefined || settings.validation === 'off') return
    loading = true
    new Promise<Validator>((resolve) =>
      resolve((options.validator as (() => Promise<Validator>) | undefined)?.() ?? import('./validator')),
    ).then(
      (module) => {
        validator = module
        handoff.check()
      },
      (error: unknown) => {
        validator = null
        report(
          new IntileryError(
            'validation was skipped: its code could not be loaded; events are sent unchecked',
            undefined,
            { cause: error },
          ),
        )
        handoff.check()
      },
    )
  }
  // In a browser, start loading now, in parallel with the tag; on a server, at the first event.
  if (hasWindow()) loadValidator()

  /** An identify, group or reset for the tag, in order with events; nothing while consent is denied. */
  const send = (type: IdentityCall['type'], target?: string, traits?: object): void => {
    if (settings.consent !== 'denied') {
      handoff.send({ type, target, traits, id: listeners.size > 0 ? ids++ : undefined })
    }
  }

  /**
   * Checks an event with the loaded validator: true to send it (valid, reported in `'report'` mode,
   * or unchecked when the validator failed to load), false when `'throw'` rejected it.
   */
  const validate = (
    call: EventCall,
    event: string | undefined,
    afterLogout: boolean,
    mode: ValidationMode,
  ): boolean => {
    if (!validator) {
      call.validation = 'unchecked'
      return true
    }
    const checked = validator.checkCall({
      type: call.type,
      event,
      properties: call.payload.properties,
      groupId: call.payload.context.groupId,
      events: custom,
      afterLogout,
      label: call.payload.event || call.type,
    })
    if (checked.ok) {
      call.payload.properties = checked.properties
      call.validation = 'valid'
      return true
    }
    call.validation = 'invalid'
    call.issues = checked.error.issues
    if (mode === 'report' || call.done) {
      // Sent all the same in 'report' mode; a late check of an event already settled ('queued') can only be reported.
      report(checked.error)
      if (mode === 'report') return true
    } else call.settle(checked.error)
    notify(call, 'rejected')
    return false
  }

  const dispatch = (
    type: 'track' | 'page',
    event: string | undefined,
    properties: unknown,
    target: TrackTarget = {},
  ): Promise<Delivery> =>
    new Promise<Delivery>((resolve, reject) => {
      const name =
        typeof event !== 'string'
          ? ''
          : settings.eventNaming === 'object-action'
            ? (objectAction[event] ?? event)
            : event
      const held = accountHeld && target.groupId === undefined
      const inherited = target.account ?? account?.groupId
      const groupId = target.groupId ?? (held ? undefined : inherited)
      const call: EventCall = {
        type,
        payload: {
          event: name,
          properties: (properties === undefined ? {} : properties) as Record<string, unknown>,
          context: groupId === undefined ? {} : { groupId },
        },
        settle(outcome) {
          if (call.done) return
          call.done = true
          if (outcome instanceof IntileryError) reject(outcome)
          else resolve({ event: name, status: outcome, payload: call.payload })
        },
      }
      try {
        const afterLogout = held && inherited !== undefined
        const mode = settings.validation
        if (listeners.size > 0) call.id = ids++
        if (mode !== 'off') {
          call.validation = 'pending'
          loadValidator()
          if (validator !== undefined) {
            // Checked now: 'throw' rejects before anything is queued.
            if (!validate(call, event, afterLogout, mode)) return
          } else {
            // Checked when the validator has loaded, right before the handoff; meanwhile the event
            // keeps its place, with its properties as they are now.
            try {
              call.payload.properties = { ...call.payload.properties }
            } catch {
              // A getter that throws: the validator will say the properties cannot be read.
            }
            call.prepare = () => (validator === undefined ? undefined : validate(call, event, afterLogout, mode))
          }
        }
        if (event === 'Signed In' || event === 'Signed Up') signedOut = false
        if (settings.consent === 'denied') {
          call.settle('discarded')
          notify(call, 'discarded')
          return
        }
        // Every event takes its place in the one queue, tag or no tag: a tag that appears later gets
        // it in order. Its promise does not wait for ever: after readyTimeout it settles as 'queued',
        // or, when there is still no tag at all, rejects with a clear error (the event stays queued).
        handoff.send(call)
        // Handed over at once (a loaded tag, nothing in line): no wait to bound, nothing to allocate.
        if (call.handed || call.done) return
        const wait = milliseconds(target.readyTimeout, settings.readyTimeout)
        const expire = (): void => {
          if (call.handed || call.done) return
          if (settings.consent === 'granted' && !call.prepare && handoff.ready()) {
            // In line behind a tag that has loaded (a big batch, handed in slices): not 'queued'. Its
            // delivery deadline starts at its handoff.
            call.ready = deadlines.after(wait, expire)
          } else if (settings.consent === 'granted' && getTag() === undefined) {
            call.settle(new IntileryTagError(shownName(name) || type, 'missing'))
            notify(call, 'failed')
          } else call.settle('queued')
        }
        call.ready = deadlines.after(wait, expire)
      } catch (error) {
        call.settle(
          error instanceof IntileryError
            ? error
            : new IntileryError(`"${shownName(name) || type}" could not be sent`, shownName(name), { cause: error }),
        )
      }
    })

  /** A non-empty string id, or a clear error and false. */
  const named = (id: unknown, call: 'identify' | 'group'): id is string => {
    if (typeof id === 'string' && id !== '') return true
    report(
      new IntileryError(
        `${call} needs a ${call === 'identify' ? 'userId' : 'groupId'}: a non-empty string; nothing was sent`,
      ),
    )
    return false
  }

  const identify = (userId: string, traits?: Session['traits']): void => {
    if (!named(userId, 'identify')) return
    const key = keyOf(userId, traits)
    signedOut = false
    if (!loggedOut && user?.key === key) return
    user = { userId, traits, key }
    const held = accountHeld
    loggedOut = accountHeld = false
    send('identify', userId, traits)
    // The account held since a logout is the new user's now: the tag, reset since, is told again.
    if (held && account) group(account.groupId, account.traits)
    else changed()
  }

  const group = (groupId: string, traits?: GroupTraits, scope?: { readonly current?: boolean } | null): void => {
    const current = scope?.current ?? true
    if (!named(groupId, 'group')) return
    if (current) {
      account = { groupId, traits }
      accountHeld = false
    }
    // A scope's traits after a logout wait for the app to set an account or identify someone.
    else if (accountHeld) return
    const key = keyOf(groupId, traits)
    if (told.get(groupId) !== key) {
      told.set(groupId, key)
      // Sent nothing while consent is denied: the current account is told again when it is granted,
      // a scope's account from here.
      if (settings.consent === 'denied' && !current) missed.set(groupId, traits)
      send('group', groupId, traits)
    }
    changed()
  }

  const reset = (): void => {
    user = undefined
    told = new Map()
    missed = new Map()
    loggedOut = accountHeld = true
    // A reset sends nothing and clears what the tag stored of the user: it goes out whatever the
    // consent (pending: at once, and again in its place; denied: at once, alone).
    send('reset')
    if (settings.consent !== 'granted') handoff.resetSoon()
    changed()
  }

  /**
   * A declared user or account (a provider's props) compared with the last one: a new id tells the
   * tag; new traits for the same id tell it again, but not after a logout (the user then waits for a
   * sign-in; the account for the app to set one). An id becoming undefined resets no one; the current
   * account is then none.
   */
  const declare = (part: 'user' | 'account', id: string | undefined, traits: Session['traits']): void => {
    const last = declared[part]
    const key = id && keyOf(id, traits)
    if (id === last?.id && key === last?.key) return
    declared[part] = { id, key }
    if (part === 'user') {
      if (id && (id !== last?.id || !loggedOut)) identify(id, traits)
    } else if (!id) {
      account = undefined
      changed()
    } else if (id !== last?.id || !accountHeld) group(id, traits)
  }

  let running: Promise<LogoutResult> | undefined

  const tracker: Tracker<WithEvents<T>> = {
    get settings() {
      return settings
    },

    configure(changes) {
      if (changes != null && 'onError' in changes) onError = changes.onError
      if (changes != null && 'tag' in changes) source = changes.tag
      // The handler and the tag are taken as they are; the rest is read again only when it changed.
      const { consent, ...given } = changes ?? {}
      delete given.onError
      delete given.tag
      const next: typeof raw = { ...raw, ...given }
      if ((Object.keys(next) as (keyof typeof next)[]).some((key) => !Object.is(next[key], raw[key]))) {
        raw = next
        settings = readSettings({ ...raw, consent: settings.consent }, report)
        handoff.deliveryTimeout = settings.deliveryTimeout
        loadValidator()
      }
      if (consent !== undefined && consent !== settings.consent) tracker.setConsent(consent)
    },

    setConsent(next) {
      // The same consent again (a provider forwards its prop on every commit) changes nothing.
      if (next === settings.consent) return
      const before = settings.consent
      // An undefined consent is no consent either (readSettings would take it for one left out).
      settings = readSettings({ ...settings, consent: next ?? null }, report)
      const { consent } = settings
      handoff.held = consent !== 'granted'
      if (consent === 'denied') handoff.discard()
      else if (before === 'denied') {
        // The tag missed what happened under the denial: tell it who the user and account are now,
        // and the scopes' accounts it was not told of.
        if (user) send('identify', user.userId, user.traits)
        if (account && !accountHeld) send('group', account.groupId, account.traits)
        for (const [groupId, traits] of missed) if (groupId !== account?.groupId) send('group', groupId, traits)
        missed = new Map()
      }
      handoff.flush()
      changed()
    },

    track: (event, properties, target) => dispatch('track', event, properties, target),
    page: (name, properties, target) => dispatch('page', name, properties, target),
    identify,
    group,
    reset,

    sync(session) {
      if (typeof session !== 'object' || session === null) return
      if ('userId' in session) declare('user', session.userId, session.traits)
      if ('groupId' in session) declare('account', session.groupId, session.groupTraits)
    },

    logout(options) {
      const { properties, groupId, account: scope, timeout } = options ?? {}
      if (running) return running
      if (signedOut) return Promise.resolve({ signedOut: undefined })
      // Both calls are queued in this tick: the tag stamps the identity on Signed Out before the reset.
      const signedOutEvent = dispatch('track', 'Signed Out', properties, {
        groupId,
        account: scope,
        readyTimeout: Infinity,
      })
      reset()
      signedOut = true
      const unconfirmed = new IntileryTimeoutError(
        '"Signed Out" was not confirmed by the tag; the identity is reset (at once, or when the tag loads)',
        'Signed Out',
      )
      const sequence = new Promise<LogoutResult>((resolve, reject) => {
        // A tag that took Signed Out but never answered did not confirm it either.
        deadlines.after(milliseconds(timeout, settings.logoutTimeout, true), () => reject(unconfirmed))
        signedOutEvent.then(
          (delivery) => (delivery.status === 'timeout' ? reject(unconfirmed) : resolve({ signedOut: delivery })),
          reject,
        )
      })
      running = sequence
      const done = (): void => {
        running = undefined
      }
      sequence.then(done, done)
      return sequence
    },

    report,

    knows: (event) =>
      (custom !== undefined && Object.hasOwn(custom, event)) || (specEventNames as readonly string[]).includes(event),

    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },

    getSnapshot: () => snapshot,

    connect() {
      try {
        if (process.env.NODE_ENV !== 'production') return connect(tracker, source)
      } catch {
        // No bundler and no `process`: nothing to warn with.
      }
      return () => undefined
    },
  }

  handoff.held = settings.consent !== 'granted'
  tracker.sync({
    ...(options.userId === undefined ? {} : { userId: options.userId, traits: options.traits }),
    ...(options.groupId === undefined ? {} : { groupId: options.groupId, groupTraits: options.groupTraits }),
  })
  return tracker
}

/**
 * Outside production only (production builds drop it): marks the tracker as in use with its tag,
 * and warns when another tracker in use sends through the same one.
 */
function connect(tracker: object, source: TagSource | undefined): () => void {
  let tag: unknown = source
  try {
    if (typeof source === 'function') tag = source() ?? source
  } catch {
    // A source that throws is known by itself.
  }
  // The page's tag is one key however a tracker reaches it: by default, given as
  // `window.analytics`, through a function that returns it, or as the snippet's stub.
  const key: object =
    tag === undefined || tag === null || tag === windowAnalytics() || isSnippetStub(tag) ? globalThis : tag
  const registry = ((globalThis as Record<symbol, unknown>)[IN_USE] ??= new WeakMap()) as WeakMap<object, Set<object>>
  let inUse = registry.get(key)
  if (inUse === undefined) registry.set(key, (inUse = new Set()))
  inUse.add(tracker)
  if (inUse.size > 1) {
    console.warn(
      '[intilery] two trackers send through the same analytics tag. One tag holds one user and account: ' +
        "each session's identify, group and logout changes the other's, and their events carry it. " +
        'Use one provider at the root (AccountScope gives a subtree its own account), or one tag per tracker.',
    )
  }
  const using = inUse
  return () => {
    using.delete(tracker)
  }
}

/**
 * A bound given for one call: a number of milliseconds, 0 or more (`Infinity` too, unless `finite`),
 * else the tracker's setting. A per-call bound that cannot be read must not keep a promise from settling.
 */
function milliseconds(given: unknown, setting: number, finite = false): number {
  return typeof given === 'number' && given >= 0 && (!finite || given < Infinity) ? given : setting
}

/**
 * Compares a user or account with its traits by value: the same JSON is the same. Traits JSON cannot
 * hold (a cycle, a BigInt) compare by reference, through ids kept by this tracker only.
 */
function createKeys(): (id: string, traits: unknown) => string {
  const references = new WeakMap<object, number>()
  let next = 0
  return (id, traits) => {
    try {
      return JSON.stringify([id, traits ?? null])
    } catch {
      let reference = references.get(traits as object)
      if (reference === undefined) references.set(traits as object, (reference = next++))
      return `${id}\u0000#${reference}`
    }
  }
}
