'use client'
// The twin of examples/nextjs's page views: the tag's page(), once per navigation.
import { usePathname, useSearchParams } from 'next/navigation'
import { useEffect } from 'react'
import { analytics } from './analytics'
import { session } from './session'

export function PageViews() {
  const path = usePathname()
  const search = useSearchParams().toString()
  useEffect(() => {
    void analytics?.page(
      null,
      null,
      { path, search: search === '' ? '' : `?${search}` },
      { context: { groupId: session.accountId } },
    )
  }, [path, search])
  return null
}
