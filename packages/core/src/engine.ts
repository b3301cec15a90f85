/**
 * The tracker's code: the session's state machine and the delivery code (the ordered queue, the tag
 * connection, validation and the deadlines), which `createTracker` loads lazily, in chunks of their
 * own, beside the validation code. Give `engine` to `createTracker` (or to `IntileryProvider`) to
 * run it at once, with no lazy chunk: tests, servers, or an app that would rather pay for it up front.
 *
 * @example
 * ```ts
 * import { createTracker } from '@intilery/core'
 * import { engine } from '@intilery/core/engine'
 * const tracker = createTracker({ engine, groupId: 'acct_123' }) // works from the first call
 * ```
 *
 * @module @intilery/core/engine
 */
import { delivery } from './delivery'
import { tracker } from './tracker'
import type { TrackerEngine } from './types'

/**
 * The tracker's code, loaded statically.
 *
 * @example
 * ```ts
 * import { createTracker } from '@intilery/core'
 * import { engine } from '@intilery/core/engine'
 * const tracker = createTracker({ engine })
 * ```
 */
export const engine: TrackerEngine = { ...tracker, ...delivery }
