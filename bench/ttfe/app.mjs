// The library's page of the time-to-first-event benchmark (bench/ttfe.mjs), built by Vite for
// production: an app whose provider knows the user and the account, and whose first screen sends
// Signed In from a mount effect through the hook. The provider finds the tag on `window.analytics`,
// where the harness has loaded it before this code runs. Validation is the production default
// ('report') unless the benchmark is run with `--validation <mode>`, to see what that chunk costs.
import { IntileryProvider, useTrackSignIn } from '@intilery/react'
import { createElement, StrictMode, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { account, user } from './event.mjs'

const validation = import.meta.env.TTFE_VALIDATION

function Welcome() {
  const signIn = useTrackSignIn()
  const { mutate } = signIn
  useEffect(() => {
    mutate({ properties: { username: user.username } })
  }, [mutate])
  return createElement('p', null, `Signed in as ${user.username}`)
}

createRoot(document.getElementById('root')).render(
  createElement(
    StrictMode,
    null,
    createElement(IntileryProvider, { userId: user.id, groupId: account, validation }, createElement(Welcome)),
  ),
)
