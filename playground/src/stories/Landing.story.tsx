import { AccountScope, useTrackAccountCreated, useTrackTrialStarted } from '@intilery/react'
import { useEffect, useRef, useState } from 'react'
import { DemoPanel } from '../components/DemoPanel'
import { MutationState } from '../components/MutationState'

/** The trial banner a new account lands on: Trial Started goes out as the page mounts. */
function TrialBanner() {
  const trialStarted = useTrackTrialStarted()
  const { mutate } = trialStarted
  // StrictMode runs a mount's effects twice in development: send once per mount.
  const sent = useRef(false)
  useEffect(() => {
    if (sent.current) return
    sent.current = true
    mutate({
      properties: {
        trial_start_date: '2018-08-28T04:09:47Z',
        trial_end_date: '2018-09-20T04:09:47Z',
        trial_plan_name: 'Business',
      },
    })
  }, [mutate])
  return (
    <>
      <div className="banner" role="status">
        Your Business trial has started: it ends on 20 September.
      </div>
      <DemoPanel>
        <MutationState label="Trial Started" mutation={trialStarted} />
      </DemoPanel>
    </>
  )
}

/** The page the app redirects to after creating an account: Account Created goes out from it, on mount. */
function NewAccount({ account }: { account: { id: string; name: string } }) {
  const created = useTrackAccountCreated()
  const { mutate } = created
  const sent = useRef(false)
  useEffect(() => {
    if (sent.current) return
    sent.current = true
    // The new account is not the provider's current one yet: name it for this event.
    mutate({ properties: { account_name: account.name }, context: { groupId: account.id } })
  }, [mutate, account])
  return (
    <>
      <p>
        Welcome to <strong>{account.name}</strong> (<code>{account.id}</code>).
      </p>
      <DemoPanel>
        <MutationState label="Account Created" mutation={created} />
      </DemoPanel>
    </>
  )
}

export function Landing() {
  const [account, setAccount] = useState<{ id: string; name: string }>()
  return (
    <>
      <TrialBanner />
      {account === undefined ? (
        <button
          type="button"
          onClick={() => setAccount({ id: `acct_${crypto.randomUUID().slice(0, 8)}`, name: 'Initech' })}
        >
          Create an account and go to it
        </button>
      ) : (
        // Its traits go to the tag with group() before the page's own effects send anything.
        <AccountScope groupId={account.id} groupTraits={{ name: account.name, plan: 'Business' }}>
          <NewAccount account={account} />
        </AccountScope>
      )}
    </>
  )
}
