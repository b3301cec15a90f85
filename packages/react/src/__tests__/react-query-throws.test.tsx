// When react-query itself throws as `mutate` is called (issue 23: a page without a bundler, where
// its ESM build reads an undefined `process`), `mutate` keeps its promise: it does not throw into
// the click handler, the event still reaches the tag, and the call settles as an error, through
// `mutateAsync`'s rejection and the onError and onSettled callbacks, as any failed call does.
import { IntileryError } from '@intilery/core'
import { createRecordingTag } from '@intilery/core/testing'
import { MutationCache, QueryClient } from '@tanstack/react-query'
import { act, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { useTrackSignIn } from '../index'
import { renderInTestProvider } from './harness'

/** A client whose cache cannot make a mutation: what the no-bundler page's react-query does. */
function brokenClient(): QueryClient {
  class Broken extends MutationCache {
    override build(): never {
      throw new ReferenceError('process is not defined')
    }
  }
  return new QueryClient({ mutationCache: new Broken() })
}

describe('react-query throwing under mutate', () => {
  it('mutate does not throw, the event reaches the tag, and the call settles as an error', async () => {
    const tag = createRecordingTag()
    const client = brokenClient()
    const hookErrors: unknown[] = []
    const { result } = renderInTestProvider(() => useTrackSignIn({ onError: (error) => hookErrors.push(error) }), {
      tag,
      userId: 'u_1',
      queryClient: client,
    })
    const onError = vi.fn()
    const onSettled = vi.fn()
    act(() => expect(() => result.current.mutate({}, { onError, onSettled })).not.toThrow())
    await waitFor(() => expect(onSettled).toHaveBeenCalledTimes(1))
    const [error] = onError.mock.calls[0] as [unknown]
    expect(error).toBeInstanceOf(IntileryError)
    expect((error as Error).cause).toBeInstanceOf(ReferenceError)
    expect(onSettled.mock.calls[0]?.slice(0, 2)).toEqual([undefined, error])
    expect(hookErrors).toEqual([error])
    await act(() => expect(result.current.mutateAsync({})).rejects.toBeInstanceOf(IntileryError))
    await waitFor(() => expect(tag.messages.filter((m) => m.type === 'track')).toHaveLength(2))
    expect(tag.messages.filter((m) => m.type === 'track').map((m) => m.event)).toEqual(['Signed In', 'Signed In'])
  })
})
