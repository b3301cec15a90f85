import { CallBuffer, tagOf } from './buffer'
import { type Attached, type Call, type EventMaking, eventCall, type Front, identityCall, ms, named } from './call'
import { IntileryError } from './errors'
import type { EventCatalog } from './events/catalog'
import { inUse } from './inUse'
import { type Command, type Effect, initialSession, Keys, reduce, type SessionState, snapshotOf } from './session'
import { invalid, type Settings } from './settings'
import { isThenable } from './tag'
import type {
  Declaration,
  Delivery,
  EventRecord,
  LogoutOptions,
  LogoutResult,
  Session,
  Tracker,
  TrackerEngine,
  TrackerOptions,
  TrackerSnapshot,
  TrackTarget,
} from './types'
import type { Links } from './links'

type Options = TrackerOptions<EventCatalog>
type EventEffect = Extract<Effect, { type: 'event' }>

/**
 * The one implementation of {@link Tracker}, loaded by the front that `createTracker` returns (or
 * given as `engine`). It decides the session at each call, through the session's state machine
 * (session.ts), and hands what the tag must get, in order, to the delivery code's pipeline, which
 * loads beside it. Until that code has loaded, the calls wait here, in order; if it cannot be
 * loaded, they go to the tag directly (the degraded path): the same session decides them, and what
 * the delivery code held (validation, waiting for the tag to load, its confirmation) is skipped.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the catalogue's type lives in createTracker's signature
export class SessionTracker implements Tracker<any> {
  readonly #front: Front & { options: Options; consent: Settings['consent']; validator: Front['validator'] }
  readonly #links: Links
  readonly #keys = new Keys()
  /** The declarations taken (see declare). */
  readonly #declared = new WeakSet<Declaration>()
  #state: SessionState
  #snapshot: TrackerSnapshot
  #engine: Attached | undefined
  readonly #buffer: CallBuffer
  #running: Promise<LogoutResult> | undefined
  #mounts = 0

  constructor(options: Options, links: Links) {
    this.#links = links
    const consent = options.consent ?? 'granted'
    this.#front = {
      options,
      clock: links.clock,
      listeners: links.listeners,
      report: (error) => {
        try {
          this.#front.options.onError?.(error)
        } catch {
          // An app's error handler that throws must not break delivery.
        }
      },
      getTag: () => tagOf(this.#front.options.tag),
      validator: links.validator,
      consent: 'granted',
    }
    this.#front.consent = this.#consent(consent)
    this.#buffer = new CallBuffer(this.#front, () => this.settings.validation)
    this.#state = initialSession(this.#front.consent)
    this.#snapshot = snapshotOf(this.#state)
    const { userId, traits, groupId, groupTraits } = options
    this.#sync({
      ...(userId === undefined ? {} : { userId, traits }),
      ...(groupId === undefined ? {} : { groupId, groupTraits }),
    })
    const { delivery } = links
    if (!isThenable(delivery)) this.#attach(delivery)
    else {
      delivery.then(
        (loaded) => this.#attach(loaded),
        (error: unknown) => {
          const degraded = 'its delivery code could not be loaded: calls go to the tag directly, unchecked'
          this.report(new IntileryError(degraded, undefined, { cause: error }))
          this.#buffer.degrade()
        },
      )
    }
  }

  get settings(): Settings {
    return this.#engine?.settings() ?? { ...this.#links.settings(), consent: this.#front.consent }
  }

  readonly report = (error: IntileryError): void => this.#front.report(error)

  track(event: string, properties?: object, target?: TrackTarget): Promise<Delivery> {
    return this.#event('track', event, properties, target)
  }

  page(name?: string, properties?: object, target?: TrackTarget): Promise<Delivery> {
    return this.#event('page', name, properties, target)
  }

  identify(userId: string, traits?: Session['traits']): void {
    if (this.#named(userId, 'identify')) this.#run({ type: 'identify', user: this.#keys.known(userId, traits) })
  }

  group(groupId: string, traits?: Session['groupTraits'], options?: { readonly current?: boolean } | null): void {
    if (this.#named(groupId, 'group')) {
      this.#run({ type: 'group', account: this.#keys.known(groupId, traits), current: options?.current ?? true })
    }
  }

  sync(session: Session): void {
    this.#sync(session)
  }

  declare(declaration: Declaration): void {
    const chain: Declaration[] = []
    for (let next: Declaration | undefined = declaration; next && !this.#declared.has(next); next = next.parent) {
      chain.unshift(next)
    }
    for (const { consent, session, scope } of chain) {
      if (consent !== undefined) this.setConsent(consent)
      if (session) this.#sync(session)
      if (scope?.traits !== undefined) this.group(scope.groupId, scope.traits, { current: false })
    }
    for (const taken of chain) this.#declared.add(taken)
  }

  reset(): void {
    this.#run({ type: 'reset' })
  }

  logout(options?: LogoutOptions): Promise<LogoutResult> {
    if (this.#state.phase === 'loggingOut' && this.#running) return this.#running
    const { properties, groupId, account, timeout } = options ?? {}
    let signedOut: Promise<Delivery> | undefined
    this.#run({ type: 'logout', target: { groupId, account } }, (effect) => {
      const readyTimeout = ms(timeout, this.settings.logoutTimeout, true)
      signedOut = this.#call({
        type: 'track',
        event: 'Signed Out',
        properties,
        effect,
        target: { readyTimeout },
        logout: true,
      })
    })
    if (!signedOut) return Promise.resolve({ signedOut: undefined })
    const running = signedOut.then((delivery) => ({ signedOut: delivery }))
    const done = (): void => {
      if (this.#running !== running) return
      this.#running = undefined
      this.#run({ type: 'loggedOut' })
    }
    running.then(done, done)
    return (this.#running = running)
  }

  setConsent(consent: Settings['consent']): void {
    if (consent !== this.#state.consent) this.#run({ type: 'consent', consent: this.#consent(consent) })
  }

  /** A consent, or pending for what is none (undefined, a typo), with a clear error. */
  #consent(consent: unknown): Settings['consent'] {
    if (consent === 'granted' || consent === 'pending' || consent === 'denied') return consent
    invalid('consent must be one of granted, pending, denied; using pending', this.report)
    return 'pending'
  }

  configure(changes: Parameters<Tracker['configure']>[0]): void {
    if (changes == null) return
    const { consent, ...rest } = changes
    this.#front.options = { ...this.#front.options, ...rest }
    this.#engine?.configure(this.#front.options)
    if (consent !== undefined) this.setConsent(consent)
  }

  knows(event: string): boolean {
    return this.#links.knows(event)
  }

  subscribe(listener: (record?: EventRecord) => void): () => void {
    const listeners = this.#front.listeners as Set<typeof listener>
    listeners.add(listener)
    return () => void listeners.delete(listener)
  }

  getSnapshot = (): TrackerSnapshot => this.#snapshot

  mount(): () => void {
    if (!this.#engine) this.#buffer.flush()
    this.#mounts += 1
    let free = (): void => undefined
    try {
      if (process.env.NODE_ENV !== 'production') free = inUse(this, this.#front.options.tag)
    } catch {
      // No bundler and no `process`: nothing to warn with.
    }
    let mounted = true
    return () => {
      if (!mounted) return
      mounted = false
      free()
      if (--this.#mounts === 0) this.dispose()
    }
  }

  dispose(): void {
    this.#engine?.dispose()
    // What the buffer holds stays; its deadlines start again with the next call or mount.
    this.#buffer.dispose()
  }

  #attach(engine: Pick<TrackerEngine, 'connect'>): void {
    const attached = engine.connect(this.#front) as Attached
    this.#engine = attached
    for (const call of this.#buffer.take()) attached.push(call)
  }

  /** Runs a command through the session; hands its calls over in order, events through `onEvent`. */
  #run(command: Command, onEvent?: (effect: EventEffect) => void): void {
    const { state, effects } = reduce(this.#state, command)
    this.#state = state
    for (const effect of effects) {
      if (effect.type === 'event') onEvent?.(effect)
      else if (effect.type === 'consent') {
        this.#front.consent = effect.consent
        if (this.#engine) this.#engine.consent(effect.consent)
        else this.#buffer.flush()
      } else this.#push(identityCall(effect))
    }
    const next = snapshotOf(this.#state)
    if ((Object.keys(next) as (keyof TrackerSnapshot)[]).some((key) => next[key] !== this.#snapshot[key])) {
      this.#snapshot = next
      for (const listener of this.#front.listeners) {
        try {
          listener()
        } catch {
          // A subscriber that throws must not break delivery.
        }
      }
    }
  }

  #sync(session: Session): void {
    if (typeof session !== 'object' || session === null) return
    const part = (id: unknown, traits: Session['traits'], call: 'identify' | 'group') =>
      id === undefined ? { id, key: undefined } : this.#named(id, call) ? this.#keys.known(id, traits) : undefined
    const user = 'userId' in session ? part(session.userId, session.traits, 'identify') : undefined
    const account = 'groupId' in session ? part(session.groupId, session.groupTraits, 'group') : undefined
    if (user || account) this.#run({ type: 'sync', user, account })
  }

  #event(type: 'track' | 'page', event: string | undefined, properties: unknown, target: TrackTarget = {}) {
    let sent!: Promise<Delivery>
    const name = typeof event === 'string' ? event : undefined
    this.#run({ type: 'event', name, target }, (effect) => {
      sent = this.#call({ type, event: name, properties, effect, target })
    })
    return sent
  }

  /** Makes an event's call, with its promise, and hands it over. */
  #call(event: EventMaking) {
    return new Promise<Delivery>((resolve, reject) => {
      this.#push(eventCall(event, this.settings, this.#front.clock.now(), resolve, reject))
    })
  }

  /** A call for the engine; until it has loaded, for the buffer (or, if it cannot load, for the tag). */
  #push(call: Call): void {
    if (this.#engine) this.#engine.push(call)
    else this.#buffer.push(call)
  }

  /** A non-empty string id, or a clear error and false. */
  #named(id: unknown, call: 'identify' | 'group'): id is string {
    return named(id, call, this.report)
  }
}

/**
 * The tracker's code, in a chunk of its own that the front loads beside the delivery code: the
 * degraded path, should the delivery code fail to load, is here, with the session it applies.
 */
export const tracker: Pick<TrackerEngine, 'create'> = {
  create: (options, links) => new SessionTracker(options, links as Links),
}
