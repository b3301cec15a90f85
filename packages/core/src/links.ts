// What the front (createTracker.ts, in the initial bundle) hands the tracker's code it loads
// (tracker.ts, a chunk of its own). A module of its own, so that neither imports the other's file.
import type { Settings } from './settings'
import type { EventRecord, TrackerEngine, TrackerOptions } from './types'
import type { Validator } from './validator'

/** The part of the delivery code the tracker uses. */
export type DeliveryCode = Pick<TrackerEngine, 'connect'>

/**
 * What the tracker's code gets from the front that loaded it (it imports nothing the front holds,
 * so that the initial bundle stays one file and the shared error classes).
 */
export interface Links {
  readonly listeners: Set<(record?: EventRecord) => void>
  readonly clock: NonNullable<TrackerOptions['clock']>
  /** The settings as given, defaults filled in and nothing checked: until the delivery code checks them. */
  readonly settings: () => Settings
  readonly knows: (event: string) => boolean
  /** The delivery code, or its promise while it loads (a rejection: it could not be loaded). */
  readonly delivery: DeliveryCode | Promise<DeliveryCode>
  /** The validation code, or its promise while it loads; undefined when validation is off. */
  readonly validator: Validator | Promise<Validator> | undefined
}
