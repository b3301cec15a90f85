/**
 * A recording analytics.js-compatible tag for tests: it records what the real tag would send.
 *
 * @example
 * ```tsx
 * import { createRecordingTag } from '@intilery/core/testing'
 * const tag = createRecordingTag()
 * ```
 *
 * @module @intilery/core/testing
 */
export { createRecordingTag } from './recordingTag'
export type { RecordedMessage, RecordingTag, RecordingTagOptions, SpecPayload } from './recordingTag'
