'use client'
import type { EventRecord } from '@intilery/core'

/**
 * The devtools' memory of events: the newest `limit` records, newest first, one per event (a later
 * record of the same event replaces the earlier in place). A store for `useSyncExternalStore`.
 */
export interface EventLog {
  /** Takes a record from `tracker.subscribe`. */
  readonly add: (record: EventRecord) => void
  readonly clear: () => void
  readonly getSnapshot: () => readonly EventRecord[]
  readonly subscribe: (onChange: () => void) => () => void
}

/** Creates an {@link EventLog} that keeps at most `limit` events (at least one). */
export function createEventLog(limit: number): EventLog {
  const bound = Math.max(1, Math.floor(limit) || 1)
  const listeners = new Set<() => void>()
  let records: readonly EventRecord[] = []
  const set = (next: readonly EventRecord[]): void => {
    records = next
    for (const listener of listeners) listener()
  }
  return {
    add(record) {
      const at = records.findIndex((known) => known.id === record.id)
      if (at !== -1) set(records.map((known, index) => (index === at ? record : known)))
      else set([record, ...records].slice(0, bound))
    },
    clear: () => set([]),
    getSnapshot: () => records,
    subscribe(onChange) {
      listeners.add(onChange)
      return () => {
        listeners.delete(onChange)
      }
    },
  }
}
