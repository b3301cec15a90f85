import { IntileryProvider, useTrackSignIn } from '@intilery/react'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

function SignIn() {
  const signIn = useTrackSignIn()
  return (
    <button type="button" onClick={() => signIn.mutate({ properties: { username: 'pgibbons' } })}>
      Sign in ({signIn.status})
    </button>
  )
}

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <IntileryProvider groupId="acct_123" userId="019mr8mf4r">
        <SignIn />
      </IntileryProvider>
    </StrictMode>,
  )
}
