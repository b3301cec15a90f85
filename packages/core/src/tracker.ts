import { windowAnalytics } from './browser'
import { isProduction } from './env'
import { isEqual } from './equal'
import { type IntileryError, IntileryTagError, type ValidationIssue } from './errors'
import { b2bSaasEvents, type B2bSaasEvents, type EventCatalog, type EventProperties } from './events'
import { type Call, Handoff, type HandoffState, type TrackCall, type TrackPayload } from './handoff'
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

/** Events that begin a session: after one, a logout sends Signed Out again. */
const sessionStart = new Set(['Signed In', 'Signed Up'])

const objectAction: Readonly<Record<string, string>> = {
  'Signed Up': 'User Signed Up',
  'Signed In': 'User Signed In',
  'Signed Out': 'User Signed Out',
}

const accountHeldAfterLogout =
  'no account since logout: set a new groupId or userId on IntileryProvider, or pass context.groupId'

const defaults = { deliveryTimeout: 300, readyTimeout: 1000, queueLimit: 1000, logoutTimeout: 1000 }

interface Meta {
  readonly validation: EventRecord['validation']
  readonly issues: readonly ValidationIssue[]
}

/**
 * Validates events, holds every call to the tag in one ordered queue until the tag is ready, and
 * hands each over exactly once. Create one with {@link createTracker}.
 *
 * @example
 * ```ts
 * const tracker = createTracker({ tag: window.analytics })
 * tracker.identify('019mr8mf4r')
 * await tracker.track('Signed In', { username: 'pgibbons' }, { account: 'acct_123' })
 * ```
 */
export class Tracker<C extends EventCatalog = B2bSaasEvents> {
  #options: TrackerOptions<C>
  #validation: ValidationMode
  #readyTimeout: number
  readonly #catalog: EventCatalog
  readonly #handoff: Handoff
  #consent: Consent = 'granted'
  #identity: { userId: string; traits: object | undefined } | undefined
  #groupId: string | undefined
  #loggedOut = false
  /** After a logout, the inherited account is not used until the app sets an identity or account again. */
  #accountHeld = false
  #ids = 0
  readonly #listeners = new Set<(record: EventRecord) => void>()
  readonly #meta = new WeakMap<TrackCall, Meta>()

  constructor(options: TrackerOptions<C> = {}) {
    this.#options = options
    this.#validation = resolveValidation(options.validation)
    this.#readyTimeout = options.readyTimeout ?? defaults.readyTimeout
    this.#catalog = options.events ?? b2bSaasEvents
    this.#handoff = new Handoff(
      () => this.#tag(),
      options.queueLimit ?? defaults.queueLimit,
      options.deliveryTimeout ?? defaults.deliveryTimeout,
      { report: (error) => this.#report(error), state: (call, state) => this.#emit(call, state) },
    )
    this.setConsent(options.consent ?? 'granted')
  }

  /** The settings in force, with defaults filled in. */
  get settings(): {
    readonly validation: ValidationMode
    readonly deliveryTimeout: number
    readonly readyTimeout: number
    readonly logoutTimeout: number
    readonly consent: Consent
  } {
    return {
      validation: this.#validation,
      deliveryTimeout: this.#handoff.deliveryTimeout,
      readyTimeout: this.#readyTimeout,
      logoutTimeout: this.#options.logoutTimeout ?? defaults.logoutTimeout,
      consent: this.#consent,
    }
  }

  /** True after a logout until a user is identified again or signs in or up. */
  get loggedOut(): boolean {
    return this.#loggedOut
  }

  /** Changes settings in place (the provider calls this when its props change). The catalogue and queue limit are fixed at creation. */
  configure(options: Omit<TrackerOptions<C>, 'events' | 'queueLimit'>): void {
    this.#options = { ...this.#options, ...options }
    this.#validation = resolveValidation(this.#options.validation)
    this.#readyTimeout = this.#options.readyTimeout ?? defaults.readyTimeout
    this.#handoff.deliveryTimeout = this.#options.deliveryTimeout ?? defaults.deliveryTimeout
    if (options.consent !== undefined) this.setConsent(options.consent)
    this.#handoff.flush()
  }

