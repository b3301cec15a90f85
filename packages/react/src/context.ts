'use client'
import type { Tracker } from '@intilery/core'
import type { QueryClient } from '@tanstack/react-query'
import { createContext, useContext } from 'react'

/** What the provider and `AccountScope` hand down: one tracker, the query client, the current account. */
export interface IntileryContextValue {
  readonly tracker: Tracker
  readonly client: QueryClient
  readonly groupId: string | undefined
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
