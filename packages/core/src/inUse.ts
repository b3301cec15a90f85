import { windowAnalytics } from './browser'
import { isSnippetStub, type TagSource } from './tag'

/** Every tracker in use, by the tag it sends through: shared by every copy of the library on the page. */
const IN_USE = Symbol.for('@intilery/core.trackers-in-use')

/**
 * Outside production only (its caller checks `NODE_ENV` inline, so production builds drop it): marks
 * a tracker as in use with its tag, and warns when another tracker in use sends through the same
 * one. Returns what unmarks it.
 */
export function inUse(tracker: object, source: TagSource | undefined): () => void {
  let tag: unknown = source
  try {
    if (typeof source === 'function') tag = source() ?? source
  } catch {
    // A source that throws is known by itself.
  }
  // The page's tag is one key however a tracker reaches it: by default, given as
  // `window.analytics`, through a function that returns it, or as the snippet's stub.
  const key: object =
    tag === undefined || tag === null || tag === windowAnalytics() || isSnippetStub(tag) ? globalThis : tag
  const registry = ((globalThis as Record<symbol, unknown>)[IN_USE] ??= new WeakMap()) as WeakMap<object, Set<object>>
  let using = registry.get(key)
  if (using === undefined) registry.set(key, (using = new Set()))
  using.add(tracker)
  if (using.size > 1) {
    console.warn(
      '[intilery] two trackers send through the same analytics tag. One tag holds one user and account: ' +
        "each session's identify, group and logout changes the other's, and their events carry it. " +
        'Use one provider at the root (AccountScope gives a subtree its own account), or one tag per tracker.',
    )
  }
  const trackers = using
  return () => void trackers.delete(tracker)
}
