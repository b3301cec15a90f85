// A program of its own (tsconfig.json beside this file): registering events is global to a
// program, and the other type tests check the spec's catalogue alone.
import { describe, expectTypeOf, it } from 'vitest'
import * as z from 'zod/mini'
import {
  createTracker,
  defineEvents,
  type GivenTrackerProps,
  IntileryProvider,
  type IntileryProviderProps,
  type RegisteredEvents,
  useTrack,
  useTrackBatch,
  useTrackEvent,
  useTracker,
} from '../../index'

export const plan = defineEvents({
  'Report Exported': z.object({ format: z.enum(['csv', 'pdf']) }),
})

declare module '../../index' {
  interface Register {
    events: typeof plan
  }
}

describe('Register', () => {
  it('teaches useTrack the registered events, and keeps the spec’s', () => {
    const track = useTrack()
    track.mutate({ event: 'Report Exported', properties: { format: 'csv' } })
    track.mutate({ event: 'Signed In', properties: { username: 'p' } })
    // @ts-expect-error format is 'csv' or 'pdf'
    track.mutate({ event: 'Report Exported', properties: { format: 'xls' } })
    // @ts-expect-error still no event of that name
    track.mutate({ event: 'Report Exportd', properties: { format: 'csv' } })
  })

  it('teaches useTrackBatch, useTrackEvent and useTracker too', () => {
    useTrackBatch().mutate([{ event: 'Report Exported', properties: { format: 'pdf' } }])
    // @ts-expect-error format is required
    useTrackBatch().mutate([{ event: 'Report Exported', properties: {} }])
    useTrackEvent('Report Exported').mutate({ properties: { format: 'csv' } })
    // @ts-expect-error format is required, so the variables are too
    useTrackEvent('Report Exported').mutate()
    void useTracker().track('Report Exported', { format: 'pdf' })
  })

  it('makes the provider’s events prop required, and only the registered catalogue', () => {
    expectTypeOf({ events: plan, groupId: 'acct_1' }).toExtend<IntileryProviderProps>()
    // Registered but not given: it would compile, then reject every custom event at run time.
    expectTypeOf({ groupId: 'acct_1' }).not.toExtend<IntileryProviderProps>()
    expectTypeOf({ events: {} }).not.toExtend<IntileryProviderProps>()
  })

  it('takes as `tracker` only a tracker whose catalogue has every registered event', () => {
    const withPlan = createTracker({ events: plan, groupId: 'acct_1' })
    IntileryProvider({ tracker: withPlan, userId: 'u1' })
    expectTypeOf({ tracker: withPlan, userId: 'u1' }).toExtend<IntileryProviderProps>()
    // A tracker made without the plan compiled, then rejected every custom event at run time.
    const withoutPlan = createTracker({ groupId: 'acct_1', onError: () => undefined })
    // @ts-expect-error the tracker's catalogue lacks "Report Exported"
    IntileryProvider({ tracker: withoutPlan, userId: 'u1' })
    expectTypeOf({ tracker: withoutPlan }).not.toExtend<IntileryProviderProps>()
    // Other events of its own do not make up for the registered ones.
    const otherPlan = createTracker({ events: defineEvents({ 'Seat Added': z.object({}) }) })
    // @ts-expect-error the tracker's catalogue lacks "Report Exported"
    IntileryProvider({ tracker: otherPlan })
    expectTypeOf({ tracker: otherPlan }).not.toExtend<IntileryProviderProps>()
    // The provider's own tracker, passed on to a nested provider, has the registered catalogue.
    IntileryProvider({ tracker: useTracker() })
    expectTypeOf({ tracker: useTracker() }).toExtend<IntileryProviderProps>()
  })

  it('says which registered events the tracker lacks, and how to make one that has them', () => {
    type WithoutPlan = ReturnType<typeof createTracker<{}>>
    expectTypeOf<
      GivenTrackerProps<WithoutPlan>['tracker']
    >().toEqualTypeOf<'[intilery] this tracker\'s catalogue lacks "Report Exported", an event registered in Register: create it with createTracker({ events })'>()
  })

  it('RegisteredEvents is the registered catalogue with the spec’s', () => {
    expectTypeOf<'Report Exported'>().toExtend<keyof RegisteredEvents>()
    expectTypeOf<'Signed In'>().toExtend<keyof RegisteredEvents>()
  })
})
