'use client'
import { IntileryError } from '@intilery/core'
import type {
  MutateOptions,
  MutationObserverOptions,
  UseMutateAsyncFunction,
  UseMutateFunction,
  UseMutationOptions,
  UseMutationResult,
} from '@tanstack/react-query'
import { useCallback, useEffect, useInsertionEffect, useState, useSyncExternalStore } from 'react'
import { type IntileryContextValue, useIntileryContext } from './context'
import { EventMutationObserver } from './EventMutationObserver'

/**
 * The react-query options a hook takes: all but those that would break its guarantees —
 * `mutationFn` and `mutationKey` (the library's), `retry` and `retryDelay` (an event the tag may
 * already have is never handed over twice), `networkMode` (events go out whatever the browser thinks
 * of the network: the tag keeps them offline itself), `gcTime` (settled mutations leave the cache at
 * once) and `scope` (it would hold a mutation's status behind another's).
 *
 * @example
 * ```ts
 * const options: EventMutationOptions<Delivery, EventVariables<'Signed In'>> = { onSuccess: () => navigate('/') }
 * ```
 */
export type EventMutationOptions<TData, TVariables, TOnMutateResult = unknown> = Omit<
  UseMutationOptions<TData, IntileryError, TVariables, TOnMutateResult>,
  'mutationFn' | 'mutationKey' | 'retry' | 'retryDelay' | 'networkMode' | 'gcTime' | 'scope'
>

/** The options no caller may set, even untyped: the library's own values always win. */
const fixed = ['mutationFn', 'mutationKey', 'retry', 'retryDelay', 'networkMode', 'gcTime', 'scope'] as const

/**
 * The one mutation every Intilery hook is made of: react-query's `MutationObserver` on the
 * library's own query client (never the app's, unless the app passed one to the provider), keyed
 * `['intilery', key]`, read through {@link EventMutationObserver} so that a component re-renders
 * only for the parts of the result it reads.
 *
 * The event is handed to the tracker when `mutate` is called, in call order with every other call,
 * not later, when react-query gets to the mutation function after awaiting an `onMutate`.
 * `mutate` never throws: whatever goes wrong settles the mutation as an error.
 */
export function useEventMutation<TData, TVariables, TOnMutateResult>(
  caller: string,
  key: string | ((variables: TVariables) => string),
  send: (context: IntileryContextValue, variables: TVariables) => Promise<TData>,
  options: EventMutationOptions<TData, TVariables, TOnMutateResult> | undefined,
): UseMutationResult<TData, IntileryError, TVariables, TOnMutateResult> {
  const context = useIntileryContext(caller)
  const [store] = useState(() => {
    type Options = MutationObserverOptions<TData, IntileryError, TVariables, TOnMutateResult>
    const self = {
      /** The latest committed options. */
      options,
      /** Sends with the latest committed context (a child's effect may send before this hook's own effects run). */
      send: (variables: TVariables) => send(context, variables),
      /** What mutate started, by the variables it handed to react-query, until the mutation function picks it up. */
      started: new Map<unknown, { pending: Promise<TData>[]; outstanding: number }>(),
      /** The options react-query gets: the caller's, less the fixed ones, and the library's. */
      settings(mutationKey: readonly unknown[]): Options {
        const given: Record<string, unknown> = { ...self.options }
        for (const name of fixed) delete given[name]
        return {
          ...given,
          mutationKey,
          networkMode: 'always',
          gcTime: 0,
          retry: false,
          // The event was sent when mutate was called: react-query picks that promise up.
          mutationFn: (variables) => self.started.get(variables)?.pending.shift() ?? self.send(variables),
        }
      },
      observer: undefined as unknown as EventMutationObserver<TData, TVariables, TOnMutateResult>,
    }
    self.observer = new EventMutationObserver(
      context.client,
      self.settings(['intilery', typeof key === 'string' ? key : caller]),
    )
    return self
  })
  const { observer } = store
  useInsertionEffect(() => {
    store.send = (variables) => send(context, variables)
    store.options = options
  })
  // The options, after each render (the key is the last call's, for hooks that send any event).
  useEffect(() => {
    observer.observer.setOptions(store.settings(observer.observer.options.mutationKey ?? ['intilery', caller]))
  })

  const result = useSyncExternalStore(observer.subscribe, observer.getCurrentResult, observer.getCurrentResult)

  const mutateAsync = useCallback(
    (variables: TVariables, callbacks?: MutateOptions<TData, IntileryError, TVariables, TOnMutateResult>) => {
      // react-query gets its own copy of object variables, so its mutation function finds exactly
      // this call's send; a value (undefined, for a logout) shares one first-in, first-out line.
      let own = variables
      try {
        own = copy(variables)
      } catch {
        // A getter that throws: the send below fails with a clear error, as a settled mutation.
      }
      let sending: Promise<TData>
      try {
        sending = store.send(own)
      } catch (error) {
        sending = Promise.reject(asError(caller, error))
      }
      sending.catch(() => undefined)
      const entry = store.started.get(own) ?? { pending: [], outstanding: 0 }
      entry.pending.push(sending)
      entry.outstanding += 1
      store.started.set(own, entry)
      if (typeof key === 'function') {
        let name = caller
        try {
          name = key(own)
        } catch {
          // The send above has already failed; the key stays the hook's.
        }
        const current = observer.observer.options.mutationKey
        if (current?.[1] !== name) observer.observer.setOptions(store.settings(['intilery', name]))
      }
      return observer.observer.mutate(own, callbacks).finally(() => {
        entry.outstanding -= 1
        if (entry.outstanding === 0) store.started.delete(own)
      })
    },
    [observer, store, key, caller],
  ) as UseMutateAsyncFunction<TData, IntileryError, TVariables, TOnMutateResult>
  const mutate = useCallback(
    (variables: TVariables, callbacks?: MutateOptions<TData, IntileryError, TVariables, TOnMutateResult>) => {
      mutateAsync(variables, callbacks).catch(() => undefined)
    },
    [mutateAsync],
  ) as UseMutateFunction<TData, IntileryError, TVariables, TOnMutateResult>

  const { throwOnError } = observer.observer.options
  if (throwOnError) observer.track('error')
  if (result.error && (typeof throwOnError === 'function' ? throwOnError(result.error) : throwOnError)) {
    throw result.error
  }

  return observer.trackResult({ ...result, mutate, mutateAsync })
}

/** A copy of object variables (so each call is its own key); any other value as it is. */
function copy<T>(variables: T): T {
  if (typeof variables !== 'object' || variables === null) return variables
  return (Array.isArray(variables) ? [...(variables as unknown[])] : { ...variables }) as T
}

function asError(caller: string, error: unknown): IntileryError {
  return error instanceof IntileryError
    ? error
    : new IntileryError(`${caller} could not send: its variables could not be read`, undefined, { cause: error })
}
