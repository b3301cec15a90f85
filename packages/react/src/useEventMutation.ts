'use client'
import type { IntileryError } from '@intilery/core'
import {
  type MutateOptions,
  MutationObserver,
  type MutationObserverResult,
  notifyManager,
  type UseMutateAsyncFunction,
  type UseMutateFunction,
  type UseMutationOptions,
  type UseMutationResult,
} from '@tanstack/react-query'
import { useCallback, useEffect, useInsertionEffect, useState, useSyncExternalStore } from 'react'
import { type IntileryContextValue, useIntileryContext } from './context'

/**
 * The react-query options a hook passes through: everything but `mutationFn`, and `retry` and
 * `retryDelay`, since an event the tag may already have must never be handed over twice.
 *
 * @example
 * ```ts
 * const options: EventMutationOptions<Delivery, EventVariables<'Signed In'>> = { onSuccess: () => navigate('/') }
 * ```
 */
export type EventMutationOptions<TData, TVariables, TOnMutateResult = unknown> = Omit<
  UseMutationOptions<TData, IntileryError, TVariables, TOnMutateResult>,
  'mutationFn' | 'retry' | 'retryDelay'
>

/** The result's functions: reading them is not reading the mutation's state. */
const functions = new Set<PropertyKey>(['mutate', 'mutateAsync', 'reset'])

/**
 * The one mutation every Intilery hook is made of: react-query's `MutationObserver`, read the way
 * `useQuery` reads queries. A component re-renders only when a part of the result it has read
 * changes, so one that only calls `mutate` never re-renders for an event. A part first read after
 * it changed (in a handler, or a test's `waitFor`) brings the component up to date.
 *
 * Events go out whatever the browser thinks of the network (the tag queues offline itself); an
 * event is never retried by react-query (the queue keeps it until there is a tag); settled
 * mutations leave the cache at once.
 */
export function useEventMutation<TData, TVariables, TOnMutateResult>(
  caller: string,
  send: (context: IntileryContextValue, variables: TVariables) => Promise<TData>,
  options: EventMutationOptions<TData, TVariables, TOnMutateResult> | undefined,
): UseMutationResult<TData, IntileryError, TVariables, TOnMutateResult> {
  type Result = MutationObserverResult<TData, IntileryError, TVariables, TOnMutateResult>
  const context = useIntileryContext(caller)
  const full: UseMutationOptions<TData, IntileryError, TVariables, TOnMutateResult> = {
    networkMode: 'always',
    gcTime: 0,
    ...options,
    // Never retried by react-query, whatever the options or the client's defaults say.
    retry: false,
    mutationFn: (variables) => store.started.get(variables)?.pending.shift() ?? send(context, variables),
  }
  const [store] = useState(() => ({
    observer: new MutationObserver<TData, IntileryError, TVariables, TOnMutateResult>(context.client, full),
    tracked: new Set<PropertyKey>(),
    changed: undefined as (() => void) | undefined,
    /** Sends with the latest render's context. */
    send: (variables: TVariables) => send(context, variables),
    /** What mutate started, by the variables it handed to react-query, until the mutation function picks it up. */
    started: new Map<unknown, { pending: Promise<TData>[]; outstanding: number }>(),
  }))
  const { observer, tracked } = store
  // The context is new on every render: before any effect below runs (a child's effect may send).
  useInsertionEffect(() => {
    store.send = (variables) => send(context, variables)
  })
  // The options too, after each render.
  useEffect(() => {
    observer.setOptions(full)
  })

  const subscribe = useCallback(
    (onStoreChange: () => void) => {
      let seen = observer.getCurrentResult()
      store.changed = onStoreChange
      return observer.subscribe(
        notifyManager.batchCalls((next: Result) => {
          let changed = false
          for (const key of tracked) changed ||= !Object.is(next[key as keyof Result], seen[key as keyof Result])
          seen = next
          if (changed) onStoreChange()
        }),
      )
    },
    [observer, tracked, store],
  )
  const current = useCallback(() => observer.getCurrentResult(), [observer])
  const result = useSyncExternalStore(subscribe, current, current)

  // The event is sent when mutate is called, in call order with every other call to the tracker —
  // not later, when react-query gets to the mutation function after awaiting any onMutate.
  const mutateAsync = useCallback(
    (variables: TVariables, callbacks?: MutateOptions<TData, IntileryError, TVariables, TOnMutateResult>) => {
      // react-query gets its own copy of object variables, so its mutation function finds exactly
      // this call's send; a value (undefined, for a logout) shares one first-in, first-out line.
      const own = copy(variables)
      const sending = store.send(own)
      sending.catch(() => undefined)
      const entry = store.started.get(own) ?? { pending: [], outstanding: 0 }
      entry.pending.push(sending)
      entry.outstanding += 1
      store.started.set(own, entry)
      return observer.mutate(own, callbacks).finally(() => {
        entry.outstanding -= 1
        if (entry.outstanding === 0) store.started.delete(own)
      })
    },
    [observer, store],
  ) as UseMutateAsyncFunction<TData, IntileryError, TVariables, TOnMutateResult>
  const mutate = useCallback(
    (variables: TVariables, callbacks?: MutateOptions<TData, IntileryError, TVariables, TOnMutateResult>) => {
      mutateAsync(variables, callbacks).catch(() => undefined)
    },
    [mutateAsync],
  ) as UseMutateFunction<TData, IntileryError, TVariables, TOnMutateResult>

  const { throwOnError } = observer.options
  if (throwOnError) tracked.add('error')
  if (result.error && (typeof throwOnError === 'function' ? throwOnError(result.error) : throwOnError)) {
    throw result.error
  }

  const value = { ...result, mutate, mutateAsync }
  return new Proxy(value, {
    get(target, key) {
      if (key in target && !functions.has(key) && !tracked.has(key)) {
        tracked.add(key)
        // Read for the first time, and already out of date: give the current value, and bring the
        // component up to date.
        const live: unknown = observer.getCurrentResult()[key as keyof Result]
        if (!Object.is(live, target[key as keyof typeof target])) {
          ;(target as Record<PropertyKey, unknown>)[key] = live
          queueMicrotask(() => store.changed?.())
        }
      }
      return Reflect.get(target, key) as unknown
    },
  })
}

/** A copy of object variables (so each call is its own key); any other value as it is. */
function copy<T>(variables: T): T {
  if (typeof variables !== 'object' || variables === null) return variables
  return (Array.isArray(variables) ? [...(variables as unknown[])] : { ...variables }) as T
}
