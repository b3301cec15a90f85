import { systemClock } from './clock'
import type { WithEvents } from './defineEvents'
import { IntileryError } from './errors'
import type { EventCatalog } from './events/catalog'
import { specEventNames } from './names'
import type { Settings } from './settings'
import type { Delivery as Sent, EventRecord, Tracker, TrackerEngine, TrackerOptions, TrackerSnapshot } from './types'
import type { Links } from './links'
import type { Validator } from './validator'

type Options = TrackerOptions<EventCatalog>
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a tracker of any catalogue
type AnyTracker = Tracker<any>
type Method = keyof AnyTracker &
  ('track' | 'page' | 'identify' | 'group' | 'sync' | 'declare' | 'reset' | 'logout' | 'setConsent')

/** The delivery code: what the engine's pipeline is made of. */
/** A call made before the tracker's code loaded, as it was made, with its promise when it has one. */
type Recorded = [method: Method, args: unknown[], wait?: Waiting]

interface Waiting {
  readonly at: number
  readonly settle: (value: unknown, error?: boolean) => void
  readonly queued: unknown
  done?: boolean
}

/** A number of milliseconds, 0 or more, or the default (the tracker's code checks settings and says what is wrong). */
const ms = (value: unknown, fallback: number, finite?: boolean): number =>
  typeof value === 'number' && value >= 0 && (!finite || value < Infinity) ? value : fallback

/**
 * Creates a tracker: the framework-free heart of the library, usable from plain TypeScript, and
 * what `IntileryProvider` makes unless it is given one.
 *
 * What this returns is a command buffer, like the analytics.js snippet's: it records every call, in
 * order, and decides nothing. The tracker's code — the session's state machine, the ordered queue,
 * the tag connection, validation — loads in chunks of their own, side by side and beside the tag,
 * off the critical path; it then takes the calls over, in order. Meanwhile an event's promise still
 * settles at its `readyTimeout` (`'queued'`), and a logout's at its `logoutTimeout`. Creating one
 * has no side effect: it starts at its first call or `mount()` (call `mount()` when the app starts
 * to load the code early). Give `engine` from `@intilery/core/engine` (and `validator` from
 * `@intilery/core/events`) to run it at once. If the delivery code cannot be loaded, calls go to the
 * tag directly, in order, decided by the same session, unchecked; if the session's code cannot be
 * loaded either, nothing is sent, and `onError` says so.
 *
 * @example
 * ```ts
 * import { createTracker } from '@intilery/core'
 * const tracker = createTracker({ userId: '019mr8mf4r', groupId: 'acct_123' })
 * tracker.mount() // start loading its code now
 * await tracker.track('Signed In', { username: 'pgibbons' })
 * await tracker.logout({ properties: { username: 'pgibbons' } })
 * ```
 */
export function createTracker<const T extends EventCatalog = {}>(
  options: TrackerOptions<T> = {},
): Tracker<WithEvents<T>> {
  return new TrackerFront(options)
}

/** The front of a tracker, in the initial bundle: records calls until the tracker's code takes them. */
class TrackerFront implements AnyTracker {
  #options: Options
  readonly #listeners = new Set<(record?: EventRecord) => void>()
  readonly #snapshot: TrackerSnapshot
  #calls: Recorded[] = []
  #tracker: AnyTracker | undefined
  #started = false
  /** Mounts made before the code loaded, held as one mount of the code's once it has. */
  #mounts = 0
  #release: (() => void) | undefined
  #timer: unknown

  constructor(options: Options) {
    this.#options = options
    const { userId, traits, groupId, groupTraits, consent = 'granted' } = options
    this.#snapshot = { userId, traits, groupId, groupTraits, consent, loggedOut: false }
    if (typeof options.engine === 'object') this.#start()
  }

  get settings(): Settings {
    return this.#tracker?.settings ?? this.#defaults()
  }

