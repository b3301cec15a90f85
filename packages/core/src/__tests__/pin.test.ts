// Issue 20.2: each event carries its own tab's user, though the tag reads the user from storage that
// every tab shares. A model of analytics-next's steps (checked in Chromium by the browser suite):
// the event is built from the call's options, then stamped with the stored user (`addIdentity`),
// then passed through the source middlewares, then stamped again where it has no user, at send.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type AnalyticsTag, createTracker } from '../index'
import { validator } from '../events'
import { engine } from '../engine'

afterEach(() => {
  vi.useRealTimers()
})

type Middleware = (args: { payload: { obj: SentEvent }; next: (payload: unknown) => void }) => void
interface SentEvent {
  event: string
  userId?: string | undefined
  context: Record<string, unknown>
}

/** Storage both tabs share, as analytics-next's `ajs_user_id` cookie and localStorage entry are. */
interface SharedStorage {
  user: string | undefined
}

/**
 * A tag in one tab over `storage`. `middleware`: `'async'` takes it later, when the test calls
 * `take()`, as analytics-next loads its middleware code first; `'sync'` at once; `'none'` has no
 * `addSourceMiddleware`; `'rejects'` fails to load it; `'throws'` throws.
 */
function tabTag(storage: SharedStorage, middleware: 'async' | 'sync' | 'none' | 'rejects' | 'throws' = 'async') {
  const middlewares: Middleware[] = []
  const sent: SentEvent[] = []
  const loading: (() => void)[] = []
  const tag: AnalyticsTag & {
    sent: SentEvent[]
    middlewares: Middleware[]
    addSourceMiddleware?: unknown
    take: () => Promise<void>
  } = {
    sent,
    middlewares,
    /** The middleware code has loaded: the middlewares added so far are taken. */
    take: async () => {
      for (const done of loading.splice(0)) done()
      // The tracker learns it from the promise addSourceMiddleware returned.
      await new Promise((resolve) => setImmediate(resolve))
    },
    track(event, _properties, options) {
      const { context = {}, userId } = (options ?? {}) as { context?: Record<string, unknown>; userId?: string }
      const built: SentEvent = { event, userId, context: { ...context } }
      if (storage.user !== undefined) built.userId = storage.user
      let payload: unknown = { obj: built }
      for (const run of middlewares) run({ payload: payload as { obj: SentEvent }, next: (p) => (payload = p) })
      const out = (payload as { obj: SentEvent }).obj
      return Promise.resolve().then(() => {
        out.userId ||= storage.user
        sent.push(out)
      })
    },
    identify(id) {
      storage.user = id
    },
    group: () => undefined,
    page: () => undefined,
    reset() {
      storage.user = undefined
    },
    ready: (callback) => callback?.(),
  }
  const add = (run: Middleware) => {
    if (middleware === 'throws') throw new Error('no middleware here')
    if (middleware === 'rejects') return Promise.reject(new Error('Failed to fetch dynamically imported module'))
    if (middleware === 'sync') {
      middlewares.push(run)
      return tag
    }
    return new Promise<void>((resolve) =>
      loading.push(() => {
        middlewares.push(run)
        resolve()
      }),
    )
  }
  if (middleware !== 'none') tag.addSourceMiddleware = add
  return tag
}

const markKeys = (event: SentEvent) => Object.keys(event.context).filter((key) => key !== 'groupId')