  /**
   * Sets the user's consent. Pending holds every call in order; granted sends what was held; denied
   * discards what waits and sends nothing more. Leaving denied tells the tag the current user and
   * account again before anything else.
   */
  setConsent(consent: Consent): void {
    const before = this.#consent
    if (consent === before) return
    this.#consent = consent
    this.#handoff.held = consent !== 'granted'
    if (consent === 'denied') {
      this.#handoff.discard()
      return
    }
    if (before === 'denied') {
      if (this.#identity) this.#handoff.send({ kind: 'identify', ...this.#identity })
      if (this.#groupId !== undefined) this.#handoff.send({ kind: 'group', groupId: this.#groupId })
    }
    this.#handoff.flush()
  }

  /**
   * Validates an event and hands it to the tag, after every earlier call. Resolves with its
   * {@link Delivery}; rejects with an `IntileryValidationError` (mode `'throw'`) or an
   * `IntileryTagError` (no tag, or the tag threw). Never throws.
   */
  track<E extends keyof C & string>(event: E, properties?: EventProperties<E, C>, target: TrackTarget = {}): Promise<Delivery> {
    const held = this.#accountHeld && target.groupId === undefined && target.account !== undefined
    const groupId = target.groupId ?? (held ? undefined : target.account)
    const given = (properties === undefined ? {} : properties) as Record<string, unknown>
    const wire = this.#options.eventNaming === 'object-action' ? (objectAction[event] ?? event) : event
    let sent = given
    let meta: Meta = unchecked
    if (this.#validation !== 'off') {
      const catalog = target.events ?? this.#catalog
      const checked = validateEvent(catalog, event, given, groupId, held ? accountHeldAfterLogout : undefined)
      if (checked.ok) {
        sent = checked.properties
        meta = valid
      } else {
        meta = { validation: 'invalid', issues: checked.error.issues }
        if (this.#validation === 'throw') {
          this.#notify(this.#ids++, wire, given, groupId, meta, 'rejected')
          return Promise.reject(checked.error)
        }
        this.#report(checked.error)
      }
    }
    if (sessionStart.has(event)) this.#loggedOut = false
    const payload: TrackPayload = { event: wire, properties: sent, context: groupId === undefined ? {} : { groupId } }
    if (this.#consent === 'denied') {
      this.#notify(this.#ids++, wire, sent, groupId, meta, 'discarded')
      return Promise.resolve({ event: wire, status: 'discarded', payload })
    }
    if (!this.#handoff.hasTag()) return Promise.reject(new IntileryTagError(wire, 'missing'))
    return new Promise<Delivery>((resolve, reject) => {
      const call: TrackCall = {
        kind: 'track',
        id: this.#ids++,
        payload,
        resolve: (status) => resolve({ event: wire, status, payload }),
        reject,
      }
      if (this.#listeners.size > 0) this.#meta.set(call, meta)
      const wait = target.readyTimeout ?? this.#readyTimeout
      if (Number.isFinite(wait)) {
        call.timer = setTimeout(() => {
          call.queued = true
          call.resolve('queued')
        }, wait)
      }
      this.#handoff.send(call)
    })
  }

  /**
   * Tells the tag who the user is, in order with events. The same user and traits again is a no-op,
   * so re-renders and StrictMode identify once.
   */
  identify(userId: string, traits?: object): void {
    this.#loggedOut = false
    this.#accountHeld = false
    if (this.#identity && this.#identity.userId === userId && isEqual(this.#identity.traits, traits)) return
    this.#identity = { userId, traits }
    this.#send({ kind: 'identify', userId, traits })
  }

  /** Tells the tag the current account, in order with events. The same account again is a no-op. */
  group(groupId: string): void {
    this.#accountHeld = false
    if (this.#groupId === groupId) return
    this.#groupId = groupId
    this.#send({ kind: 'group', groupId })
  }

  /**
   * Clears the identity: every call after this one reaches the tag after its `reset()`. Until the
   * app identifies a user or sets an account again, events no longer inherit the old account.
   */
  reset(): void {
    this.#identity = undefined
    this.#groupId = undefined
    this.#loggedOut = true
    this.#accountHeld = true
    this.#send({ kind: 'reset' })
  }

  /**
   * Follows every event's life: a record per change of state. Returns the function that stops it.
   *
   * @example
   * ```ts
   * const stop = tracker.subscribe((record) => log.push(record))
   * ```
   */
  subscribe(listener: (record: EventRecord) => void): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  #send(call: Call): void {
    if (this.#consent !== 'denied') this.#handoff.send(call)
  }

  #tag(): AnalyticsTag | undefined {
    const source = this.#options.tag
    const tag = source === undefined ? windowAnalytics() : typeof source === 'function' ? source() : source
    return isTag(tag) ? tag : undefined
  }

  #emit(call: TrackCall, state: HandoffState): void {
    if (this.#listeners.size === 0) return
    const { payload } = call
    this.#notify(call.id, payload.event, payload.properties, payload.context.groupId, this.#meta.get(call) ?? unchecked, state)
  }

  #notify(
    id: number,
    event: string,
    properties: Record<string, unknown>,
    groupId: string | undefined,
    meta: Meta,
    state: EventRecord['state'],
  ): void {
    if (this.#listeners.size === 0) return
    const record: EventRecord = { id, event, properties, groupId, ...meta, state, time: Date.now() }
    for (const listener of this.#listeners) {
      try {
        listener(record)
      } catch {
        // An inspector that throws must not break delivery.
      }
    }
  }

  #report(error: IntileryError): void {
    try {
      this.#options.onError?.(error)
    } catch {
      // An app's error handler that throws must not break delivery.
    }
  }
}

const unchecked: Meta = { validation: 'unchecked', issues: [] }
const valid: Meta = { validation: 'valid', issues: [] }

function resolveValidation(mode: ValidationMode | undefined): ValidationMode {
  return mode ?? (isProduction() ? 'report' : 'throw')
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
  return new Tracker<C>(options)
}
