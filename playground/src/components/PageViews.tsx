import { usePageView } from '@intilery/react'
import { useLocation } from 'react-router'

/**
 * The react-router recipe: one page view per navigation, sent through the tracker (consent-gated,
 * in order with events and logout). Render it once, inside the router and the provider.
 */
export function PageViews() {
  const { pathname, search } = useLocation()
  usePageView(undefined, { path: pathname, search })
  return null
}