describe('issue 20.2: an event carries the user its own tab holds', () => {
  it('two tabs signed in as Alice; tab 1 signs Bob in; tab 2 still sends as Alice', async () => {
    const storage: SharedStorage = { user: undefined }
    const tab1 = tabTag(storage)
    const tab2 = tabTag(storage)
    const alice1 = createTracker({ validator, engine, tag: tab1, userId: 'u_alice', groupId: 'acct_1' })
    const alice2 = createTracker({ validator, engine, tag: tab2, userId: 'u_alice', groupId: 'acct_1' })
    await alice1.track('Signed In', {})
    await alice2.track('Signed In', {})
    await tab2.take()
    expect(tab2.middlewares).toHaveLength(1)

    await alice1.logout()
    alice1.identify('u_bob')
    await alice1.track('Signed In', {})
    expect(storage.user).toBe('u_bob')

    await alice2.track('Account Deleted', {})
    const deleted = tab2.sent.find((event) => event.event === 'Account Deleted')!
    expect(deleted.userId).toBe('u_alice')
    expect(markKeys(deleted)).toEqual([])
    expect(tab1.sent.at(-1)).toMatchObject({ event: 'Signed In', userId: 'u_bob' })
  })

  it('one middleware per tag, however many trackers use it; events of others pass unchanged', async () => {
    const storage: SharedStorage = { user: undefined }
    const tag = tabTag(storage, 'sync')
    const first = createTracker({ validator, engine, tag, userId: 'u_alice', groupId: 'a' })
    const second = createTracker({ validator, engine, tag, userId: 'u_carol', groupId: 'a' })
    await first.track('Signed In', {})
    await second.track('Signed In', {})
    storage.user = 'u_bob'
    await tag.track('Page Something', {}, { context: { other: true } })
    expect(tag.middlewares).toHaveLength(1)
    expect(tag.sent.map((event) => [event.userId, markKeys(event)])).toEqual([
      ['u_alice', []],
      ['u_carol', []],
      ['u_bob', ['other']],
    ])
  })

  it('an event sent before the tag has taken the middleware carries no mark', async () => {
    const storage: SharedStorage = { user: undefined }
    const tag = tabTag(storage, 'async')
    const tracker = createTracker({ validator, engine, tag, userId: 'u_alice', groupId: 'a' })
    await tracker.track('Signed In', {})
    expect(tag.middlewares).toHaveLength(0)
    expect(markKeys(tag.sent[0]!)).toEqual([])
  })

  it.each(['none', 'rejects', 'throws'] as const)(
    'a tag whose middleware is %s: events go out unmarked, and nothing fails',
    async (middleware) => {
      const storage: SharedStorage = { user: undefined }
      const tag = tabTag(storage, middleware)
      const onError = vi.fn()
      const tracker = createTracker({ validator, engine, tag, userId: 'u_alice', groupId: 'a', onError })
      await tracker.track('Signed In', {})
      // What follows a rejected or thrown addSourceMiddleware has run.
      await new Promise((resolve) => setImmediate(resolve))
      await expect(tracker.track('Signed Out', {})).resolves.toMatchObject({ status: 'acknowledged' })
      expect(tag.sent.map(markKeys)).toEqual([[], []])
      expect(onError).not.toHaveBeenCalled()
    },
  )

  it('an event made with no user carries no mark: the tag may stamp it with the stored user', async () => {
    const storage: SharedStorage = { user: undefined }
    const tag = tabTag(storage, 'sync')
    const tracker = createTracker({ validator, engine, tag, groupId: 'a' })
    await tracker.track('Signed In', {})
    storage.user = 'u_other_tab'
    await tracker.track('Account Created', {})
    expect(tag.sent.map((event) => [event.event, event.userId, markKeys(event)])).toEqual([
      ['Signed In', undefined, []],
      // The limit docs/guarantees.md states: an anonymous event takes whoever another tab stored.
      ['Account Created', 'u_other_tab', []],
    ])
  })

  it('the middleware passes on what is not an event object, unchanged', async () => {
    const storage: SharedStorage = { user: undefined }
    const tag = tabTag(storage, 'sync')
    await createTracker({ validator, engine, tag, userId: 'u', groupId: 'a' }).track('Signed In', {})
    const [middleware] = tag.middlewares
    for (const payload of [null, {}, { obj: {} }, { obj: { context: null } }]) {
      const next = vi.fn()
      middleware!({ payload: payload as never, next })
      expect(next).toHaveBeenCalledWith(payload)
    }
  })
})
