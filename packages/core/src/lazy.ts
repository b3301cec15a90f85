import { hasWindow } from './browser'
import { isProduction } from './env'
import type { WithEvents } from './defineEvents'
import { IntileryError, IntileryTimeoutError } from './errors'
import type { EventCatalog } from './events/catalog'
import { createFallback } from './fallback'
import { specEventNames } from './names'
import type { Settings } from './settings'
import type {
  Delivery,
  EventRecord,
  LogoutOptions,
  Tracker,
  TrackerOptions,
  TrackerSnapshot,
  TrackTarget,
} from './tracker'

/**
 * The tracker's own code: `engine` from `@intilery/core/engine`.
 *
 * @example
 * ```ts
 * import { engine } from '@intilery/core/engine'
 * const given: TrackerEngine = engine
 * ```
 */
export interface TrackerEngine {
  readonly create: <const T extends EventCatalog = {}>(options?: TrackerOptions<T>) => Tracker<WithEvents<T>>
}

/** A call's arguments as the front keeps them (it only reads a target's bound and account). */
type Args = [unknown?, unknown?, (TrackTarget & { readonly readyTimeout?: number | undefined })?]

type Method =
  'track' | 'page' | 'identify' | 'group' | 'sync' | 'reset' | 'logout' | 'setConsent' | 'configure' | 'report'

/**
 * Creates a tracker: the framework-free heart of the library, usable from plain TypeScript, and
 * what `IntileryProvider` makes unless it is given one.
 *
 * Its code stays off the critical path: the initial bundle holds only this front, which takes every
 * call at once and keeps it, in order, until the tracker's code has loaded — in a chunk of its own,
 * in parallel with the tag, which every call waits for anyway (give `engine` from
 * `@intilery/core/engine` to run it at once). Meanwhile `getSnapshot()` gives the session as it was
 * created, an event's promise still settles within `readyTimeout` (as `'queued'`) and a logout
 * within `logoutTimeout`. If the code cannot be loaded (offline, a chunk missing after a deploy),
 * `onError` says so and calls go to the tag directly, in order, unchecked: nothing is lost and
 * nothing hangs.
 *
 * @example
 * ```ts
 * import { createTracker } from '@intilery/core'
 * const tracker = createTracker({ userId: '019mr8mf4r', groupId: 'acct_123' })
 * await tracker.track('Signed In', { username: 'pgibbons' })
 * await tracker.logout({ properties: { username: 'pgibbons' } })
 * ```
 */
