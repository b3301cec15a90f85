'use client'
import { useMutation } from '@tanstack/react-query'
import { analytics } from './analytics'
import { session } from './session'

const context = { groupId: session.accountId }

function useTrack(event: string) {
  return useMutation({
    mutationFn: async (properties: Record<string, unknown>) => analytics?.track(event, properties, { context }),
  })
}

export function Team({ username }: { username: string }) {
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
      <button onClick={inviteOwner}>Invite Peter</button>
      {/* then clear your session */}
      <button onClick={() => signOut.mutate({ username }, { onSettled: () => void analytics?.reset() })}>
        Log out
      </button>
    </>
  )
}
