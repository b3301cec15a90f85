import { type AnalyticsBrowser } from '@segment/analytics-next'
import type { ComponentProps } from 'react'
import { describe, expectTypeOf, it } from 'vitest'
import * as z from 'zod/mini'
import { createRecordingTag } from '../testing'
import {
  type AnalyticsTag,
  createTracker,
  type Delivery,
  defineEvents,
  type IntileryProvider,
  type IntileryProviderProps,
  useTrackEvent,
  useTracker,
  type EventName,
  type IntileryError,
  useInviteSent,
  useLogout,
  useTrack,
  useTrackAccountRemovedUser,
  useTrackSignIn,
  useTrackSignUp,
  useTrackTrialStarted,
} from '../index'

describe('event hooks are typed exactly for their event', () => {
  it('accepts the spec’s properties', () => {
    const signUp = useTrackSignUp()
    signUp.mutate({ properties: { type: 'organic', email: 'a@b.co', first_name: 'Peter', phone: '1', title: 'Mr' } })
    useTrackTrialStarted().mutate({
      properties: { trial_start_date: new Date(), trial_end_date: '2018-09-20T04:09:47Z' },
    })
    useTrackAccountRemovedUser().mutate({ properties: {} })
    useTrackSignIn().mutate({ properties: { username: 'p' }, context: { groupId: 'acct_1' } })
  })

  it('rejects a property the event does not have', () => {
    // @ts-expect-error Signed In has no email
    useTrackSignIn().mutate({ properties: { email: 'a@b.co' } })
    // @ts-expect-error a misspelt property
    useInviteSent().mutate({ properties: { invitee_emial: 'a@b.co' } })
  })

  it('rejects a wrong type', () => {
    // @ts-expect-error username is a string
    useTrackSignIn().mutate({ properties: { username: 42 } })
    // @ts-expect-error a date takes a string or a Date
    useTrackTrialStarted().mutate({ properties: { trial_start_date: 1535429387000 } })
    // @ts-expect-error groupId is a string
    useTrackSignIn().mutate({ properties: {}, context: { groupId: 1 } })
  })

  it('types extra custom properties when asked', () => {
    useTrackSignIn<{ plan: string }>().mutate({ properties: { username: 'p', plan: 'pro' } })
    // @ts-expect-error plan is a string
    useTrackSignIn<{ plan: string }>().mutate({ properties: { plan: 1 } })
  })

  it('returns a react-query mutation whose data is the delivery', () => {
    const signIn = useTrackSignIn()
    expectTypeOf(signIn.data).toEqualTypeOf<Delivery | undefined>()
    expectTypeOf(signIn.error).toEqualTypeOf<IntileryError | null>()
    expectTypeOf(signIn.isPending).toBeBoolean()
    expectTypeOf(signIn.mutateAsync).returns.resolves.toEqualTypeOf<Delivery>()
  })

  it('passes react-query options through, but not mutationFn', () => {
    useTrackSignIn({
      onSuccess: (data) =>
        expectTypeOf(data.status).toEqualTypeOf<'acknowledged' | 'timeout' | 'queued' | 'discarded'>(),
    })
    // @ts-expect-error the library owns mutationFn
    useTrackSignIn({ mutationFn: () => Promise.resolve({} as Delivery) })
  })
})

describe('useTrack', () => {
  it('accepts any of the ten events with its own properties', () => {
    const track = useTrack()
    track.mutate({ event: 'Signed In', properties: { username: 'p' } })
    track.mutate({ event: 'Invite Sent', properties: { invitee_role: 'Owner' } })
    track.mutate({ event: 'Account Removed User' })
  })

  it('rejects an unknown event name', () => {
    // @ts-expect-error not an event of the spec
    useTrack().mutate({ event: 'Signed Inn', properties: {} })
  })

  it('rejects a property of another event', () => {
    // @ts-expect-error invitee_role belongs to Invite Sent
    useTrack().mutate({ event: 'Signed In', properties: { invitee_role: 'Owner' } })
    // @ts-expect-error username is a string
    useTrack().mutate({ event: 'Signed In', properties: { username: true } })
  })

  it('knows exactly ten event names', () => {
    expectTypeOf<EventName>().toEqualTypeOf<
      | 'Account Created'
      | 'Account Deleted'
      | 'Signed Up'
      | 'Signed In'
      | 'Signed Out'
      | 'Invite Sent'
      | 'Account Added User'
      | 'Account Removed User'
      | 'Trial Started'
      | 'Trial Ended'
    >()
  })
})

