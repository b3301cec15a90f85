/**
 * Called by an analytics.js-compatible tag once it has taken a call.
 *
 * @example
 * ```ts
 * const done: TagCallback = () => console.debug('the tag took it')
 * window.analytics.track('Signed In', {}, {}, done)
 * ```
 */
export type TagCallback = (context?: unknown) => void

/**
 * The analytics.js-compatible browser tag this library wraps: the Intilery tag as `window.analytics`,
 * or `AnalyticsBrowser` from `@segment/analytics-next`. Only these six methods are used.
 *
 * @example
 * ```ts
 * import { AnalyticsBrowser } from '@segment/analytics-next'
 * const tag: AnalyticsTag = AnalyticsBrowser.load({ writeKey: 'KEY' })
 * ```
 */
export interface AnalyticsTag {
  track(event: string, properties?: object, options?: object, callback?: TagCallback): unknown
  identify(userId?: string, traits?: object, options?: object, callback?: TagCallback): unknown
  group(groupId?: string, traits?: object, options?: object, callback?: TagCallback): unknown
  page(
    category?: string | null,
    name?: string | null,
    properties?: object,
    options?: object,
    callback?: TagCallback,
  ): unknown
  reset(): unknown
  ready(callback?: () => void): unknown
}

/**
 * Where the tracker finds its tag: an instance, or a function read each time the tag is needed
 * (so a snippet that later replaces `window.analytics` is followed).
 *
 * @example
 * ```ts
 * const source: TagSource = () => window.analytics
 * ```
 */
export type TagSource = AnalyticsTag | (() => AnalyticsTag | undefined)

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}

/** True when `value` has the methods the tracker calls (a snippet's stub has them too: see {@link isSnippetStub}). */
export function isTag(value: unknown): value is AnalyticsTag {
  return typeof value === 'object' && value !== null && typeof (value as { track?: unknown }).track === 'function'
}

/**
 * True for the analytics.js snippet's stub: an array whose methods push `[method, ...args]` onto
 * itself until the script loads and puts the real instance in its place on `window.analytics`. A
 * stub captured earlier (`tag={window.analytics}` at render) is never handed a call: the tracker
 * follows `window.analytics` to the real instance and waits for it, keeping its own order.
 */
export function isSnippetStub(value: unknown): boolean {
  return Array.isArray(value)
}
