'use client'
import { IntileryTagError, type IntileryError } from '@intilery/core'
import { type UseMutationOptions, type UseMutationResult, useMutation } from '@tanstack/react-query'
import { useIntileryContext, type IntileryContextValue } from './context'

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

/** At most two more tries, and only where the tag never took the event (absent or threw). */
export function retryHandoff(failureCount: number, error: unknown): boolean {
  return error instanceof IntileryTagError && error.reason !== 'rejected' && failureCount < 2
}

/**
 * The one mutation every Intilery hook is made of. Events go out whatever the browser thinks of the
 * network (the tag queues offline itself), and settled mutations leave the cache at once.
 */
export function useEventMutation<TData, TVariables, TOnMutateResult>(
  caller: string,
  send: (context: IntileryContextValue, variables: TVariables) => Promise<TData>,
  options: EventMutationOptions<TData, TVariables, TOnMutateResult> | undefined,
): UseMutationResult<TData, IntileryError, TVariables, TOnMutateResult> {
  const context = useIntileryContext(caller)
  return useMutation<TData, IntileryError, TVariables, TOnMutateResult>(
    {
      retry: retryHandoff,
      retryDelay: 200,
      networkMode: 'always',
      gcTime: 0,
      ...options,
      mutationFn: (variables) => send(context, variables),
    },
    context.client,
  )
}