  #defaults(): Settings {
    const options = this.#options
    let production = false
    try {
      production = process.env.NODE_ENV === 'production'
    } catch {
      // No bundler and no `process`: a development build.
    }
    return {
      validation: options.validation ?? (production ? 'report' : 'throw'),
      deliveryTimeout: ms(options.deliveryTimeout, 300),
      readyTimeout: ms(options.readyTimeout, 1000),
      logoutTimeout: ms(options.logoutTimeout, 1000),
      consent: this.#snapshot.consent,
      eventNaming: options.eventNaming ?? 'spec',
    }
  }

  track = (...args: unknown[]) => this.#later('track', args) as Promise<Sent>
  page = (...args: unknown[]) => this.#later('page', args) as Promise<Sent>
  logout = (...args: unknown[]) => this.#later('logout', args) as ReturnType<AnyTracker['logout']>
  identify = (...args: unknown[]) => void this.#call('identify', args)
  group = (...args: unknown[]) => void this.#call('group', args)
  sync = (...args: unknown[]) => void this.#call('sync', args)
  declare = (...args: unknown[]) => void this.#call('declare', args)
  reset = () => void this.#call('reset', [])
  setConsent = (...args: unknown[]) => void this.#call('setConsent', args)

  configure(changes: Parameters<AnyTracker['configure']>[0]): void {
    if (this.#tracker) return this.#tracker.configure(changes)
    // Before the code loads, its settings are those it will be made with; a consent is a call.
    const { consent, ...rest } = changes ?? {}
    this.#options = { ...this.#options, ...rest }
    if (consent !== undefined) this.setConsent(consent)
  }

  report = (error: IntileryError): void => {
    if (this.#tracker) return this.#tracker.report(error)
    try {
      this.#options.onError?.(error)
    } catch {
      // An app's error handler that throws changes nothing.
    }
  }

  knows = (event: string): boolean => {
    const { events } = this.#options
    return (
      (events !== undefined && Object.hasOwn(events, event)) || (specEventNames as readonly string[]).includes(event)
    )
  }

  subscribe(listener: (record?: EventRecord) => void): () => void {
    this.#listeners.add(listener)
    return () => void this.#listeners.delete(listener)
  }

  getSnapshot = (): TrackerSnapshot => this.#tracker?.getSnapshot() ?? this.#snapshot

  mount(): () => void {
    this.#start()
    if (this.#tracker) return this.#tracker.mount()
    this.#mounts += 1
    let mounted = true
    return () => {
      if (mounted && --this.#mounts === 0) this.#release?.()
      mounted = false
    }
  }

  dispose(): void {
    if (this.#tracker) return this.#tracker.dispose()
    this.#clock.clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #call(method: Method, args: unknown[]): unknown {
    this.#start()
    if (this.#tracker) return (this.#tracker[method] as (...a: unknown[]) => unknown)(...args)
    this.#calls.push([method, args])
  }

  get #clock() {
    return this.#options.clock ?? systemClock
  }

  /** An event or a logout: its promise settles as queued at its bound if the code has not taken it by then. */
  #later(method: Method, args: unknown[]): unknown {
    this.#start()
    if (this.#tracker) return this.#call(method, args)
    const { readyTimeout, logoutTimeout, validation } = this.settings
    const logout = method === 'logout'
    const [event, properties, target] = (logout ? ['Signed Out', ...args] : args) as [
      unknown,
      { properties?: unknown; timeout?: unknown } | undefined,
      { groupId?: string; readyTimeout?: unknown } | undefined,
    ]
    const name = typeof event === 'string' ? event : ''
    const delivery = {
      event: name,
      status: 'queued',
      payload: {
        event: name,
        properties: (logout ? properties?.properties : properties) ?? {},
        context: target?.groupId === undefined ? {} : { groupId: target.groupId },
      },
    }
    return new Promise((resolve, reject) => {
      const wait: Waiting = {
        // In 'throw' mode an event settles once it has been checked: the code that checks it has to load.
        at:
          validation === 'throw'
            ? Infinity
            : this.#clock.now() +
              (logout ? ms(properties?.timeout, logoutTimeout, true) : ms(target?.readyTimeout, readyTimeout)),
        settle: (value, error) => {
          wait.done = true
          ;(error ? reject : resolve)(value)
        },
        queued: logout ? { signedOut: delivery } : delivery,
      }
      this.#calls.push([method, args, wait])
      this.#arm()
    })
  }

  /** One timer for the earliest bound among the calls that wait. */
  #arm(): void {
    const clock = this.#clock
    const now = clock.now()
    let next = Infinity
    for (const [, , wait] of this.#calls) {
      if (!wait || wait.done) continue
      if (wait.at <= now) wait.settle(wait.queued)
      else next = Math.min(next, wait.at)
    }
    clock.clearTimeout(this.#timer)
    this.#timer = next < Infinity ? clock.setTimeout(() => this.#arm(), next - now) : undefined
  }

  /**
   * Starts once: the session's code and the delivery code load side by side. The validation code
   * loads beside them in `'throw'` mode, where events wait for it; in `'report'` mode, where none
   * does, once they have arrived: on a slow link it would share the bandwidth the first event
   * waits for.
   */
  #start(): void {
    if (this.#started) return
    this.#started = true
    const { engine, validator } = this.#options
    const delivery =
      typeof engine === 'object'
        ? engine
        : load(engine ?? (() => import('./delivery').then((module) => module.delivery)))
    const code =
      typeof engine === 'object' || engine
        ? (delivery as Promise<TrackerEngine>)
        : import('./tracker').then((module) => module.tracker)
    const { validation } = this.#defaults()
    const check = (): Promise<Validator> =>
      load((validator as (() => Promise<Validator>) | undefined) ?? (() => import('./validator')))
    const links: Links = {
      listeners: this.#listeners,
      clock: this.#clock,
      settings: () => this.#defaults(),
      knows: this.knows,
      delivery,
      validator:
        validation === 'off'
          ? undefined
          : typeof validator === 'object'
            ? validator
            : validation === 'throw'
              ? check()
              : Promise.allSettled([delivery, code]).then(check),
    }
    if (typeof engine === 'object') return this.#take(engine.create(this.#options, links) as AnyTracker)
    code.then(
      (code) => this.#take(code.create(this.#options, links) as AnyTracker),
      (error: unknown) =>
        this.report(
          new IntileryError('its code could not be loaded: nothing is sent from this page', undefined, {
            cause: error,
          }),
        ),
    )
  }

  /** The tracker's code takes over: what was recorded, in order, with what is left of each bound. */
  #take(tracker: AnyTracker): void {
    this.dispose()
    const now = this.#clock.now()
    this.#tracker = tracker
    if (this.#mounts > 0) this.#release = tracker.mount()
    for (const [method, args, wait] of this.#calls) {
      if (wait && wait.at < Infinity) {
        const left = Math.max(0, wait.at - now)
        args[method === 'logout' ? 0 : 2] =
          method === 'logout'
            ? { ...(args[0] as object), timeout: left }
            : { ...(args[2] as object), readyTimeout: left }
      }
      const result = (tracker[method] as (...a: unknown[]) => unknown)(...args)
      if (wait) {
        ;(result as Promise<unknown>).then(
          (value) => wait.settle(value),
          (error: unknown) => wait.settle(error, true),
        )
      }
    }
    this.#calls = []
    for (const listener of this.#listeners) listener()
  }
}

/** Loads code given as a function: its promise, or a rejection when it throws. */
function load<T>(given: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(given()))
}
