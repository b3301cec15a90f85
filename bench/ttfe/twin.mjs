// The twin of app.mjs (bench/ttfe.mjs): the same first screen sending the same event, Signed In from
// a mount effect, by calling `window.analytics` directly, with react-query's useMutation where the
// library would use its hook (so react-query is in both pages, and the difference is the library).
import { QueryClient, QueryClientProvider, useMutation } from '@tanstack/react-query'
import { createElement, StrictMode, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { account, user } from './event.mjs'

const queryClient = new QueryClient()

function Welcome() {
  const signIn = useMutation({
    mutationFn: (properties) => window.analytics.track('Signed In', properties, { context: { groupId: account } }),
  })
  const { mutate } = signIn
  useEffect(() => {
    window.analytics.identify(user.id)
    window.analytics.group(account)
    mutate({ username: user.username })
  }, [mutate])
  return createElement('p', null, `Signed in as ${user.username}`)
}

createRoot(document.getElementById('root')).render(
  createElement(StrictMode, null, createElement(QueryClientProvider, { client: queryClient }, createElement(Welcome))),
)
