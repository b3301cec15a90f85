import { useIdentify, useTrackSignIn } from '@intilery/react'
import { Field } from '../components/Field'
import { DemoPanel } from '../components/DemoPanel'
import { MutationState } from '../components/MutationState'
import { readForm } from '../components/readForm'
import { demoUser, useSession } from '../session'

export function SignInForm() {
  const session = useSession()
  const identify = useIdentify()
  const signIn = useTrackSignIn()

  return (
    <>
      <form
        onSubmit={(event) => {
          const form = readForm(event)
          // Your backend checks the password and returns the user's id. The password is never tracked.
          // identify() tells the tag now, so Signed In carries the user; when the provider gets the
          // same userId on the next render, it identifies no one twice.
          identify(demoUser.id)
          session.signIn(demoUser.id)
          signIn.mutate({ properties: { username: form.username } })
        }}
      >
        <Field label="Username" name="username" defaultValue={demoUser.username} />
        <Field label="Password" name="password" type="password" defaultValue="PC LOAD LETTER" />
        {/* The app's own button: it never waits for analytics. */}
        <button type="submit">Sign in</button>
      </form>
      <DemoPanel>
        <MutationState label="Signed In" mutation={signIn} />
      </DemoPanel>
    </>
  )
}
