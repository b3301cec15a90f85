import { useTrackSignIn } from '@intilery/react'

export function SignIn({ username }: { username: string }) {
  const signIn = useTrackSignIn()
  return <button onClick={() => signIn.mutate({ properties: { username } })}>Sign in</button>
}
