/**
 * One failing property of an event, named by its path. It never holds the value: emails, names
 * and phone numbers are personal data.
 *
 * @example
 * ```ts
 * const issue: ValidationIssue = { path: 'properties.email', message: 'invalid email' }
 * ```
 */
export interface ValidationIssue {
  /** Dotted path from the payload's root, e.g. `properties.email` or `context.groupId`. */
  readonly path: string
  /** What is wrong, without the value. */
  readonly message: string
}

/**
 * The base of every error an event, a logout or `onError` gets. Messages start with `[intilery]`
 * and name the event, never a property's value.
 *
 * @example
 * ```ts
 * if (error instanceof IntileryError) console.warn(error.event, error.message)
 * ```
 */
export class IntileryError extends Error {
  /** The event concerned, when there is one. */
  readonly event: string | undefined

  constructor(message: string, event?: string, options?: { cause?: unknown }) {
    super(`[intilery] ${message}`, options)
    this.name = 'IntileryError'
    this.event = event
  }
}

/**
 * An event's properties or account did not match the spec. Lists each failing path; never a value.
 *
 * @example
 * ```ts
 * try { await signUp.mutateAsync({ properties: { email: 'nope' } }) }
 * catch (e) { if (e instanceof IntileryValidationError) e.issues // [{ path: 'properties.email', … }] }
 * ```
 */
export class IntileryValidationError extends IntileryError {
  /** Every failing path of the event, with what is wrong. */
  readonly issues: readonly ValidationIssue[]
  declare readonly event: string

  constructor(event: string, issues: readonly ValidationIssue[]) {
    const list = issues.map((issue) => `${issue.path} (${issue.message})`).join(', ')
    super(`"${event}" is invalid: ${list}`, event)
    this.name = 'IntileryValidationError'
    this.issues = issues
  }
}

/**
 * Why the tag could not take a call: there is no tag, it threw, or it rejected.
 *
 * @example
 * ```ts
 * if (error instanceof IntileryTagError && error.reason === 'missing') showSetupHint()
 * ```
 */
export type TagFailure = 'missing' | 'threw' | 'rejected'

/**
 * The analytics tag could not take a call: there is none (an event still has no tag after
 * `readyTimeout`), or it threw or rejected. The cause is kept in `cause`. Never thrown into the app:
 * an event's promise rejects with it, and for an identify, group or reset it goes to `onError`.
 *
 * @example
 * ```ts
 * signIn.mutate({ properties: {} }, { onError: (e) => e instanceof IntileryTagError && log(e.reason) })
 * ```
 */
export class IntileryTagError extends IntileryError {
  /** What went wrong with the tag. */
  readonly reason: TagFailure

  constructor(event: string, reason: TagFailure, cause?: unknown) {
    super(`"${event}" was not sent: ${describeTagFailure(reason)}`, event, { cause })
    this.name = 'IntileryTagError'
    this.reason = reason
  }
}

function describeTagFailure(reason: TagFailure): string {
  if (reason === 'threw') return 'the analytics tag threw'
  if (reason === 'rejected') return 'the analytics tag rejected it'
  let why = 'no analytics tag'
  try {
    if (process.env.NODE_ENV !== 'production') {
      why +=
        ' (window.analytics is undefined and no tag was given to IntileryProvider or createTracker); it waits in the queue and goes out, in order, if one appears (looked for during 30 s, then at each call)'
    }
  } catch {
    // No bundler and no `process`: the short form.
  }
  return why
}

/**
 * No longer thrown: a logout resolves with Signed Out's delivery (`'queued'` or `'timeout'` where it
 * once failed with this error). The class stays so that code testing for it still compiles.
 *
 * @deprecated A logout settles like an event: read `signedOut.status` instead.
 *
 * @example
 * ```ts
 * const { signedOut } = await tracker.logout()
 * if (signedOut?.status === 'queued') console.info('Signed Out goes out once the tag loads')
 * ```
 */
export class IntileryTimeoutError extends IntileryError {
  constructor(message: string, event?: string) {
    super(message, event)
    this.name = 'IntileryTimeoutError'
  }
}

/**
 * The ordered queue was full: the oldest calls were dropped. `dropped` says how many.
 *
 * @example
 * ```ts
 * <IntileryProvider onError={(e) => e instanceof IntileryQueueOverflowError && metrics.count(e.dropped)} />
 * ```
 */
export class IntileryQueueOverflowError extends IntileryError {
  /** How many calls were dropped. */
  readonly dropped: number

  constructor(dropped: number, limit: number, event?: string) {
    super(`the queue is full (${limit} calls waiting for the tag): dropped the ${dropped} oldest`, event)
    this.name = 'IntileryQueueOverflowError'
    this.dropped = dropped
  }
}
