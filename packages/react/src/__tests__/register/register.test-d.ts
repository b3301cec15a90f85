// A program of its own (tsconfig.json beside this file): registering events is global to a
// program, and the other type tests check the spec's catalogue alone.
import { describe, expectTypeOf, it } from 'vitest'
import * as z from 'zod/mini'
import { defineEvents, type RegisteredEvents, useTrack, useTrackBatch } from '../../index'

export const plan = defineEvents({
  'Report Exported': z.object({ format: z.enum(['csv', 'pdf']) }),
})

declare module '../../index' {
  interface Register {
    events: typeof plan.events
  }
}

describe('Register', () => {
  it('teaches the global useTrack the registered events, and keeps the spec’s', () => {
    const track = useTrack()
    track.mutate({ event: 'Report Exported', properties: { format: 'csv' } })
    track.mutate({ event: 'Signed In', properties: { username: 'p' } })
    // @ts-expect-error format is 'csv' or 'pdf'
    track.mutate({ event: 'Report Exported', properties: { format: 'xls' } })
    // @ts-expect-error still no event of that name
    track.mutate({ event: 'Report Exportd', properties: { format: 'csv' } })
  })

  it('teaches useTrackBatch too', () => {
    useTrackBatch().mutate([{ event: 'Report Exported', properties: { format: 'pdf' } }])
    // @ts-expect-error format is required
    useTrackBatch().mutate([{ event: 'Report Exported', properties: {} }])
  })

  it('RegisteredEvents is the registered catalogue', () => {
    expectTypeOf<keyof RegisteredEvents>().toExtend<string>()
    expectTypeOf<'Report Exported'>().toExtend<keyof RegisteredEvents>()
  })
})
