import { useInviteSent } from '@intilery/react'
import { Field } from '../components/Field'
import { MutationState } from '../components/MutationState'
import { readForm } from '../components/readForm'

export function InviteForm() {
  const inviteSent = useInviteSent()

  return (
    <form
      onSubmit={(event) => {
        const form = readForm(event)
        inviteSent.mutate({
          properties: {
            invitee_email: form.email,
            invitee_first_name: form.first_name,
            invitee_last_name: form.last_name,
            invitee_role: form.role,
          },
        })
      }}
    >
      <Field label="Their email" name="email" defaultValue="pgibbons@example.com" />
      <Field label="Their first name" name="first_name" defaultValue="Peter" />
      <Field label="Their last name" name="last_name" defaultValue="Gibbons" />
      <label className="field">
        <span>Role</span>
        <select name="role" defaultValue="Owner">
          <option>Owner</option>
          <option>Admin</option>
          <option>Member</option>
        </select>
      </label>
      <button type="submit" disabled={inviteSent.isPending}>
        Send invite
      </button>
      <MutationState label="Invite Sent" mutation={inviteSent} />
    </form>
  )
}
