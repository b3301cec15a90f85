import { windowAnalytics } from './browser'
import { isProduction } from './env'
import { IntileryError, IntileryTagError, type ValidationIssue } from './errors'
import { b2bSaasEvents, type B2bSaasEvents, type EventCatalog, type EventProperties } from './events'
import { type Call, createHandoff, type HandoffState, type TrackCall, type TrackPayload } from './handoff'
import { later } from './queue'
import { type AnalyticsTag, isTag, type TagSource } from './tag'
import { validateEvent } from './validate'

export type { TrackPayload } from './handoff'

/**
 * How events are checked against the spec:
 * - `'throw'`: an invalid event is not sent and its promise rejects with an `IntileryValidationError`;
 * - `'report'`: it is sent unchanged and `onError` gets the same error;
 * - `'off'`: no check.
 *
 * @example
 * ```ts
 * createTracker({ validation: 'report', onError: (e) => console.warn(e.message) })
 * ```
 */
export type ValidationMode = 'throw' | 'report' | 'off'

/**
 * The user's consent to analytics:
 * - `'granted'` (default): events are sent;
 * - `'pending'`: every call (identify included) is held in order, bounded, until consent is given;
 * - `'denied'`: nothing is sent; waiting calls are discarded at once.
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
 * Settings of a tracker. Every one is optional.
 *
 * @example
 * ```ts
 * const options: TrackerOptions = { deliveryTimeout: 500, queueLimit: 200 }
 * ```
 */
