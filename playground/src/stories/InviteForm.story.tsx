import { useInviteSent, useTrackBatch } from '@intilery/react'
import { BatchState } from '../components/BatchState'
import { Field } from '../components/Field'
import { DemoPanel } from '../components/DemoPanel'
import { MutationState } from '../components/MutationState'
import { readForm } from '../components/readForm'

/** What a bulk invite sends: 25 teammates, as an import or a pasted list would give them. */
const teammates = Array.from({ length: 25 }, (_, i) => ({ email: `teammate${i + 1}@example.com`, role: 'Member' }))

export function InviteForm() {
  const inviteSent = useInviteSent()
  const bulk = useTrackBatch()

  return (
    <>
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
        {/* The app's own buttons: they never wait for analytics. */}
        <button type="submit">Send invite</button>
      </form>
      {/* Many events, one mutation: each is validated and handed to the tag in order; a bad one
          fails alone, counted in data.counts.failed and listed (the first ten) in data.failures. */}
      <button
        type="button"
        onClick={() =>
          bulk.mutate(
            teammates.map((teammate) => ({
              event: 'Invite Sent',
              properties: { invitee_email: teammate.email, invitee_role: teammate.role },
            })),
          )
        }
      >
        Invite {teammates.length} teammates
      </button>
      <DemoPanel>
        <MutationState label="Invite Sent" mutation={inviteSent} />
        <BatchState label="Invite Sent × 25" mutation={bulk} />
      </DemoPanel>
    </>
  )
}
