/**
 * Adds `item` to a bounded first-in, first-out queue. When the queue is full, the oldest item that
 * `expendable` accepts is dropped first (the oldest of all when none is), so the queue never holds
 * more than `limit` items. Returns what was dropped.
 */
export function enqueue<T>(queue: T[], item: T, limit: number, expendable: (item: T) => boolean): T[] {
  const dropped: T[] = []
  while (queue.length >= limit) {
    const index = queue.findIndex(expendable)
    dropped.push(...queue.splice(Math.max(index, 0), 1))
  }
  queue.push(item)
  return dropped
}

/**
 * Runs `callback` after `ms`. Every callback scheduled in the same tick with the same delay shares
 * one timer: a burst of events costs one `setTimeout`, not one each. A callback cannot be cancelled;
 * it checks for itself whether it still has work to do.
 */
export function later(ms: number, callback: () => void): void {
  let batch = pending.get(ms)
  if (batch === undefined) {
    const callbacks: (() => void)[] = []
    batch = callbacks
    pending.set(ms, callbacks)
    queueMicrotask(() => pending.delete(ms))
    setTimeout(() => {
      for (const run of callbacks) {
        try {
          run()
        } catch {
          // One callback that throws must not keep the others of its batch from running.
        }
      }
    }, ms)
  }
  batch.push(callback)
}

const pending = new Map<number, (() => void)[]>()