export interface TrackerOptions<C extends EventCatalog = B2bSaasEvents> {
  /** The analytics.js-compatible tag. Default: `window.analytics`, read when first needed. */
  tag?: TagSource | undefined
  /** The catalogue of events. Default: the ten B2B SaaS events. */
  events?: C | undefined
  /** Default: `'throw'` outside production, `'report'` in production. */
  validation?: ValidationMode | undefined
  /** Gets what no promise can carry: validation errors in `'report'` mode, queue overflow, a tag that threw on identify, group or reset. */
  onError?: ((error: IntileryError) => void) | undefined
  /**
   * How long to wait for the tag's acknowledgement once an event is handed over, in ms. Default 300,
   * the analytics.js tag's own callback timeout; a grace of 50 ms is added so that a tag confirming
   * right at its own timeout counts as acknowledged.
   */
  deliveryTimeout?: number | undefined
  /** How long an event's promise waits for the tag to load before it resolves as `'queued'`, in ms. Default 1000. */
  readyTimeout?: number | undefined
  /** The most calls held while the tag loads; past it the oldest events are dropped. Default 1000. */
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
 * - `'acknowledged'`: the tag confirmed it (its promise or callback);
 * - `'timeout'`: it was handed to the tag, which did not confirm within `deliveryTimeout`;
 * - `'queued'`: the tag has not loaded (or consent is pending) after `readyTimeout`; the event is
 *   held in order and handed over once it can be;
 * - `'discarded'`: consent is denied; nothing was sent.
 *
 * @example
 * ```ts
 * const { status } = await tracker.track('Signed In', { username: 'pgibbons' }, { account: 'acct_123' })
 * ```
 */
export type DeliveryStatus = 'acknowledged' | 'timeout' | 'queued' | 'discarded'

/**
 * The outcome of one event: its payload and what became of it.
 *
 * @example
 * ```ts
 * const delivery: Delivery = await tracker.track('Signed In', {}, { account: 'acct_123' })
 * if (delivery.status === 'queued') console.info('the tag has not loaded yet')
 * ```
 */
export interface Delivery {
  /** The event's name as sent (see `eventNaming`). */
  readonly event: string
  readonly status: DeliveryStatus
  readonly payload: TrackPayload
}

/**
 * Which account an event belongs to: `groupId` given for this one call wins over `account`, the
 * account inherited from the surrounding scope (the provider or an `AccountScope`).
 *
 * @example
 * ```ts
 * tracker.track('Account Created', { account_name: 'Initech' }, { groupId: newId, account: current })
 * ```
 */
export interface TrackTarget {
  /** The account given for this call only, as `context.groupId`. */
  readonly groupId?: string | undefined
  /** The account of the surrounding scope, used when `groupId` is not given. */
  readonly account?: string | undefined
  /** Overrides `readyTimeout` for this call; `Infinity` waits for the tag without bound. */
  readonly readyTimeout?: number | undefined
  /** The catalogue to check this event against, when it is not the tracker's (custom events). */
  readonly events?: EventCatalog | undefined
}

/**
 * One event's life, as seen by `subscribe` (devtools, tests): each change of state is a new record
 * with the same `id`.
 *
 * @example
 * ```ts
 * tracker.subscribe((record) => console.debug(record.event, record.state))
 * ```
 */
export interface EventRecord {
  readonly id: number
  /** The event's name as sent. */
  readonly event: string
  readonly properties: Record<string, unknown>
  readonly groupId: string | undefined
  /** `'valid'`, `'invalid'` (with `issues`), or `'unchecked'` when validation is off. */
  readonly validation: 'valid' | 'invalid' | 'unchecked'
  readonly issues: readonly ValidationIssue[]
  /** `'rejected'` when validation stopped it; otherwise where the handoff has it. */
  readonly state: HandoffState | 'rejected'
  /** `Date.now()` at this change. */
  readonly time: number
}

/**
 * Validates events, holds every call to the tag in one ordered queue until the tag is ready, and
 * hands each over exactly once. Create one with {@link createTracker}.
 *
 * @example
 * ```ts
 * const tracker: Tracker = createTracker({ tag: window.analytics })
 * ```
 */
export interface Tracker<C extends EventCatalog = B2bSaasEvents> {
  /**
   * Validates an event and hands it to the tag, after every earlier call. Resolves with its
   * {@link Delivery}; rejects with an `IntileryValidationError` (mode `'throw'`) or an
   * `IntileryTagError` (the tag threw, or there is still no tag after `readyTimeout`; the event then
   * stays queued). Never throws.
   */
  track<E extends keyof C & string>(
    event: E,
    properties?: EventProperties<E, C>,
    target?: TrackTarget,
  ): Promise<Delivery>
  /** Tells the tag who the user is, in order with events. The same user and traits again is a no-op. */
  identify(userId: string, traits?: object): void
  /** Tells the tag the current account, in order with events. The same account again is a no-op. */
  group(groupId: string): void
  /**
   * Clears the identity: every call after this one reaches the tag after its `reset()`. Until the
   * app identifies a user or sets an account again, events no longer inherit the old account.
   */
  reset(): void
  /**
   * Sets the user's consent. Pending holds every call in order; granted sends what was held; denied
   * discards what waits and sends nothing more. Leaving denied tells the tag the current user and
   * account again before anything else.
   */
  setConsent(consent: Consent): void
  /** Changes settings in place (the provider calls this when its props change). The catalogue and queue limit are fixed at creation. */
  configure(options: Omit<TrackerOptions<C>, 'events' | 'queueLimit'>): void
  /** Hands an error to `onError`, as the tracker does with what no promise carries. Never throws. */
  report(error: IntileryError): void
  /** Follows every event's life: a record per change of state. Returns the function that stops it. */
  subscribe(listener: (record: EventRecord) => void): () => void
  /** The settings in force, with defaults filled in. */
  readonly settings: {
    readonly validation: ValidationMode
    readonly deliveryTimeout: number
    readonly readyTimeout: number
    readonly logoutTimeout: number
    readonly consent: Consent
  }
  /** True after a logout until a user is identified again or signs in or up. */
  readonly loggedOut: boolean
}

const objectAction: Readonly<Record<string, string>> = {
  'Signed Up': 'User Signed Up',
  'Signed In': 'User Signed In',
  'Signed Out': 'User Signed Out',
}

interface Inspected {
  readonly id: number
  readonly validation: EventRecord['validation']
  readonly issues: readonly ValidationIssue[]
}

/**
 * Creates a tracker: the framework-free heart of the library, usable from plain TypeScript.
 *
 * @example
 * ```ts
 * import { createTracker } from '@intilery/core'
 * const tracker = createTracker({ tag: window.analytics })
 * await tracker.track('Signed In', { username: 'pgibbons' }, { account: 'acct_123' })
 * ```
 */
export function createTracker<C extends EventCatalog = B2bSaasEvents>(options: TrackerOptions<C> = {}): Tracker<C> {
  let settings = options
  let consent: Consent = 'granted'
  let identity: string | undefined
  let identityArgs: readonly [string, object | undefined] | undefined
  let account: string | undefined
  let loggedOut = false
  /** After a logout, the inherited account is not used until the app sets an identity or account again. */
  let accountHeld = false
  let ids = 0
  const listeners = new Set<(record: EventRecord) => void>()
  const inspected = new WeakMap<TrackCall, Inspected>()
  const catalog: EventCatalog = options.events ?? b2bSaasEvents

  const report = (error: IntileryError): void => {
    try {
      settings.onError?.(error)
    } catch {
      // An app's error handler that throws must not break delivery.
    }
  }

  const notify = (
    info: Inspected,
    payload: Pick<TrackPayload, 'event' | 'properties'> & { context: { groupId?: string } },
    state: EventRecord['state'],
  ): void => {
    const record: EventRecord = {
      ...info,
      event: payload.event,
      properties: payload.properties,
      groupId: payload.context.groupId,
      state,
      time: Date.now(),
    }
    for (const listener of listeners) {
      try {
        listener(record)
      } catch {
        // An inspector that throws must not break delivery.
      }
    }
  }

  // The default depends on NODE_ENV: read it when settings change, not on every event.
  let mode: ValidationMode = options.validation ?? (isProduction() ? 'report' : 'throw')

  const getTag = (): AnalyticsTag | undefined => {
    const source = settings.tag
    try {
      const tag = source === undefined ? windowAnalytics() : typeof source === 'function' ? source() : source
      return isTag(tag) ? tag : undefined
    } catch {
      // A tag source that throws is no tag.
      return undefined
    }
  }

  const limit = options.queueLimit ?? 1000
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`[intilery] queueLimit must be a whole number of at least 1, got ${String(limit)}`)
  }
  const handoff = createHandoff(getTag, limit, options.deliveryTimeout ?? 300, {
    report,
    state: (call, state) => {
      const info = inspected.get(call)
      if (info !== undefined) notify(info, call.payload, state)
    },
  })

  /** A logout under a denial: the tag still holds the old user, so it is reset before anything else. */
  let resetPending = false
  const send = (call: Call): void => {
    if (consent !== 'denied') handoff.send(call)
    else if (Array.isArray(call) && call[0] === 'reset') resetPending = true
  }

  const tracker: Tracker<C> = {
    get settings() {
      return {
        validation: mode,
        deliveryTimeout: handoff.deliveryTimeout,
        readyTimeout: settings.readyTimeout ?? 1000,
        logoutTimeout: settings.logoutTimeout ?? 1000,
        consent,
      }
    },
    get loggedOut() {
      return loggedOut
    },

    configure(changes) {
      settings = { ...settings, ...changes }
      mode = settings.validation ?? (isProduction() ? 'report' : 'throw')
      handoff.deliveryTimeout = settings.deliveryTimeout ?? 300
      if (changes.consent !== undefined) tracker.setConsent(changes.consent)
    },

    setConsent(next) {
      const before = consent
      consent = next
      handoff.held = next !== 'granted'
      // A reset dropped with the queue still has to reach the tag, before anything else.
      if (next === 'denied') resetPending = handoff.discard() || resetPending
      else if (before === 'denied') {
        if (resetPending) handoff.send(['reset'])
        resetPending = false
        if (identityArgs) handoff.send(['identify', ...identityArgs])
        if (account !== undefined) handoff.send(['group', account])
      }
      handoff.flush()
    },

    track(event, properties, target = {}) {
      const held = accountHeld && target.groupId === undefined
      const groupId = target.groupId ?? (held ? undefined : target.account)
      const given = (properties === undefined ? {} : properties) as Record<string, unknown>
      const wire = settings.eventNaming === 'object-action' ? (objectAction[event] ?? event) : event
      let sent = given
      let info: Inspected | undefined
      if (mode !== 'off') {
        const checked = validateEvent(
          target.events ?? catalog,
          event,
          given,
          groupId,
          held && target.account !== undefined,
        )
        if (checked.ok) sent = checked.properties
        else {
          if (listeners.size > 0) {
            info = { id: ids++, validation: 'invalid', issues: checked.error.issues }
          }
          if (mode === 'throw') {
            if (info) notify(info, { event: wire, properties: given, context: { groupId } }, 'rejected')
            return Promise.reject(checked.error)
          }
          report(checked.error)
        }
      }
      if (event === 'Signed In' || event === 'Signed Up') loggedOut = false
      const payload: TrackPayload = { event: wire, properties: sent, context: groupId === undefined ? {} : { groupId } }
      if (listeners.size > 0) info ??= { id: ids++, validation: mode === 'off' ? 'unchecked' : 'valid', issues: [] }

      return new Promise<Delivery>((resolve, reject) => {
        const call: TrackCall = {
          payload,
          settle(outcome) {
            if (call.done) return
            call.done = true
            if (outcome instanceof IntileryError) reject(outcome)
            else resolve({ event: wire, status: outcome, payload })
          },
        }
        if (info) inspected.set(call, info)
        if (consent === 'denied') {
          call.settle('discarded')
          if (info) notify(info, payload, 'discarded')
          return
        }
        // Every event takes its place in the one queue, tag or no tag: a tag that appears later gets
        // it in order. Its promise does not wait for ever: after readyTimeout it settles as 'queued',
        // or, when there is still no tag at all, rejects with a clear error (the event stays queued).
        handoff.send(call)
        const wait = target.readyTimeout ?? settings.readyTimeout ?? 1000
        if (call.handed || call.done || !Number.isFinite(wait)) return
        later(wait, () => {
          if (call.handed || call.done) return
          if (consent === 'granted' && getTag() === undefined) {
            call.settle(new IntileryTagError(wire, 'missing'))
            if (info) notify(info, payload, 'failed')
          } else call.settle('queued')
        })
      })
    },

    identify(userId, traits) {
      loggedOut = false
      accountHeld = false
      let key: string | undefined
      try {
        key = JSON.stringify([userId, traits])
      } catch {
        // Traits that cannot be compared (a cycle) count as changed.
      }
      if (key !== undefined && key === identity) return
      identity = key
      identityArgs = [userId, traits]
      send(['identify', userId, traits])
    },

    group(groupId) {
      accountHeld = false
      if (groupId === account) return
      account = groupId
      send(['group', groupId])
    },

    reset() {
      identity = identityArgs = account = undefined
      loggedOut = accountHeld = true
      send(['reset'])
    },

    report,

    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  tracker.setConsent(options.consent ?? 'granted')
  return tracker
}