describe('useLogout', () => {
  it('takes Signed Out’s properties, or nothing', () => {
    const logout = useLogout()
    logout.mutate()
    logout.mutate({ properties: { username: 'p' } })
    // @ts-expect-error Signed Out has no email
    logout.mutate({ properties: { email: 'a@b.co' } })
  })
})

describe('the tag', () => {
  it('takes the real analytics.js tag as it is', () => {
    expectTypeOf<AnalyticsBrowser>().toExtend<AnalyticsTag>()
    expectTypeOf<AnalyticsBrowser>().toExtend<NonNullable<ComponentProps<typeof IntileryProvider>['tag']>>()
  })

  it('rejects an object that is not a tag', () => {
    expectTypeOf<{ track: () => void }>().not.toExtend<AnalyticsTag>()
  })
})

describe('defineEvents', () => {
  const plan = defineEvents({
    'Report Exported': z.object({ format: z.enum(['csv', 'pdf']), rows: z.optional(z.number()) }),
  })

  it('gives the catalogue itself, typed: the tracker and the hooks take it', () => {
    expectTypeOf(plan['Report Exported']).toExtend<z.ZodMiniObject>()
    const tracker = createTracker({ events: plan })
    void tracker.track('Report Exported', { format: 'pdf' })
    void tracker.track('Signed In', { username: 'p' })
    // @ts-expect-error format is 'csv' or 'pdf'
    void tracker.track('Report Exported', { format: 'xls' })
    // @ts-expect-error an event of no catalogue
    void tracker.track('Report Exportd', {})
  })

  it('the hooks do not know an unregistered plan’s names', () => {
    // @ts-expect-error custom events are known to the hooks once registered (register.test-d.ts)
    useTrack().mutate({ event: 'Report Exported', properties: { format: 'csv' } })
    // @ts-expect-error not an event of the spec
    useTrackEvent('Report Exported')
  })

  it('useTrackEvent is typed for its one event', () => {
    const signedIn = useTrackEvent('Signed In')
    signedIn.mutate({ properties: { username: 'p' } })
    signedIn.mutate()
    // @ts-expect-error Signed In has no role
    signedIn.mutate({ properties: { role: 'Owner' } })
  })
})

describe('events whose properties are all optional', () => {
  it('take mutate() with no argument', () => {
    useTrackAccountRemovedUser().mutate()
    useTrackSignIn().mutate()
    useTrackSignIn().mutate(undefined, { onSuccess: () => undefined })
  })
})

describe('the provider', () => {
  it('takes a tracker, or the settings of its own, never both', () => {
    const tracker = createTracker()
    expectTypeOf({
      tracker,
      userId: 'u1',
      groupId: 'acct_1',
      consent: 'pending' as const,
    }).toExtend<IntileryProviderProps>()
    expectTypeOf({
      tag: createRecordingTag(),
      validation: 'report' as const,
      groupTraits: { name: 'Initech', seats: 3 },
    }).toExtend<IntileryProviderProps>()
    // The settings belong to the tracker given.
    expectTypeOf({ tracker, validation: 'report' as const }).not.toExtend<IntileryProviderProps>()
  })

  it('takes any tracker while no events are registered', () => {
    const plan = defineEvents({ 'Report Exported': z.object({ format: z.enum(['csv', 'pdf']) }) })
    const withPlan = createTracker({ events: plan })
    expectTypeOf({ tracker: withPlan }).toExtend<IntileryProviderProps>()
    expectTypeOf({ tracker: createTracker() }).toExtend<IntileryProviderProps>()
  })

  it('useTracker gives the tracker, typed by the catalogue', () => {
    const tracker = useTracker()
    void tracker.track('Signed In', { username: 'p' })
    // @ts-expect-error an event of no catalogue
    void tracker.track('Nope', {})
  })
})
