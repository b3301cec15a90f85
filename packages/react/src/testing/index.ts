/**
 * The testing kit: a recording tag, a test provider, and matchers for vitest and jest.
 *
 * @example
 * ```tsx
 * import { createRecordingTag, IntileryTestProvider } from '@intilery/react/testing'
 * render(<IntileryTestProvider tag={createRecordingTag()}><App /></IntileryTestProvider>)
 * ```
 *
 * @module @intilery/react/testing
 */
export { createRecordingTag } from '@intilery/core/testing'
export type { RecordedMessage, RecordingTag, RecordingTagOptions, SpecPayload } from '@intilery/core/testing'
export { IntileryTestProvider, TEST_ACCOUNT } from './IntileryTestProvider'
export type { IntileryTestProviderProps } from './IntileryTestProvider'
export { intileryMatchers } from './matchers'
export type { IntileryMatchers } from './matchers'
