import { isThenable, type AnalyticsTag } from '../tag'

/**
 * The context key that carries an event's user to the tag's middleware, which takes it out before
 * anything is sent. Only marked on calls to a tag whose middleware is in place.
 */
export const PIN_KEY = 'intileryUserId'

/** A source middleware's argument, as analytics.js tags give it (`payload.obj` is the event). */
interface MiddlewareArgs {
  readonly payload?: { readonly obj?: { userId?: unknown; context?: Record<string, unknown> } } | null
  readonly next: (payload: unknown) => void
}

/**
 * Sets the event's user to the one its mark names, and takes the mark out. analytics-next stamps a
 * call with the user in the storage every tab shares, after the call's own options: another tab's
 * `identify` or `reset` would change this tab's user. A user set here, before its destinations run,
 * stays. An event with no mark (not ours, or made with no user) passes unchanged, and every event
 * passes on, whatever its shape.
 */
function pinUser({ payload, next }: MiddlewareArgs): void {
  try {
    const event = payload?.obj
    const context = event?.context
    if (context && Object.hasOwn(context, PIN_KEY)) {
      const user = context[PIN_KEY]
      delete context[PIN_KEY]
      if (typeof user === 'string' && user !== '') event.userId = user
    }
  } finally {
    next(payload)
  }
}

/** Per tag: true once the middleware is in place; false while it is added, or the tag has none. */
const pinned = new WeakMap<object, boolean>()

/**
 * Whether calls to `tag` can carry their user (see {@link pinUser}). The first time, adds the
 * middleware to a tag that has `addSourceMiddleware` (one per tag, whatever number of trackers use
 * it), and says true once the tag has taken it: analytics-next loads its middleware code first, and
 * a mark sent before it runs would go out in the context. A tag without that method is never marked.
 */
export function canPin(tag: AnalyticsTag): boolean {
  const known = pinned.get(tag)
  if (known !== undefined) return known
  pinned.set(tag, false)
  const add = (tag as { addSourceMiddleware?: unknown }).addSourceMiddleware
  if (typeof add !== 'function') return false
  try {
    const result: unknown = add.call(tag, pinUser)
    if (!isThenable(result)) {
      pinned.set(tag, true)
      return true
    }
    result.then(
      () => pinned.set(tag, true),
      () => undefined,
    )
  } catch {
    // A tag that refuses it: its calls carry no mark.
  }
  return false
}
