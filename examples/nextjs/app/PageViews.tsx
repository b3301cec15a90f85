'use client'
import { usePageView } from '@intilery/react'
import { usePathname, useSearchParams } from 'next/navigation'

/**
 * One page view per navigation (client-side ones too), through the same ordered queue as the events.
 * The layout renders it inside the provider, in a <Suspense> (Next.js asks that of useSearchParams).
 */
export function PageViews() {
  const path = usePathname()
  const search = useSearchParams().toString()
  usePageView(undefined, { path, search: search === '' ? '' : `?${search}` })
  return null
}
