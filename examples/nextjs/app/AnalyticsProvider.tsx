'use client'
import { IntileryProvider } from '@intilery/react'
import { IntileryDevtools } from '@intilery/react/devtools'
import type { ReactNode } from 'react'
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
  return (
    <IntileryProvider tag={analytics} groupId={accountId} userId={userId}>
      {children}
      <IntileryDevtools />
    </IntileryProvider>
  )
}
