import type { ReactNode } from 'react'

/**
 * The playground's window on analytics, beside a story's own form: the live state of each hook.
 * An app shows none of this, and never makes its buttons wait for analytics.
 */
export function DemoPanel({ children }: { children: ReactNode }) {
  return (
    <aside className="demo-panel" aria-label="Analytics state (demo panel)">
      {children}
    </aside>
  )
}
