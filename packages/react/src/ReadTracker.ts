import type { IntileryError } from '@intilery/core'
import { type MutationObserver, type MutationObserverResult, notifyManager } from '@tanstack/react-query'

/** The parts of a hook's result that are functions: reading them is not reading the mutation's state. */
const functions = new Set<PropertyKey>(['mutate', 'mutateAsync', 'reset'])

/**
 * Follows which parts of a mutation's result a component reads, the way react-query's
 * `trackResult` does for queries, so that the component re-renders only when one of those parts
 * changes: one that only calls `mutate` never re-renders for an event. What a component gets is a
 * snapshot of one render, read through a view that notes each part read; a part read for the first
 * time after it changed (in a handler, in a test's `waitFor`) asks for one render, so the next
 * snapshot has it.
 */
export class ReadTracker<TData, TVariables, TOnMutateResult> {
  readonly #observer: MutationObserver<TData, IntileryError, TVariables, TOnMutateResult>
  readonly #tracked = new Set<PropertyKey>()
  #onStoreChange: (() => void) | undefined

  constructor(observer: MutationObserver<TData, IntileryError, TVariables, TOnMutateResult>) {
    this.#observer = observer
  }

  /** For `useSyncExternalStore`: tells React of a change only when a part that was read changed. */
  readonly subscribe = (onStoreChange: () => void): (() => void) => {
    type Result = MutationObserverResult<TData, IntileryError, TVariables, TOnMutateResult>
    this.#onStoreChange = onStoreChange
    let seen: Result = this.#observer.getCurrentResult()
    const unsubscribe = this.#observer.subscribe(
      notifyManager.batchCalls((next: Result) => {
        let changed = false
        for (const key of this.#tracked) changed ||= !Object.is(next[key as keyof Result], seen[key as keyof Result])
        seen = next
        if (changed) onStoreChange()
      }),
    )
    return () => {
      unsubscribe()
      if (this.#onStoreChange === onStoreChange) this.#onStoreChange = undefined
    }
  }

  readonly getSnapshot = (): MutationObserverResult<TData, IntileryError, TVariables, TOnMutateResult> =>
    this.#observer.getCurrentResult()

  /** Notes that `key` is read: a change of it re-renders from now on. */
  track(key: PropertyKey): void {
    if (functions.has(key) || this.#tracked.has(key)) return
    this.#tracked.add(key)
  }

  /** The result of one render with the hook's own functions, as a view that notes what is read. */
  view<T extends object, M, A>(result: T, mutate: M, mutateAsync: A): T & { mutate: M; mutateAsync: A } {
    const snapshot = { ...result, mutate, mutateAsync }
    return new Proxy(snapshot, {
      get: (target, key, receiver) => {
        const value: unknown = Reflect.get(target, key, receiver)
        if (functions.has(key) || !(key in target) || this.#tracked.has(key)) return value
        this.#tracked.add(key)
        const current = this.#observer.getCurrentResult() as unknown as Record<PropertyKey, unknown>
        // Read for the first time after it changed: the next snapshot will have it.
        if (!Object.is(value, current[key])) queueMicrotask(() => this.#onStoreChange?.())
        return value
      },
    })
  }
}
