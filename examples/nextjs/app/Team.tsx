'use client'
import { useInviteSent, useLogout } from '@intilery/react'

export function Team({ username }: { username: string }) {
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
      <button onClick={inviteOwner}>Invite Peter</button>
      {/* then clear your session */}
      <button onClick={() => logout.mutate({ properties: { username } })}>Log out</button>
    </>
  )
}
