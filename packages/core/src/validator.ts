/**
 * The validation code the tracker loads lazily (`import('./validator')`), in a chunk of its own:
 * the spec's zod schemas and the checks. Nothing in the initial bundle imports it statically.
 */
import type { CheckInput, Checked } from './events/validate'

export { checkCall } from './events/validate'

/**
 * What a tracker validates events with. `validator` from `@intilery/core/events` is one, loaded
 * statically; by default the tracker loads the same code lazily.
 *
 * @example
 * ```ts
 * import { createTracker } from '@intilery/core'
 * import { validator } from '@intilery/core/events'
 * const tracker = createTracker({ validator }) // checks from the first event, no lazy chunk
 * ```
 */
export interface Validator {
  readonly checkCall: (input: CheckInput) => Checked
}
