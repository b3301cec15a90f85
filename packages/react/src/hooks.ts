'use client'
import {
  type B2bSaasEvents,
  type Delivery,
  type EventCatalog,
  type EventName,
  type EventProperties,
  type IntileryError,
  IntileryValidationError,
} from '@intilery/core'
import type { UseMutationResult } from '@tanstack/react-query'
import { type IntileryContextValue, scopeOf } from './context'
import { type EventMutationOptions, type Send, useEventMutation } from './useEventMutation'

/**
 * What an event hook's `mutate` takes, mirroring the spec's payload: the event's properties
 * (typed exactly; `Extra` adds your own) and, optionally, the account for this one call.
 * `properties` may be left out when the event requires none.
 *
 * @example
 * ```ts
 * const variables: EventVariables<'Signed In'> = { properties: { username: 'pgibbons' } }
 * ```
 */
export type EventVariables<
  E extends keyof C & string,
  Extra extends object = {},
  C extends EventCatalog = B2bSaasEvents,
> = PropertiesOf<EventProperties<E, C> & Extra> & { context?: { groupId?: string | undefined } }

type PropertiesOf<P> = {} extends P ? { properties?: P } : { properties: P }

/**
 * What `mutate` takes for an event: its {@link EventVariables}, which may be left out altogether
 * when nothing in them is required (`signOut.mutate()`).
 *
 * @example
 * ```ts
 * const none: EventArgs<'Account Removed User'> = undefined
 * ```
 */
export type EventArgs<E extends keyof C & string, Extra extends object = {}, C extends EventCatalog = B2bSaasEvents> =
  {} extends EventVariables<E, Extra, C> ? EventVariables<E, Extra, C> | void : EventVariables<E, Extra, C>

type Variables = { event?: string; properties?: object; context?: { groupId?: string | undefined } }

/**
 * Sends one event for a hook: the call's own account wins over the scope's, which wins over the
 * tracker's. `event` is the hook's, or read from the variables (`useTrack`). Never throws: variables
 * that cannot be read (a getter that throws) reject, as an invalid event.
 */
export function sendEvent(
  { tracker, declaration }: IntileryContextValue,
  event: string | undefined | ((variables: Variables | null | undefined) => string | undefined),
  variables: unknown,
  batch?: boolean,
): Promise<Delivery> {
  let name: string | undefined
  let properties: object | undefined
  let groupId: string | undefined
  try {
    const given = variables as Variables | null | undefined
    name = typeof event === 'function' ? event(given) : event
    properties = given?.properties
    groupId = given?.context?.groupId
  } catch {
    return Promise.reject(
      new IntileryValidationError(name ?? 'event', [
        { path: 'variables', message: 'could not be read (a property getter threw)' },
      ]),
    )
  }
  return tracker.track(name as EventName, properties, { groupId, account: scopeOf(declaration), batch })
}

/**
 * What every event hook returns: a react-query mutation whose data is the event's {@link Delivery}.
 *
 * @example
 * ```ts
 * const signIn: EventMutation<'Signed In'> = useTrackSignIn()
 * ```
 */
export type EventMutation<
  E extends EventName,
  Extra extends object = {},
  TOnMutateResult = unknown,
> = UseMutationResult<Delivery, IntileryError, EventArgs<E, Extra>, TOnMutateResult>

/**
 * The type of one generated event hook. `Extra` types custom properties sent beside the spec's.
 *
 * @example
 * ```ts
 * const useMyHook: EventHook<'Signed In'> = useTrackSignIn
 * ```
 */
export type EventHook<E extends EventName> = <Extra extends object = {}, TOnMutateResult = unknown>(
  options?: EventMutationOptions<Delivery, EventArgs<E, Extra>, TOnMutateResult>,
) => EventMutation<E, Extra, TOnMutateResult>

