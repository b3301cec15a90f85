// @ts-check
// The recorder of the navigation pages: a plain script that runs first in <head>, before the snippet
// and the app. It writes to sessionStorage, synchronously, each call the tag is handed (the library's
// and the app's own), when the page is about to go (`beforeunload`) and when it goes (`pagehide`),
// and each request the tag makes to the collector. sessionStorage is the tab's own and outlives a
// navigation in that tab: the next page, and the browser tests, read what this page did before it
// went. It also keeps what the tag's storage held when the page started, before the tag ran.
//
// The tag's methods are wrapped where the tag is: the npm build's `AnalyticsBrowser` is handed to
// `navRecorder.watch()` by the app, and the real instance the snippet's script puts on
// `window.analytics` is wrapped the moment it gets there (the snippet's stub forwards to it).
;(function () {
  /**
   * One line of the log. `kind` is `call` (a method of the tag was called), `mark` (the page is
   * about to go, goes, or the tag took a middleware) or `post` (a request to the collector).
   * `phase` is where the page was then: `live`; `leaving` (inside `beforeunload`, which Chromium
   * fires inside `location.assign()`: still the task that navigated); `left` (a later task, while
   * the next page is on its way); `gone` (after `pagehide`). `seq` orders the lines of every page of
   * the tab.
   * @typedef {{ seq: number, page: number, phase: string, at: number, kind: string, method: string, [key: string]: unknown }} Line
   */

  const page = /** @type {any} */ (window)
  const store = window.sessionStorage
  const prefix = 'nav:'
  const number = (/** @type {string} */ key) => Number(store.getItem(prefix + key) ?? 0)
  const pageNumber = number('pages') + 1
  store.setItem(`${prefix}pages`, String(pageNumber))
  let seq = number('seq')
  let phase = 'live'

  /** @type {(kind: string, entry: { method: string, [key: string]: unknown }) => void} */
  function write(kind, entry) {
    seq += 1
    store.setItem(`${prefix}seq`, String(seq))
    /** @type {Line} */
    const line = { seq, page: pageNumber, phase, at: Date.now(), kind, ...entry }
    store.setItem(`${prefix}log:${String(seq).padStart(7, '0')}`, JSON.stringify(line))
  }

  // What the tag's storage held as this page started: the user, the traits, anything else.
  /** @type {Record<string, string | null>} */
  const local = {}
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i)
    if (key !== null) local[key] = localStorage.getItem(key)
  }
  store.setItem(`${prefix}start:${pageNumber}`, JSON.stringify({ localStorage: local, cookie: document.cookie }))

  // Registered before any other script runs: these marks come before what other listeners hand over.
  window.addEventListener('beforeunload', () => {
    write('mark', { method: '@beforeunload' })
    phase = 'leaving'
    // Runs once the task that navigated (a click's handler, with every listener of beforeunload
    // inside it) has run to its end.
    queueMicrotask(() => {
      if (phase !== 'leaving') return
      write('mark', { method: '@left' })
      phase = 'left'
    })
  })
  window.addEventListener('pagehide', () => {
    write('mark', { method: '@pagehide' })
    phase = 'gone'
  })

  /** @type {(value: unknown) => Record<string, unknown>} */
  const record = (value) => (typeof value === 'object' && value !== null ? /** @type {any} */ (value) : {})

  /** What a call carries that the tests look at. */
  function describe(/** @type {string} */ method, /** @type {unknown[]} */ args) {
    if (method === 'track') {
      const options = record(args[2])
      return {
        method,
        event: args[0],
        probe: record(args[1]).probe,
        pin: record(options.context).intileryUserId,
      }
    }
    if (method === 'page') return { method, name: args[1], probe: record(args[2]).probe }
    if (method === 'identify' || method === 'group') return { method, target: args[0] ?? null }
    return { method }
  }

  const methods = ['track', 'page', 'identify', 'group', 'reset', 'alias']
  const watched = new WeakSet()

  /** Wraps the tag's methods to record each call before it runs; a tag is wrapped once. */
  function watch(/** @type {any} */ tag) {
    if (typeof tag !== 'object' || tag === null || Array.isArray(tag) || watched.has(tag)) return tag
    watched.add(tag)
    for (const method of methods) {
      const original = tag[method]
      if (typeof original !== 'function') continue
      tag[method] = function (/** @type {unknown[]} */ ...args) {
        write('call', describe(method, args))
        return original.apply(this, args)
      }
    }
    const add = tag.addSourceMiddleware
    if (typeof add === 'function') {
      tag.addSourceMiddleware = function (/** @type {unknown[]} */ ...args) {
        const result = add.apply(this, args)
        Promise.resolve(result).then(
          () => write('mark', { method: '@middleware' }),
          () => write('mark', { method: '@middleware-failed' }),
        )
        return result
      }
    }
    return tag
  }

  // The snippet's stub is an array; its script replaces it with the real instance.
  /** @type {unknown} */
  let current
  Object.defineProperty(window, 'analytics', {
    configurable: true,
    get: () => current,
    set(next) {
      current = watch(next)
    },
  })

  /**
   * The tag's requests to the collector, in the order it made them. The browser sends them over
   * several connections: the collector's order of arrival is the network's.
   * @type {{ path: string, status?: number }[]}
   */
  const posts = []
  const send = window.fetch
  window.fetch = function (input, init) {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href)
    if (!/^\/v1\/[tigp]$/.test(url.pathname) || typeof init?.body !== 'string') return send.call(this, input, init)
    const body = record(JSON.parse(init.body))
    write('post', {
      method: url.pathname,
      type: body.type,
      event: body.event ?? body.name,
      probe: record(body.properties).probe,
      userId: body.userId ?? null,
      messageId: body.messageId,
    })
    /** @type {{ path: string, status?: number }} */
    const post = { path: url.pathname }
    posts.push(post)
    const response = send.call(this, input, init)
    response.then(
      (answer) => (post.status = answer.status),
      () => (post.status = 0),
    )
    return response
  }

  page.navRecorder = {
    page: pageNumber,
    watch,
    /** True when every request this page made to the collector has been answered. */
    idle: () => posts.every((post) => post.status !== undefined),
    /** Every line of this tab's log, oldest first. */
    log() {
      /** @type {Line[]} */
      const lines = []
      for (let i = 0; i < store.length; i += 1) {
        const key = store.key(i)
        if (key?.startsWith(`${prefix}log:`)) lines.push(JSON.parse(store.getItem(key) ?? 'null'))
      }
      return lines.sort((a, b) => a.seq - b.seq)
    },
    /** What the tag's storage held when page `n` of this tab started. */
    start: (/** @type {number} */ n) => JSON.parse(store.getItem(`${prefix}start:${n}`) ?? 'null'),
  }
})()
