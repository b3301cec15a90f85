import { act, render } from '@testing-library/react'
import * as classic from 'zod'
import * as z from 'zod/mini'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createTracker,
  defineEvents,
  IntileryProvider,
  IntileryValidationError,
  useTrack,
  useTrackBatch,
  useTrackEvent,
} from '../index'
import { createRecordingTag } from '../testing'
import { renderWithTag } from './harness'

// The registration that types these calls lives in register/register.test-d.ts, a program of its
// own; here the hooks are called as a registered app calls them, with `as never` for the types.
const plan = defineEvents({
  'Report Exported': z.object({ format: z.enum(['csv', 'pdf']), rows: z.optional(z.number()) }),
  'Seat Purchased': classic.object({ seats: classic.number().int().positive() }),
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('custom events: defineEvents → the provider’s events → the hooks', () => {
  it('useTrack sends a custom event, validated by its schema, with the user and account', async () => {
    const { result, tag } = renderWithTag(() => useTrack(), { userId: 'u1', groupId: 'acct_123', events: plan })
    await act(() =>
      result.current.mutateAsync({ event: 'Report Exported', properties: { format: 'csv', rows: 3 } } as never),
    )
    expect(tag.tracks().map((m) => [m.event, m.properties, m.context, m.userId])).toEqual([
      ['Report Exported', { format: 'csv', rows: 3 }, { groupId: 'acct_123' }, 'u1'],
    ])
  })

  it('useTrackEvent rejects a custom event that breaks its schema, naming the path and not the value', async () => {
    const { result, tag } = renderWithTag(() => useTrackEvent('Seat Purchased' as never), { events: plan })
    const error = await result.current.mutateAsync({ properties: { seats: -31337 } } as never).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntileryValidationError)
    expect((error as IntileryValidationError).issues.map((issue) => issue.path)).toEqual(['properties.seats'])
    expect((error as Error).message).not.toContain('31337')
    expect(tag.tracks()).toEqual([])
  })

  it('the spec’s events keep their validation beside the app’s', async () => {
    const { result, tag } = renderWithTag(() => useTrack(), { events: plan })
    await act(() => result.current.mutateAsync({ event: 'Signed In', properties: { username: 'pgibbons' } }))
    const error = await result.current
      .mutateAsync({ event: 'Signed Up', properties: { email: 'nope' } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntileryValidationError)
    expect(tag.tracks().map((m) => m.event)).toEqual(['Signed In'])
  })

  it('useTrackBatch sends custom and spec events in one mutation, each validated', async () => {
    const { result, tag } = renderWithTag(() => useTrackBatch(), { events: plan })
    const outcome = await act(() =>
      result.current.mutateAsync([
        { event: 'Report Exported', properties: { format: 'pdf' } },
        { event: 'Seat Purchased', properties: { seats: 0 } },
        { event: 'Signed In', properties: { username: 'p' } },
      ] as never),
    )
    expect(outcome.failures.map((f) => f.index)).toEqual([1])
    expect(tag.tracks().map((m) => m.event)).toEqual(['Report Exported', 'Signed In'])
  })

  it('a tracker given to the provider brings its catalogue', async () => {
    // IntileryProvider itself, on purpose: it is given a tracker, which the test provider never is.
    const tag = createRecordingTag()
    const tracker = createTracker({ tag, events: plan, groupId: 'acct_123' })
    let track: ReturnType<typeof useTrack> | undefined
    function Probe() {
      track = useTrack()
      return null
    }
    render(
      <IntileryProvider tracker={tracker}>
        <Probe />
      </IntileryProvider>,
    )
    await act(() => track!.mutateAsync({ event: 'Report Exported', properties: { format: 'pdf' } } as never))
    expect(tag.tracks().map((m) => [m.event, m.context?.groupId])).toEqual([['Report Exported', 'acct_123']])
  })

  it('an event missing from the provider’s catalogue is a clear development error at mount, before any send', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { tag } = renderWithTag(() => useTrackEvent('Report Exported' as never))
    expect(error).toHaveBeenCalledTimes(1)
    expect(error.mock.calls[0]?.[0]).toMatch(
      /^\[intilery\] useTrackEvent\("Report Exported"\): the provider's catalogue has no such event\. Give the provider the catalogue you registered/,
    )
    expect(tag.tracks()).toEqual([])
  })

  it('an event of the catalogue mounts without a word', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    renderWithTag(() => useTrackEvent('Report Exported' as never), { events: plan })
    renderWithTag(() => useTrackEvent('Signed In'))
    expect(error).not.toHaveBeenCalled()
  })

  it('without the catalogue, an unknown event is rejected clearly at send', async () => {
    const { result, tag } = renderWithTag(() => useTrack())
    const error = (await result.current
      .mutateAsync({ event: 'Report Exported', properties: { format: 'csv' } } as never)
      .catch((e: unknown) => e)) as IntileryValidationError
    expect(error.issues).toEqual([{ path: 'event', message: 'not an event of the catalogue' }])
    expect(tag.tracks()).toEqual([])
  })
})
