export { createRecordingTag } from './recordingTag'
export type { RecordedMessage, RecordingTag, RecordingTagOptions } from './recordingTag'
