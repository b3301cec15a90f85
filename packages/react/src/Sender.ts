import { IntileryError } from '@intilery/core'
import type { MutateOptions, MutationObserver, MutationObserverOptions } from '@tanstack/react-query'
import { declare, type IntileryContextValue } from './context'

/** How a hook sends what `mutate` was given, with the context of the render that called it. */
export type Send<TData, TVariables> = (context: IntileryContextValue, variables: TVariables) => Promise<TData>

/** The callbacks a call that react-query could not make still runs, loosely typed across its versions. */
interface Settle<TVariables> {
  onError?: (error: IntileryError, variables: TVariables) => unknown
  onSettled?: (data: undefined, error: IntileryError, variables: TVariables) => unknown
}

type Options<TData, TVariables, TOnMutateResult> = MutationObserverOptions<
  TData,
  IntileryError,
  TVariables,
  TOnMutateResult
>

/**
 * What a hook's `mutate` does, for one `MutationObserver`. The event goes to the tracker the moment
 * `mutate` is called, with the session of the render last committed: in the order the app made its
 * calls, a direct one (`useIdentify`) included, and whatever an `onMutate` awaits. react-query then
 * runs the mutation as it runs any other; its mutation function hands back that call's delivery.
 * The variables are the only thing react-query hands from `mutate` to the mutation function, so
 * each delivery waits under the caller's own variables (compared by identity, first in first out
 * for the same ones) until the mutation function takes it, or the mutation fails before it runs.
 */
export class Sender<TData, TVariables, TOnMutateResult> {
  readonly #observer: MutationObserver<TData, IntileryError, TVariables, TOnMutateResult>
  readonly #send: Send<TData, TVariables>
  readonly #caller: string
  /** Deliveries not taken yet, by the variables they were sent for. */
  readonly #waiting = new Map<unknown, Promise<TData>[]>()
  /** What the deliveries failed with: a mutation failing with one of these ran its function. */
  readonly #failures = new WeakSet<object>()
  #context: IntileryContextValue
  #committed: Options<TData, TVariables, TOnMutateResult>
  /** What the observer was last given: the committed options, keyed by `name` when a call named its event. */
  #given: [options: Options<TData, TVariables, TOnMutateResult>, name?: string | undefined]

  constructor(
    observer: MutationObserver<TData, IntileryError, TVariables, TOnMutateResult>,
    options: Options<TData, TVariables, TOnMutateResult>,
    context: IntileryContextValue,
    send: Send<TData, TVariables>,
    caller: string,
  ) {
    this.#observer = observer
    this.#committed = options
    this.#given = [options]
    this.#context = context
    this.#send = send
    this.#caller = caller
  }

  /** The mutation function: the delivery `mutate` started for these variables (never a second send). */
  readonly take = (variables: TVariables): Promise<TData> => {
    const waiting = this.#waiting.get(variables)
    const sent = waiting?.shift()
    if (waiting?.length === 0) this.#waiting.delete(variables)
    return sent ?? Promise.reject(this.#error(undefined))
  }

  /** The render being committed: its options and its context (session, scope). */
  commit(options: Options<TData, TVariables, TOnMutateResult>, context: IntileryContextValue): void {
    this.#committed = options
    this.#context = context
  }

  /** Gives the observer the committed options (keyed by the last call's event), if it has others. */
  refresh(name = this.#given[1]): void {
    const options = this.#committed
    if (this.#given[0] === options && this.#given[1] === name) return
    this.#given = [options, name]
    this.#observer.setOptions(name === undefined ? options : { ...options, mutationKey: ['intilery', name] })
  }

  /** `mutateAsync`: sends now, then runs the mutation. Never throws: a failure rejects. */
  mutate(
    variables: TVariables,
    callbacks: MutateOptions<TData, IntileryError, TVariables, TOnMutateResult> | undefined,
    key: string | ((variables: TVariables) => string),
  ): Promise<TData> {
    const sent = this.#start(variables)
    const waiting = this.#waiting.get(variables) ?? []
    waiting.push(sent)
    this.#waiting.set(variables, waiting)
    // A mutation that failed before its function ran (an onMutate that threw) takes no delivery:
    // one of its variables' is dropped, its own if still there, so that none is left behind.
    const drop = (): void => {
      const at = waiting.indexOf(sent)
      if (waiting.length > 0) void waiting.splice(at === -1 ? waiting.length - 1 : at, 1)
      if (waiting.length === 0 && this.#waiting.get(variables) === waiting) this.#waiting.delete(variables)
    }
    try {
      // A hook that sends any event is keyed by the event of each call.
      this.refresh(typeof key === 'function' ? key(variables) : undefined)
      const done = this.#observer.mutate(variables, callbacks)
      done.catch((error: unknown) => {
        // `has` answers false for a value that is not an object: no check needed.
        if (!this.#failures.has(error as object)) drop()
      })
      return done
    } catch (error) {
      // react-query itself threw (a page without a bundler, where its build reads an undefined
      // `process`): it made no mutation, so none will settle. The event went out above; the call
      // settles as an error here, through the callbacks react-query would have run, in its order
      // (with the error and the variables only: there is no mutation to describe).
      drop()
      const failed = this.#error(error)
      void Promise.resolve().then(() => {
        for (const given of [this.#committed, callbacks] as (Settle<TVariables> | undefined)[]) {
          given?.onError?.(failed, variables)
          given?.onSettled?.(undefined, failed, variables)
        }
      })
      return Promise.reject(failed)
    }
  }

  /** Sends with the committed render's session; a throw from below becomes a rejection. */
  #start(variables: TVariables): Promise<TData> {
    let sent: Promise<TData>
    try {
      declare(this.#context)
      sent = this.#send(this.#context, variables)
    } catch (error) {
      sent = Promise.reject(this.#error(error))
    }
    sent.catch((error: unknown) => {
      if (typeof error === 'object' && error !== null) this.#failures.add(error)
    })
    return sent
  }

  /** What went wrong below, as an `IntileryError` (its cause: what was thrown). */
  #error(error: unknown): IntileryError {
    return error instanceof IntileryError
      ? error
      : new IntileryError(`${this.#caller} could not send`, undefined, { cause: error })
  }
}
