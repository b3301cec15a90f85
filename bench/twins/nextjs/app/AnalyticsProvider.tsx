'use client'
// The twin of examples/nextjs for the size benchmark: what its provider does, by calling the tag
// directly (identify the user and the account when mounted), with react-query's own provider.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { type ReactNode, useEffect, useState } from 'react'
import { analytics } from './analytics'

export function AnalyticsProvider({
  accountId,
  userId,
  children,
}: {
  accountId?: string
  userId?: string
  children: ReactNode
}) {
  const [queryClient] = useState(() => new QueryClient())
  useEffect(() => {
    if (userId !== undefined) void analytics?.identify(userId)
  }, [userId])
  useEffect(() => {
    if (accountId !== undefined) void analytics?.group(accountId)
  }, [accountId])
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
}
