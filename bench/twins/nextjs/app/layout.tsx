import type { ReactNode } from 'react'
import { AnalyticsProvider } from './AnalyticsProvider'
import { session } from './session'

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AnalyticsProvider accountId={session.accountId} userId={session.userId}>
          {children}
        </AnalyticsProvider>
      </body>
    </html>
  )
}
