'use client'
import type { IntileryError } from '@intilery/core'
import {
  type MutateOptions,
  MutationObserver,
  type MutationObserverOptions,
  type UseMutateAsyncFunction,
  type UseMutateFunction,
  type UseMutationOptions,
  type UseMutationResult,
} from '@tanstack/react-query'
import { useCallback, useEffect, useInsertionEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { useIntileryContext } from './context'
import { ReadTracker } from './ReadTracker'
import { type Send, Sender } from './Sender'

export type { Send } from './Sender'

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
 * The one mutation every Intilery hook is made of, shaped like react-query's `useMutation`: one
 * `MutationObserver` on the library's own query client (the app's, if it gave the provider one),
 * keyed `['intilery', key]`. The event goes to the tracker when `mutate` is called, with the session
 * of the render that called it (see {@link Sender}); react-query runs the mutation and holds its
 * state. The result is a snapshot: a result kept from a render never changes; a component
 * re-renders only for the parts it reads. `mutate` never throws.
 */
export function useEventMutation<TData, TVariables, TOnMutateResult>(
  caller: string,
  key: string | ((variables: TVariables) => string),
  send: Send<TData, TVariables>,
  options: EventMutationOptions<TData, TVariables, TOnMutateResult> | undefined,
): UseMutationResult<TData, IntileryError, TVariables, TOnMutateResult> {
  type Options = MutationObserverOptions<TData, IntileryError, TVariables, TOnMutateResult>
  type Callbacks = MutateOptions<TData, IntileryError, TVariables, TOnMutateResult>
  const context = useIntileryContext(caller)
  const name = typeof key === 'string' ? key : caller
  const mutationKey = useMemo(() => ['intilery', name], [name])
  const [parts] = useState(() => {
    const observer = new MutationObserver<TData, IntileryError, TVariables, TOnMutateResult>(context.client, {})
    return { observer, reads: new ReadTracker(observer), sender: new Sender(observer, {}, context, send, caller) }
  })
  const { observer, reads, sender } = parts
  const observerOptions = useMemo<Options>(() => {
    const given: Record<string, unknown> = { ...options }
    for (const option of fixed) delete given[option]
    return { ...given, mutationKey, mutationFn: sender.take, networkMode: 'always', gcTime: 0, retry: false }
  }, [options, mutationKey, sender])
  // The render being committed, before any effect of the commit runs: a child's effect that calls
  // this hook's `mutate` in the same commit (its mount, an account change) sends with this render's
  // session and scope, although this hook's own effect, below, runs after it.
  useInsertionEffect(() => sender.commit(observerOptions, context), [sender, observerOptions, context])
  useEffect(() => sender.refresh(), [sender, observerOptions])

  const result = useSyncExternalStore(reads.subscribe, reads.getSnapshot, reads.getSnapshot)

  const mutateAsync = useCallback(
    (variables: TVariables, callbacks?: Callbacks) => sender.mutate(variables, callbacks, key),
    [sender, key],
  ) as UseMutateAsyncFunction<TData, IntileryError, TVariables, TOnMutateResult>
  const mutate = useCallback(
    (variables: TVariables, callbacks?: Callbacks) => void mutateAsync(variables, callbacks).catch(() => undefined),
    [mutateAsync],
  ) as UseMutateFunction<TData, IntileryError, TVariables, TOnMutateResult>

  const { throwOnError } = observer.options
  if (throwOnError) reads.track('error')
  if (throwOnError && result.error && (typeof throwOnError === 'function' ? throwOnError(result.error) : true)) {
    throw result.error
  }
  return reads.view(result, mutate, mutateAsync)
}
