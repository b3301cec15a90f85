/**
 * The delivery code, in a chunk of its own that a tracker's front loads beside the tracker's code:
 * the ordered queue, the tag connection, validation and the deadlines.
 */
import { attach } from './engine/attach'
import type { Front } from './call'
import type { TrackerEngine } from './types'

export const delivery: Pick<TrackerEngine, 'connect'> = { connect: (front) => attach(front as Front) }
