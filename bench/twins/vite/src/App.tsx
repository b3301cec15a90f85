// The twin of examples/vite for the size benchmark: the same app and the same events, sent by
// calling the tag directly, with react-query's useMutation where the library would use its hooks.
import { QueryClient, QueryClientProvider, useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { analytics } from './analytics'

interface User {
  id: string
  username: string
}

const queryClient = new QueryClient()
const context = { groupId: 'acct_123' }

export function App() {
  const [user, setUser] = useState<User>()
  return (
    <QueryClientProvider client={queryClient}>
      {user ? <Team user={user} onLogout={() => setUser(undefined)} /> : <SignIn onSignIn={setUser} />}
    </QueryClientProvider>
  )
}

function useTrack(event: string) {
  return useMutation({
    mutationFn: (properties: Record<string, unknown>) => analytics.track(event, properties, { context }),
  })
}

function SignIn({ onSignIn }: { onSignIn: (user: User) => void }) {
  const signIn = useTrack('Signed In')
  const submit = () => {
    const user = { id: '019mr8mf4r', username: 'pgibbons' }
    void analytics.identify(user.id)
    signIn.mutate({ username: user.username })
    onSignIn(user)
  }
  return <button onClick={submit}>Sign in as pgibbons</button>
}

function Team({ user, onLogout }: { user: User; onLogout: () => void }) {
  const invite = useTrack('Invite Sent')
  const signOut = useTrack('Signed Out')
  const inviteOwner = () =>
    invite.mutate({
      invitee_email: 'pgibbons@example.com',
      invitee_first_name: 'Peter',
      invitee_last_name: 'Gibbons',
      invitee_role: 'Owner',
    })
  return (
    <>
      <p>Signed in as {user.username}</p>
      <button onClick={inviteOwner}>Invite Peter</button>
      <button
        onClick={() => {
          signOut.mutate({ username: user.username }, { onSettled: () => void analytics.reset() })
          onLogout()
        }}
      >
        Log out
      </button>
    </>
  )
}
