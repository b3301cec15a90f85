/**
 * The tracker's own code, which `createTracker` loads lazily, in a chunk of its own, off the
 * critical path. Give `engine` to `createTracker` (or to `IntileryProvider`) to run it at once, with
 * no lazy chunk: tests, servers, or an app that would rather pay for it up front.
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
import type { TrackerEngine } from './lazy'
import { createEngineTracker } from './tracker'

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
export const engine: TrackerEngine = { create: createEngineTracker }
