import { windowAnalytics } from './browser'
import type { Consent, Delivery, Session, Tracker, TrackerOptions, TrackTarget } from './tracker'
import { type AnalyticsTag, isTag } from './tag'

/**
 * What a lazy tracker becomes when its code cannot be loaded (offline, a chunk missing after a
 * deploy): the calls go to the tag directly, in order, unchecked, as an app calling
 * `window.analytics` would. Consent still holds (pending keeps them, denied sends nothing but a
 * logout's reset; anything else holds them, as pending does), and the declared session still acts
 * only on changes. An event settles as `'acknowledged'` once the call was made (this path checks no
 * delivery), `'queued'` while consent is not granted.
 */
export function createFallback(options: TrackerOptions): Partial<Tracker> {
  let consent: Consent = options.consent ?? 'granted'
  let held: (() => void)[] = []
  let account = options.groupId
  const declared: Record<string, string | undefined> = {}

  const tag = (): AnalyticsTag | undefined => {
    try {
      const found =
        options.tag === undefined ? windowAnalytics() : typeof options.tag === 'function' ? options.tag() : options.tag
      return isTag(found) ? found : undefined
    } catch {
      return undefined
    }
  }
  /** Calls the tag now, later (pending), or not at all (denied): false when not at all. */
  const run = (call: (tag: AnalyticsTag) => unknown, always = false): boolean => {
    const go = (): void => {
      try {
        const found = tag()
        if (found) call(found)
      } catch {
        // A tag that throws: this degraded path has no one to tell but onError, which was told already.
      }
    }
    // Anything but granted or denied (pending, or a value that is no consent) holds the call.
    if (always || consent === 'granted') go()
    else if (consent === 'denied') return false
    else held.push(go)
    return true
  }
  const event = (
    type: 'track' | 'page',
    name: string | undefined,
    properties: object = {},
    target: TrackTarget = {},
  ) => {
    const groupId = target.groupId ?? target.account ?? account
    const context = groupId === undefined ? {} : { groupId }
    const sent = run((found) =>
      type === 'track'
        ? found.track(String(name), properties, { context: { ...context } })
        : found.page(null, name ?? null, properties, { context: { ...context } }),
    )
    return Promise.resolve<Delivery>({
      event: name ?? '',
      status: !sent ? 'discarded' : consent !== 'granted' ? 'queued' : 'acknowledged',
      payload: { event: name ?? '', properties: properties as Record<string, unknown>, context },
    })
  }
  const declare = (part: string, id: string | undefined, traits: unknown, tell: () => void): void => {
    let key: string | undefined
    try {
      key = JSON.stringify([id, traits ?? null])
    } catch {
      key = undefined
    }
    if (id !== undefined && key !== undefined && key === declared[part]) return
    declared[part] = key
    if (id !== undefined) tell()
  }
  const reset = (): void => void run((found) => found.reset(), true)

  // What it leaves out (settings, snapshot, subscribe, connect, knows), the lazy tracker's front
  // answers itself.
  const fallback: Partial<Tracker> = {
    track: (name, properties, target) => event('track', name, properties, target),
    page: (name, properties, target) => event('page', name, properties, target),
    identify: (userId, traits) => void run((found) => found.identify(userId, traits)),
    group(groupId, traits, { current = true } = {}) {
      if (current) account = groupId
      run((found) => found.group(groupId, traits))
    },
    sync(session: Session) {
      if ('userId' in session) {
        declare('user', session.userId, session.traits, () => fallback.identify!(session.userId!, session.traits))
      }
      if ('groupId' in session) {
        account = session.groupId
        declare('account', session.groupId, session.groupTraits, () =>
          fallback.group!(session.groupId!, session.groupTraits),
        )
      }
    },
    reset,
    async logout({ properties, groupId, account: scope } = {}) {
      const signedOut = await event('track', 'Signed Out', properties, { groupId, account: scope })
      reset()
      return { signedOut }
    },
    setConsent(next) {
      consent = next
      if (next === 'granted') for (const go of held.splice(0)) go()
      if (next === 'denied') held = []
    },
    configure: () => undefined,
    report: (error) => {
      try {
        options.onError?.(error)
      } catch {
        // As above.
      }
    },
  }
  fallback.sync!(options)
  return fallback
}
