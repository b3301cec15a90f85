// @ts-check

/**
 * What the probe saw in the page, on the page's clock (`performance.now()`).
 * @typedef {{ event: string, probe: unknown, calledAt: number, callbackAt?: number, resolvedAt?: number, rejectedAt?: number, messageId?: string }} TagCall
 *   One call of the real tag's `track()`: when it was called, when its callback ran and its promise settled.
 * @typedef {{ path: string, messageId?: string, event?: string, probe?: unknown, userId: string | null, groupId: string | null, at: number, status?: number, answeredAt?: number }} TagPost
 *   One request the tag made to the collector, in the order it made them; `status` once answered.
 * @typedef {{ replacedAt?: number, calls: TagCall[], posts: TagPost[], stub?: unknown[], stubLength?: number }} TagProbe
 *   `stub` is the snippet's array the real tag replaced, and `stubLength` its length then: whatever
 *   is pushed onto it later is read by no one (see {@link orphanedCalls}).
 */

/**
 * Runs in the page before any of its scripts (Playwright's `addInitScript`), and records what the real
 * tag does, independently of the library:
 * - when the tag's script replaces the snippet's stub with the real instance (`window.analytics` is
 *   watched through an accessor), that instance's `track` is wrapped to record each call, when it
 *   was made and when the tag confirmed it (its callback ran, its promise resolved), with the event's
 *   `probe` property and the `messageId` the tag gave it;
 * - `fetch` is wrapped to record every request the tag makes to the collector (`/v1/t`, `/v1/i`,
 *   `/v1/g`, `/v1/p`) in the order the tag made them: the browser sends them over several
 *   connections at once, so the collector's arrival order is the network's.
 * The result is `window.__tagProbe`. Calls that never reach the real instance (made on a stub nobody
 * reads any more) are not among its `calls`: {@link orphanedCalls} lists them.
 */
export function probeTag() {
  const page = /** @type {any} */ (window)
  /** @type {TagProbe} */
  const probe = { calls: [], posts: [] }
  page.__tagProbe = probe
  const now = () => performance.now()

  /** @type {(instance: any, stub: unknown) => void} */
  const watch = (instance, stub) => {
    probe.replacedAt = now()
    if (Array.isArray(stub)) {
      probe.stub = stub
      probe.stubLength = stub.length
    }
    const track = instance.track
    instance.track = function (/** @type {unknown[]} */ ...args) {
      const properties = /** @type {{ probe?: unknown } | undefined} */ (args[1])
      /** @type {TagCall} */
      const call = { event: String(args[0]), probe: properties?.probe, calledAt: now() }
      probe.calls.push(call)
      const at = args.findIndex((arg) => typeof arg === 'function')
      if (at !== -1) {
        const callback = /** @type {Function} */ (args[at])
        args[at] = function (/** @type {unknown[]} */ ...results) {
          call.callbackAt ??= now()
          return callback.apply(this, results)
        }
      }
      const result = track.apply(this, args)
      Promise.resolve(result).then(
        (/** @type {any} */ context) => {
          call.resolvedAt = now()
          call.messageId = context?.event?.messageId
        },
        () => {
          call.rejectedAt = now()
        },
      )
      return result
    }
  }

  /** @type {unknown} */
  let current
  Object.defineProperty(window, 'analytics', {
    configurable: true,
    get: () => current,
    set(next) {
      const previous = current
      current = next
      const real = typeof next === 'object' && next !== null && !Array.isArray(next)
      if (real && probe.replacedAt === undefined && typeof (/** @type {any} */ (next).track) === 'function') {
        watch(next, previous)
      }
    },
  })

  const send = window.fetch
  window.fetch = function (input, init) {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href)
    if (!/^\/v1\/[tigp]$/.test(url.pathname) || typeof init?.body !== 'string') return send.call(this, input, init)
    const body = JSON.parse(init.body)
    /** @type {TagPost} */
    const post = {
      path: url.pathname,
      messageId: body.messageId,
      event: body.event,
      probe: body.properties?.probe,
      userId: body.userId ?? null,
      groupId: body.context?.groupId ?? null,
      at: now(),
    }
    probe.posts.push(post)
    const response = send.call(this, input, init)
    response.then(
      (answer) => {
        post.answeredAt = now()
        post.status = answer.status
      },
      () => {
        post.answeredAt = now()
        post.status = 0
      },
    )
    return response
  }
}

/**
 * Runs in the page: the calls pushed onto the snippet's stub after the real tag replaced it, which
 * nothing will ever replay, as `{ method, probe }` (the probe of a track call).
 * @returns {{ method: string, probe?: unknown }[]}
 */
export function orphanedCalls() {
  const probe = /** @type {TagProbe} */ (/** @type {any} */ (window).__tagProbe)
  return (probe.stub ?? []).slice(probe.stubLength ?? 0).map((entry) => {
    const [method, , properties] = /** @type {[string, unknown, { probe?: unknown } | undefined]} */ (entry)
    return { method, probe: method === 'track' ? properties?.probe : undefined }
  })
}
