/**
 * One call on its way to the tag, and the parts a tracker is made of: the shell that owns the
 * session hands calls to a {@link Pipeline} (the command buffer until the delivery code has loaded,
 * then the engine's), through a {@link Host} that gives it what it reads of the tracker.
 */
import { IntileryError, type ValidationIssue } from './errors'
import type { EventCatalog } from './events/catalog'
import type { Settings } from './settings'
import type { AnalyticsTag } from './tag'
import type { Effect } from './session'
import type {
  Clock,
  Consent,
  Delivery,
  DeliveryStatus,
  EventRecord,
  TrackerOptions,
  TrackPayload,
  TrackTarget,
} from './types'
import type { Validator } from './validator'

/** A payload while the call is on its way (its properties are replaced once validated). */
export type Building = { -readonly [K in keyof TrackPayload]: TrackPayload[K] }

/** How an event's promise settles: a status, or an error. */
export type Outcome = DeliveryStatus | IntileryError

/** The page as analytics.js tags read it when called, and the time: kept by a call that waits. */
export interface Stamp {
  readonly timestamp: Date
  readonly page: { path: string; referrer: string; search: string; title: string; url: string }
}

/** A call to the tag, in the one order the tag must see them. */
export interface Call {
  readonly type: 'track' | 'page' | 'identify' | 'group' | 'reset'
  /** Set when someone listened as it reached the engine: its {@link EventRecord}s carry it. */
  id: number | undefined
  /** The user an identify names, or the account a group names. */
  readonly target?: string | undefined
  /** The traits of an identify or a group (replaced once checked, when some looked like personal data). */
  traits?: object | undefined
  /** An event's (or page view's) payload. */
  readonly payload?: Building
  /** An event's name as the app wrote it (the catalogue knows it by this name). */
  readonly name?: string | undefined
  /** The user the session held when the event was made: the tag is asked to keep it (see pin). */
  readonly userId?: string | undefined
  /** No account because a logout held the one it would have inherited (for the error's message). */
  readonly afterLogout?: boolean
  /** When the event stops waiting for a tag: its promise then settles as `'queued'`. */
  readonly readyAt?: number
  /** Settles the event's promise (the first outcome wins). */
  readonly settle?: (outcome: Outcome) => void
  /** The page and time it was made at, taken when it had to wait. */
  at?: Stamp | undefined
  validation?: EventRecord['validation']
  issues?: readonly ValidationIssue[]
  /** True once settled (a failure after that can only be reported). */
  done?: boolean
  /** True once handed to the tag (a reset: handed ahead of what consent held). */
  handed?: boolean
  /** Its readiness deadline passed while it waited for its check: it settles as soon as it is checked. */
  late?: boolean
  /** A logout's Signed Out: with no tag at all it settles `'queued'` (a logout never fails for want of a tag). */
  readonly logout?: boolean
  /** Consent is denied: it is checked (in `'throw'` mode), then settles as `'discarded'`, unsent. */
  readonly discard?: boolean
  /** Part of a batch: handed over in slices, so that a big one does not freeze the page. */
  readonly batch?: boolean
  /** Its readiness deadline while it waits; cleared once it is handed over. */
  due?: { run: (() => void) | undefined } | undefined
}

export const isEvent = (call: Call): boolean => call.payload !== undefined

/** What a pipeline reads of its tracker. */
export interface Host {
  readonly clock: Clock
  /** The tag as given (an instance, a function's answer, or `window.analytics`), if it is one. */
  readonly getTag: () => AnalyticsTag | undefined
  readonly settings: () => Settings
  /** The queue limit (`queueLimit`), read once. */
  readonly limit: number
  /** The validation code: undefined while it loads, null when it could not be loaded. */
  readonly validator: () => Validator | null | undefined
  /** The app's own events. */
  readonly events: EventCatalog | undefined
  /** What the options say of personal data: leave out what is marked (`personalData: 'omit'`), and the query parameters redacted by name. */
  readonly privacy: () => { readonly omit: boolean; readonly params: readonly string[] | undefined }
  readonly report: (error: IntileryError) => void
  /** Tells subscribers that a call changed state. */
  readonly notify: (call: Call, state: EventRecord['state']) => void
  /** Settles an event and tells subscribers. */
  readonly finish: (call: Call, outcome: Outcome, state?: EventRecord['state']) => void
}

