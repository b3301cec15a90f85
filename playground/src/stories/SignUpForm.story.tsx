import { useIdentify, useTrackSignUp } from '@intilery/react'
import { Field } from '../components/Field'
import { DemoPanel } from '../components/DemoPanel'
import { MutationState } from '../components/MutationState'
import { readForm } from '../components/readForm'
import { demoUser, useSession } from '../session'

export function SignUpForm() {
  const session = useSession()
  const identify = useIdentify()
  const signUp = useTrackSignUp()

  return (
    <>
      <form
        onSubmit={(event) => {
          const form = readForm(event)
          // Your backend creates the user and returns its id: identify them first, so Signed Up carries it.
          identify(demoUser.id)
          session.signIn(demoUser.id)
          signUp.mutate({
            properties: {
              type: form.type, // 'organic', or 'invited' when they came from an invite
              first_name: form.first_name,
              last_name: form.last_name,
              email: form.email,
              phone: form.phone,
              username: form.username,
              title: form.title,
            },
          })
        }}
      >
        <fieldset>
          <legend>How did they come?</legend>
          <label>
            <input type="radio" name="type" value="organic" defaultChecked /> Organic
          </label>
          <label>
            <input type="radio" name="type" value="invited" /> Invited
          </label>
        </fieldset>
        <Field label="First name" name="first_name" defaultValue="Peter" />
        <Field label="Last name" name="last_name" defaultValue="Gibbons" />
        <Field label="Email" name="email" defaultValue="pgibbons@example.com" />
        <Field label="Phone" name="phone" defaultValue="410-555-9412" />
        <Field label="Username" name="username" defaultValue={demoUser.username} />
        <Field label="Title" name="title" defaultValue="Mr" />
        {/* The app's own button: it never waits for analytics. */}
        <button type="submit">Sign up</button>
      </form>
      <DemoPanel>
        <MutationState label="Signed Up" mutation={signUp} />
      </DemoPanel>
    </>
  )
}
