'use client'
import type { Declaration, Tracker } from '@intilery/core'
import type { QueryClient } from '@tanstack/react-query'
import { createContext, useContext } from 'react'

/**
 * What the provider and `AccountScope` hand down: the tracker (the session's owner), the library's
 * query client, and the declaration of the render that is closest. Events carry the declaration of
 * the render that sent them (see {@link declare}).
 */
export interface IntileryContextValue {
  // The catalogue's type lives in the hooks' signatures (Register); at run time a tracker is a tracker.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly tracker: Tracker<any>
  readonly client: QueryClient
  readonly declaration: Declaration
}

export const IntileryContext = createContext<IntileryContextValue | null>(null)

/** The nearest provider's value; a clear error, naming the caller, when there is none. */
export function useIntileryContext(caller: string): IntileryContextValue {
  const value = useContext(IntileryContext)
  if (value === null) {
    // A plain Error: an IntileryError would make `@intilery/react/devtools`, which shares this
    // module, import `@intilery/core` at run time, and it must load without it.
    throw new Error(`[intilery] ${caller} must be used inside <IntileryProvider>`)
  }
  return value
}

/** Gives the tracker what the render of `value` declared (see `Tracker.declare`). */
export function declare({ tracker, declaration }: IntileryContextValue): void {
  tracker.declare(declaration)
}

/** The account of the nearest `AccountScope`, if any. */
export function scopeOf(declaration: Declaration): string | undefined {
  for (let next: Declaration | undefined = declaration; next; next = next.parent) {
    if (next.scope) return next.scope.groupId
  }
  return undefined
}
