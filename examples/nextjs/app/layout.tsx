import { type ReactNode, Suspense } from 'react'
import { AnalyticsProvider } from './AnalyticsProvider'
import { PageViews } from './PageViews'
import { session } from './session'

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AnalyticsProvider accountId={session.accountId} userId={session.userId}>
          <Suspense>
            <PageViews />
          </Suspense>
          {children}
        </AnalyticsProvider>
      </body>
    </html>
  )
}