/** Where a tracker hands its calls: in order, each exactly once. */
export interface Pipeline {
  /** Takes a new call, after every earlier one. */
  push(call: Call): void
  /** Holds what waits (pending), sends it (granted) or discards it (denied). */
  consent(consent: Consent): void
  /** Something a waiting call needs has arrived (the validation code): look again. */
  flush(): void
  /** Stops its timers and what it asked of the tag; what waits stays. */
  dispose(): void
  /** The calls it still holds, in order (the engine takes those of the command buffer). */
  take(): Call[]
}

/**
 * An event's name as an error shows it. A name that does not read like one (an email passed as the
 * event by mistake) may be personal data: it is shown as `[event]`, as validation errors show it.
 * The rule is copied in events/validate.ts (the validation chunk) and the testing matchers.
 */
export const shownName = (name: string): string => (/^(?:[A-Za-z][\w .:/-]{0,79})?$/.test(name) ? name : '[event]')

/** What the tracker hands the delivery code when it has loaded: its pipeline takes it from there. */
export interface Front {
  readonly options: TrackerOptions<EventCatalog>
  readonly clock: Clock
  readonly listeners: ReadonlySet<(record?: EventRecord) => void>
  readonly report: (error: IntileryError) => void
  readonly getTag: () => AnalyticsTag | undefined
  /** The validation code, or the promise of it while it loads; undefined when validation is off. */
  readonly validator: Validator | Promise<Validator> | undefined
  readonly consent: Settings['consent']
}

/** What the delivery code gives back: it takes every call from then on. */
export interface Attached {
  readonly push: (call: Call) => void
  readonly consent: (consent: Settings['consent']) => void
  readonly configure: (options: TrackerOptions<EventCatalog>) => void
  readonly dispose: () => void
  readonly settings: () => Settings
}

/** What an event's call is made of: the call as the app made it, and what the session decided of it. */
export interface EventMaking {
  readonly type: 'track' | 'page'
  readonly event: string | undefined
  readonly properties: unknown
  readonly effect: Extract<Effect, { type: 'event' }>
  readonly target: TrackTarget
  /** A logout's Signed Out. */
  readonly logout?: boolean
}

const naming: Readonly<Record<string, string>> = {
  'Signed Up': 'User Signed Up',
  'Signed In': 'User Signed In',
  'Signed Out': 'User Signed Out',
}

/** A number of milliseconds, 0 or more, or the default (the delivery code checks settings and says what is wrong). */
export const ms = (value: unknown, fallback: number, finite?: boolean): number =>
  typeof value === 'number' && value >= 0 && (!finite || value < Infinity) ? value : fallback

/** An event's call, whose `settle` settles its promise with its delivery (the first outcome wins). */
export function eventCall(
  { type, event, properties, effect, target, logout }: EventMaking,
  { eventNaming, readyTimeout, validation }: Settings,
  now: number,
  resolve: (delivery: Delivery) => void,
  reject: (error: IntileryError) => void,
): Call {
  const name = event === undefined ? '' : eventNaming === 'object-action' ? (naming[event] ?? event) : event
  const { userId, groupId, afterLogout, discarded } = effect
  const call: Call = {
    type,
    id: undefined,
    name: event,
    payload: {
      event: name,
      properties: (properties === undefined ? {} : properties) as Record<string, unknown>,
      context: groupId === undefined ? {} : { groupId },
    },
    userId,
    afterLogout,
    readyAt: now + ms(target.readyTimeout, readyTimeout),
    validation: validation === 'off' ? 'unchecked' : 'pending',
    discard: discarded,
    batch: target.batch,
    logout,
    settle: (outcome: Outcome) => {
      if (call.done) return
      call.done = true
      if (outcome instanceof IntileryError) reject(outcome)
      else resolve({ event: name, status: outcome, payload: call.payload! })
    },
  }
  return call
}

/** True for a non-empty string id; otherwise says so to `report` (nothing is sent) and is false. */
export function named(id: unknown, call: 'identify' | 'group', report: (error: IntileryError) => void): id is string {
  if (typeof id === 'string' && id !== '') return true
  const what = call === 'identify' ? 'userId' : 'groupId'
  report(new IntileryError(`${call} needs a ${what}: a non-empty string; nothing was sent`))
  return false
}

/** The call for an identify, a group or a reset the session decided. */
export function identityCall(effect: Extract<Effect, { type: 'identify' | 'group' | 'reset' }>): Call {
  if (effect.type === 'reset') return { type: 'reset', id: undefined }
  const target = effect.type === 'identify' ? effect.userId : effect.groupId
  return { type: effect.type, id: undefined, target, traits: effect.traits }
}
