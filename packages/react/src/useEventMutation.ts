'use client'
import type { IntileryError } from '@intilery/core'
import {
  type MutateOptions,
  MutationObserver,
  type MutationObserverResult,
  notifyManager,
  type UseMutateFunction,
  type UseMutationOptions,
  type UseMutationResult,
} from '@tanstack/react-query'
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import { type IntileryContextValue, useIntileryContext } from './context'

/**
 * The react-query options a hook passes through: everything but `mutationFn`.
 *
 * @example
 * ```ts
 * const options: EventMutationOptions<Delivery, EventVariables<'Signed In'>> = { onSuccess: () => navigate('/') }
 * ```
 */
export type EventMutationOptions<TData, TVariables, TOnMutateResult = unknown> = Omit<
  UseMutationOptions<TData, IntileryError, TVariables, TOnMutateResult>,
  'mutationFn'
>

/** The result's functions: reading them is not reading the mutation's state. */
const functions = new Set<PropertyKey>(['mutate', 'mutateAsync', 'reset'])

/**
 * The one mutation every Intilery hook is made of: react-query's `MutationObserver`, read the way
 * `useQuery` reads queries. A component re-renders only when a part of the result it has read
 * changes, so one that only calls `mutate` never re-renders for an event. A part first read after
 * it changed (in a handler, or a test's `waitFor`) brings the component up to date.
 *
 * Events go out whatever the browser thinks of the network (the tag queues offline itself); the
 * tracker retries a failed handoff itself, so react-query does not; settled mutations leave the
 * cache at once.
 */
export function useEventMutation<TData, TVariables, TOnMutateResult>(
  caller: string,
  send: (context: IntileryContextValue, variables: TVariables) => Promise<TData>,
  options: EventMutationOptions<TData, TVariables, TOnMutateResult> | undefined,
): UseMutationResult<TData, IntileryError, TVariables, TOnMutateResult> {
  type Result = MutationObserverResult<TData, IntileryError, TVariables, TOnMutateResult>
  const context = useIntileryContext(caller)
  const full: UseMutationOptions<TData, IntileryError, TVariables, TOnMutateResult> = {
    retry: false,
    networkMode: 'always',
    gcTime: 0,
    ...options,
    mutationFn: (variables) => send(context, variables),
  }
  const [store] = useState(() => ({
    observer: new MutationObserver<TData, IntileryError, TVariables, TOnMutateResult>(context.client, full),
    tracked: new Set<PropertyKey>(),
    changed: undefined as (() => void) | undefined,
  }))
  const { observer, tracked } = store
  // The options are new on every render (callbacks, context): hand them over after each one.
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

  const mutate = useCallback(
    (variables: TVariables, callbacks?: MutateOptions<TData, IntileryError, TVariables, TOnMutateResult>) => {
      observer.mutate(variables, callbacks).catch(() => undefined)
    },
    [observer],
  ) as UseMutateFunction<TData, IntileryError, TVariables, TOnMutateResult>

  const { throwOnError } = observer.options
  if (throwOnError) tracked.add('error')
  if (result.error && (typeof throwOnError === 'function' ? throwOnError(result.error) : throwOnError)) {
    throw result.error
  }

  const value = { ...result, mutate, mutateAsync: result.mutate }
  return new Proxy(value, {
    get(target, key) {
      if (key in target && !functions.has(key) && !tracked.has(key)) {
        tracked.add(key)
        // Read for the first time, and already out of date: give the current value, and bring the
        // component up to date.
        const live: unknown = observer.getCurrentResult()[key as keyof Result]
        if (!Object.is(live, target[key as keyof typeof target])) {
          queueMicrotask(() => store.changed?.())
          return live
        }
      }
      return Reflect.get(target, key) as unknown
    },
  })
}
