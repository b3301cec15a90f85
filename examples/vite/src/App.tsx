import { IntileryProvider, useIdentify, useInviteSent, useLogout, useTrackSignIn } from '@intilery/react'
import { IntileryDevtools } from '@intilery/react/devtools'
import { useState } from 'react'
import { analytics } from './analytics'

interface User {
  id: string
  username: string
}

export function App() {
  const [user, setUser] = useState<User>()
  return (
    <IntileryProvider tag={analytics} groupId="acct_123" userId={user?.id}>
      {user ? <Team user={user} onLogout={() => setUser(undefined)} /> : <SignIn onSignIn={setUser} />}
      <IntileryDevtools />
    </IntileryProvider>
  )
}

function SignIn({ onSignIn }: { onSignIn: (user: User) => void }) {
  const identify = useIdentify()
  const signIn = useTrackSignIn()
  const submit = () => {
    const user = { id: '019mr8mf4r', username: 'pgibbons' } // what your sign-in API returns
    identify(user.id)
    signIn.mutate({ properties: { username: user.username } })
    onSignIn(user)
  }
  return <button onClick={submit}>Sign in as pgibbons</button>
}

function Team({ user, onLogout }: { user: User; onLogout: () => void }) {
  const invite = useInviteSent()
  const logout = useLogout()
  const inviteOwner = () =>
    invite.mutate({
      properties: {
        invitee_email: 'pgibbons@example.com',
        invitee_first_name: 'Peter',
        invitee_last_name: 'Gibbons',
        invitee_role: 'Owner',
      },
    })
  return (
    <>
      <p>Signed in as {user.username}</p>
      <button onClick={inviteOwner}>Invite Peter</button>
      <button
        onClick={() => {
          logout.mutate({ properties: { username: user.username } })
          onLogout()
        }}
      >
        Log out
      </button>
    </>
  )
}
