import { act } from '@testing-library/react'
import * as z from 'zod/mini'
import * as classic from 'zod'
import { describe, expect, it } from 'vitest'
import { defineEvents, IntileryValidationError, useTrack } from '../index'
import { renderWithTag } from './harness'

const plan = defineEvents({
  'Report Exported': z.object({ format: z.enum(['csv', 'pdf']), rows: z.optional(z.number()) }),
  'Seat Purchased': classic.object({ seats: classic.number().int().positive() }),
})

describe('defineEvents', () => {
  it('sends a custom event through useTrack, validated by its schema, with the account', async () => {
    const { result, tag } = renderWithTag(() => plan.useTrack(), { userId: 'u1', groupId: 'acct_123' })
    await act(() => result.current.mutateAsync({ event: 'Report Exported', properties: { format: 'csv', rows: 3 } }))
    expect(tag.tracks().map((m) => [m.event, m.properties, m.context, m.userId])).toEqual([
      ['Report Exported', { format: 'csv', rows: 3 }, { groupId: 'acct_123' }, 'u1'],
    ])
  })

  it('rejects a custom event that breaks its schema, naming the path and not the value', async () => {
    const { result, tag } = renderWithTag(() => plan.useTrackEvent('Seat Purchased'), { groupId: 'acct_123' })
    const error = await result.current.mutateAsync({ properties: { seats: -31337 } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntileryValidationError)
    expect((error as IntileryValidationError).issues.map((issue) => issue.path)).toEqual(['properties.seats'])
    expect((error as Error).message).not.toContain('31337')
    expect(tag.tracks()).toEqual([])
  })

  it('keeps the spec’s events in the catalogue, with their validation', async () => {
    const { result, tag } = renderWithTag(() => plan.useTrack(), { groupId: 'acct_123' })
    await act(() => result.current.mutateAsync({ event: 'Signed In', properties: { username: 'pgibbons' } }))
    const error = await result.current
      .mutateAsync({ event: 'Signed Up', properties: { email: 'nope' } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntileryValidationError)
    expect(tag.tracks().map((m) => m.event)).toEqual(['Signed In'])
    expect(Object.keys(plan.events)).toHaveLength(12)
  })

  it('plan.useTrackBatch sends custom and spec events in one mutation, each validated', async () => {
    const { result, tag } = renderWithTag(() => plan.useTrackBatch(), { groupId: 'acct_123' })
    const outcome = await act(() =>
      result.current.mutateAsync([
        { event: 'Report Exported', properties: { format: 'pdf' } },
        { event: 'Seat Purchased', properties: { seats: 0 } },
        { event: 'Signed In', properties: { username: 'p' } },
      ]),
    )
    expect(outcome.failed.map((f) => f.index)).toEqual([1])
    expect(tag.tracks().map((m) => m.event)).toEqual(['Report Exported', 'Signed In'])
  })

  it('the global useTrack validates custom events once the provider is given the catalogue', async () => {
    const { result, tag } = renderWithTag(() => useTrack(), { groupId: 'acct_123', events: plan.events })
    // The registration that types this call lives in register.test-d.ts, its own program.
    await act(() => result.current.mutateAsync({ event: 'Report Exported', properties: { format: 'csv' } } as never))
    const error = await result.current
      .mutateAsync({ event: 'Report Exported', properties: { format: 'xls' } } as never)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntileryValidationError)
    expect(tag.tracks().map((m) => [m.event, m.properties])).toEqual([['Report Exported', { format: 'csv' }]])
  })

  it('without the catalogue, the provider rejects an unknown event clearly', async () => {
    const { result, tag } = renderWithTag(() => useTrack(), { groupId: 'acct_123' })
    const error = (await result.current
      .mutateAsync({ event: 'Report Exported', properties: { format: 'csv' } } as never)
      .catch((e: unknown) => e)) as IntileryValidationError
    expect(error.issues).toEqual([{ path: 'event', message: 'not an event of the catalogue' }])
    expect(tag.tracks()).toEqual([])
  })
})
