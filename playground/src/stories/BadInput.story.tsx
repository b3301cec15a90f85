import { useInviteSent, useTrackTrialStarted } from '@intilery/react'
import { Field } from '../components/Field'
import { MutationState } from '../components/MutationState'
import { readForm } from '../components/readForm'

export function BadInput() {
  const inviteSent = useInviteSent()
  const trialStarted = useTrackTrialStarted()

  return (
    <>
      <form onSubmit={(event) => inviteSent.mutate({ properties: { invitee_email: readForm(event).email } })}>
        <Field label="Invitee email" name="email" defaultValue="peter.gibbons@" />
        <button type="submit">Send invite</button>
      </form>
      <form onSubmit={(event) => trialStarted.mutate({ properties: { trial_start_date: readForm(event).start } })}>
        <Field label="Trial start date" name="start" defaultValue="28/08/2018" />
        <button type="submit">Start trial</button>
      </form>
      {/* An invalid event is not sent (validation 'throw', the default outside production). The error
          names the path and what is wrong, never the value: emails and names are personal data. */}
      <MutationState label="Invite Sent" mutation={inviteSent} />
      <MutationState label="Trial Started" mutation={trialStarted} />
    </>
  )
}