export function createTracker<const T extends EventCatalog = {}>(
  options: TrackerOptions<T> = {},
): Tracker<WithEvents<T>> {
  type Loaded = Tracker<WithEvents<T>>
  let tracker: Loaded | undefined
  let loading = false
  /** The calls made before the code loaded, in order. */
  let waiting: ((tracker: Loaded) => void)[] = []
  const listeners = new Set<(record?: EventRecord) => void>()
  const snapshot: TrackerSnapshot = {
    userId: options.userId,
    traits: options.traits,
    groupId: options.groupId,
    groupTraits: options.groupTraits,
    consent: options.consent ?? 'granted',
    loggedOut: false,
  }

  const start = (made: Loaded): void => {
    for (const listener of listeners) made.subscribe?.(listener)
    // Calls made while these run (re-entrant ones, from a handler) join the back of the line.
    for (let i = 0; i < waiting.length; i += 1) waiting[i]!(made)
    waiting = []
    tracker = made
    for (const listener of listeners) listener()
  }

  const load = (): void => {
    if (loading) return
    loading = true
    const given = options.engine
    if (typeof given === 'object') return start(given.create(options))
    new Promise<TrackerEngine>((resolve) =>
      resolve(given?.() ?? import('./engine').then((module) => module.engine)),
    ).then(
      (engine) => start(engine.create(options)),
      (error: unknown) => {
        try {
          options.onError?.(
            new IntileryError('its code could not be loaded: calls go to the tag directly, unchecked', undefined, {
              cause: error,
            }),
          )
        } catch {
          // An app's error handler that throws changes nothing.
        }
        start(createFallback(options) as Loaded)
      },
    )
  }
  // In a browser, start loading now, in parallel with the tag; on a server, at the first call. Code
  // given as it is runs at once.
  if (hasWindow() || typeof options.engine === 'object') load()

  /** A call to the tracker now, or in its place once its code has loaded. */
  const call =
    <M extends Method>(method: M) =>
    // Three parameters at most, named: no arguments array on every call (every event comes through here).
    (a?: unknown, b?: unknown, c?: unknown): ReturnType<Loaded[M]> => {
      load()
      type Call = (a?: unknown, b?: unknown, c?: unknown) => ReturnType<Loaded[M]>
      if (tracker) return (tracker[method] as Call)(a, b, c)
      let result: unknown
      waiting.push((made) => {
        result = (made[method] as Call)(a, b, c)
      })
      return result as ReturnType<Loaded[M]>
    }

  /**
   * An event or a logout now, or once the code has loaded. Its bound (`readyTimeout`, or the
   * logout's) counts from the call: meanwhile the front keeps it; once the code has the call, what
   * is left of the bound goes with it.
   */
  const later =
    <M extends 'track' | 'page' | 'logout'>(
      method: M,
      bound: (args: Args) => [number, () => unknown, (left: number) => unknown[]],
    ) =>
    (a?: unknown, b?: unknown, c?: unknown): ReturnType<Loaded[M]> => {
      load()
      if (tracker) return (tracker[method] as (a?: unknown, b?: unknown, c?: unknown) => ReturnType<Loaded[M]>)(a, b, c)
      const called = Date.now()
      return new Promise<unknown>((resolve, reject) => {
        const [ms, meanwhile, within] = bound([a, b, c] as Args)
        const timer = setTimeout(() => resolve(meanwhile()), ms)
        waiting.push((made) => {
          clearTimeout(timer)
          ;(made[method] as (...a: unknown[]) => Promise<unknown>)(
            ...within(Math.max(0, ms - (Date.now() - called))),
          ).then(resolve, reject)
        })
      }) as ReturnType<Loaded[M]>
    }

  /** What an event settles as when the code has not loaded within its wait: held in order, like a tag that has not loaded. */
  const queued = (event: unknown, properties: unknown, target?: { groupId?: string | undefined }) => (): Delivery => ({
    event: typeof event === 'string' ? event : '',
    status: 'queued',
    payload: {
      event: typeof event === 'string' ? event : '',
      properties: (properties ?? {}) as Record<string, unknown>,
      context: target?.groupId === undefined ? {} : { groupId: target.groupId },
    },
  })
  /** A track's or a page view's bound: its `readyTimeout`, counted from the call. */
  const eventBound = ([event, properties, target]: Args): [number, () => Delivery, (left: number) => unknown[]] => [
    target?.readyTimeout ?? options.readyTimeout ?? 1000,
    queued(event, properties, target),
    (left) => [event, properties, { ...target, readyTimeout: left }],
  ]

  const front: Tracker<WithEvents<T>> = {
    get settings(): Settings {
      if (tracker?.settings) return tracker.settings
      // Until the code loads: the settings as given (checked once it has), defaults filled in.
      return { ...defaults, validation: isProduction() ? 'report' : 'throw', ...options } as Settings
    },
    track: later('track', eventBound),
    page: later('page', eventBound),
    logout: later('logout', ([first]) => {
      const given = first as LogoutOptions | undefined
      return [
        given?.timeout ?? options.logoutTimeout ?? 1000,
        () =>
          Promise.reject(
            new IntileryTimeoutError(
              '"Signed Out" was not confirmed by the tag in time; the identity is reset once the tracker\'s code loads',
              'Signed Out',
            ),
          ),
        (left) => [{ ...given, timeout: left }],
      ]
    }),
    identify: call('identify'),
    group: call('group'),
    sync: call('sync'),
    reset: call('reset'),
    setConsent: call('setConsent'),
    configure: call('configure'),
    report: call('report'),
    knows: (event) =>
      tracker?.knows?.(event) ??
      ((options.events !== undefined && Object.hasOwn(options.events, event)) ||
        (specEventNames as readonly string[]).includes(event)),
    subscribe(listener) {
      listeners.add(listener)
      tracker?.subscribe?.(listener)
      return () => {
        listeners.delete(listener)
        // The engine keeps its listeners in a set: subscribing again and stopping at once takes this
        // one out, whether it was added here or when the code loaded.
        tracker?.subscribe?.(listener)()
      }
    },
    getSnapshot: () => tracker?.getSnapshot?.() ?? snapshot,
    connect() {
      let stop: (() => void) | undefined
      let stopped = false
      const connect = (made: Loaded): void => {
        if (!stopped) stop = made.connect?.()
      }
      if (tracker) connect(tracker)
      else waiting.push(connect)
      return () => {
        stopped = true
        stop?.()
      }
    },
  }
  return front
}

/** The settings' defaults, but for `validation`, which depends on the build. */
const defaults = {
  deliveryTimeout: 300,
  readyTimeout: 1000,
  logoutTimeout: 1000,
  consent: 'granted',
  eventNaming: 'spec',
}
