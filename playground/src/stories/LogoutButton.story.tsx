import { useLogout } from '@intilery/react'
import { useRef, useState } from 'react'
import { MutationState } from '../components/MutationState'
import { demoUser, useSession } from '../session'

export function LogoutButton() {
  const session = useSession()
  const logout = useLogout()
  const startedAt = useRef(0)
  const [tookMs, setTookMs] = useState<number>()

  return (
    <>
      <p>
        {session.userId === undefined
          ? 'Logged out. Events now carry no userId and a new anonymousId. Until someone signs in or the account changes, events that would inherit the old account are not sent; events that name their account (Create account) still are.'
          : `Signed in as ${session.userId}.`}
      </p>
      <button
        type="button"
        onClick={() => {
          startedAt.current = performance.now()
          // Sends Signed Out with the user's id, then resets the tag: a new anonymousId, no userId.
          // It settles like an event, and never fails for want of a tag: 'queued' under an ad blocker.
          logout.mutate(
            { properties: { username: demoUser.username } },
            {
              onSettled: () => {
                setTookMs(Math.round(performance.now() - startedAt.current))
                session.signOut()
              },
            },
          )
        }}
      >
        Log out
      </button>
      {tookMs !== undefined && <p data-testid="logout-took">Logout settled in {tookMs} ms.</p>}
      <MutationState label="Signed Out" mutation={logout} />
    </>
  )
}
