'use client'
import type { Tracker } from '@intilery/core'
import type { QueryClient } from '@tanstack/react-query'
import { createContext, useContext } from 'react'

/**
 * What the provider and `AccountScope` hand down: the tracker (the session's owner), the library's
 * query client, and the account of the nearest `AccountScope`, if any (the provider's account is the
 * tracker's, not the context's: one owner).
 */
export interface IntileryContextValue {
  // The catalogue's type lives in the hooks' signatures (Register); at run time a tracker is a tracker.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly tracker: Tracker<any>
  readonly client: QueryClient
  readonly scope: string | undefined
}

export const IntileryContext = createContext<IntileryContextValue | null>(null)

/** The nearest provider's value; a clear error, naming the caller, when there is none. */
export function useIntileryContext(caller: string): IntileryContextValue {
  const value = useContext(IntileryContext)
  if (value === null) {
    throw new Error(`[intilery] ${caller} must be used inside <IntileryProvider>`)
  }
  return value
}
