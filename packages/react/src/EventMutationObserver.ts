import type { IntileryError } from '@intilery/core'
import {
  MutationObserver,
  type MutationObserverOptions,
  type MutationObserverResult,
  notifyManager,
  type QueryClient,
} from '@tanstack/react-query'

/** The parts of a hook's result that are functions: reading them is not reading the mutation's state. */
const functions = new Set<PropertyKey>(['mutate', 'mutateAsync', 'reset'])

/**
 * react-query's `MutationObserver`, read the way react-query reads queries (its `trackResult`): the
 * parts of the result a component reads are tracked here, in the observer, and the component is told
 * of a change only when a tracked part changed. A component that only calls `mutate` is never
 * re-rendered by an event, and any read gives the state as it is now.
 */
export class EventMutationObserver<TData, TVariables, TOnMutateResult> {
  readonly observer: MutationObserver<TData, IntileryError, TVariables, TOnMutateResult>
  readonly #tracked = new Set<PropertyKey>()

  constructor(
    client: QueryClient,
    options: MutationObserverOptions<TData, IntileryError, TVariables, TOnMutateResult>,
  ) {
    this.observer = new MutationObserver(client, options)
  }

  /** For `useSyncExternalStore`: calls `onStoreChange` when a tracked part of the result changed. */
  readonly subscribe = (onStoreChange: () => void): (() => void) => {
    type Result = MutationObserverResult<TData, IntileryError, TVariables, TOnMutateResult>
    let seen = this.observer.getCurrentResult()
    const unsubscribe = this.observer.subscribe(
      notifyManager.batchCalls((next: Result) => {
        let changed = false
        for (const key of this.#tracked) changed ||= !Object.is(next[key as keyof Result], seen[key as keyof Result])
        seen = next
        if (changed) onStoreChange()
      }),
    )
    return unsubscribe
  }

  readonly getCurrentResult = (): MutationObserverResult<TData, IntileryError, TVariables, TOnMutateResult> =>
    this.observer.getCurrentResult()

  /** Tracks `key` from now on: a change of it re-renders. */
  track(key: PropertyKey): void {
    if (!functions.has(key)) this.#tracked.add(key)
  }

  /**
   * A view of `result` that tracks what is read and reads the observer's current state: a part read
   * for the first time after it changed (in a handler, a test's `waitFor`) is current, and two reads
   * agree. In render it is the same as the render's snapshot. Nothing is written to the snapshot.
   */
  trackResult<T extends object>(result: T): T {
    return new Proxy(result, {
      get: (target, key, receiver) => {
        if (functions.has(key) || !(key in target)) return Reflect.get(target, key, receiver) as unknown
        this.track(key)
        return this.observer.getCurrentResult()[key as keyof MutationObserverResult]
      },
    })
  }
}