/** A hook for one event of the spec. Its mutation is keyed `['intilery', event]`. */
function eventHook<E extends EventName>(event: E): EventHook<E> {
  const caller = `the "${event}" hook`
  const send: Send<Delivery, unknown> = (context, variables) => sendEvent(context, event, variables)
  return function useEventHook<Extra extends object = {}, TOnMutateResult = unknown>(
    options?: EventMutationOptions<Delivery, EventArgs<E, Extra>, TOnMutateResult>,
  ): EventMutation<E, Extra, TOnMutateResult> {
    return useEventMutation(caller, event, send as Send<Delivery, EventArgs<E, Extra>>, options)
  }
}

/**
 * Sends **Account Created** when a new account is created. Pass the new account's id as
 * `context.groupId`: it is fresh, so the provider does not know it yet.
 *
 * @example
 * ```tsx
 * const accountCreated = useTrackAccountCreated()
 * accountCreated.mutate({ properties: { account_name: 'Initech' }, context: { groupId: account.id } })
 * ```
 */
export const useTrackAccountCreated = eventHook('Account Created')

/**
 * Sends **Account Deleted** when an account is deleted.
 *
 * @example
 * ```tsx
 * const accountDeleted = useTrackAccountDeleted()
 * accountDeleted.mutate({ properties: { account_name: 'Initech' } })
 * ```
 */
export const useTrackAccountDeleted = eventHook('Account Deleted')

/**
 * Sends **Signed Up** when a user signs up (`type`: `'organic'`, `'invited'`, …).
 *
 * @example
 * ```tsx
 * const signUp = useTrackSignUp()
 * signUp.mutate({ properties: { type: 'organic', email: 'pgibbons@example.com', username: 'pgibbons' } })
 * ```
 */
export const useTrackSignUp = eventHook('Signed Up')

/**
 * Sends **Signed In** when a user signs in.
 *
 * @example
 * ```tsx
 * const signIn = useTrackSignIn()
 * signIn.mutate({ properties: { username: 'pgibbons' } })
 * ```
 */
export const useTrackSignIn = eventHook('Signed In')

/**
 * Sends **Signed Out** alone. To log a user out, use {@link useLogout}: it also resets the tag.
 *
 * @example
 * ```tsx
 * const signOut = useTrackSignOut()
 * signOut.mutate({ properties: { username: 'pgibbons' } })
 * ```
 */
export const useTrackSignOut = eventHook('Signed Out')

/**
 * Sends **Invite Sent** when a user invites another.
 *
 * @example
 * ```tsx
 * const inviteSent = useInviteSent()
 * inviteSent.mutate({ properties: { invitee_email: 'pgibbons@example.com', invitee_role: 'Owner' } })
 * ```
 */
export const useInviteSent = eventHook('Invite Sent')

/**
 * Sends **Account Added User** when a user is added to the account.
 *
 * @example
 * ```tsx
 * const added = useTrackAccountAddedUser()
 * added.mutate({ properties: { role: 'Owner' } })
 * ```
 */
export const useTrackAccountAddedUser = eventHook('Account Added User')

/**
 * Sends **Account Removed User** when a user is removed from the account.
 *
 * @example
 * ```tsx
 * const removed = useTrackAccountRemovedUser()
 * removed.mutate()
 * ```
 */
export const useTrackAccountRemovedUser = eventHook('Account Removed User')

/**
 * Sends **Trial Started**. Dates take an ISO-8601 string (kept as given) or a `Date`.
 *
 * @example
 * ```tsx
 * const trialStarted = useTrackTrialStarted()
 * trialStarted.mutate({ properties: { trial_start_date: new Date(), trial_plan_name: 'Business' } })
 * ```
 */
export const useTrackTrialStarted = eventHook('Trial Started')

/**
 * Sends **Trial Ended**. Dates take an ISO-8601 string (kept as given) or a `Date`.
 *
 * @example
 * ```tsx
 * const trialEnded = useTrackTrialEnded()
 * trialEnded.mutate({ properties: { trial_end_date: '2018-09-20T04:09:47Z', trial_plan_name: 'Business' } })
 * ```
 */
export const useTrackTrialEnded = eventHook('Trial Ended')
