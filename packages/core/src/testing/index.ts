export { createRecordingTag } from './recordingTag'
export type { RecordedMessage, RecordingTag, RecordingTagOptions, SpecPayload } from './recordingTag'
