import { useTrackAccountCreated, useTrackAccountDeleted } from '@intilery/react'
import { useState } from 'react'
import { Field } from '../components/Field'
import { MutationState } from '../components/MutationState'
import { readForm } from '../components/readForm'
import { demoAccount } from '../session'

interface Account {
  readonly id: string
  readonly name: string
}

/** What your backend would do: give the new account a fresh id. */
const newAccountId = (): string => `acct_${crypto.randomUUID().slice(0, 8)}`

export function AccountLifecycle() {
  const [accounts, setAccounts] = useState<Account[]>([demoAccount])
  const created = useTrackAccountCreated()
  const deleted = useTrackAccountDeleted()

  return (
    <>
      <form
        onSubmit={(event) => {
          const account = { id: newAccountId(), name: readForm(event).account_name ?? '' }
          setAccounts((all) => [...all, account])
          // The new account is not the current one: name it for this event.
          created.mutate({ properties: { account_name: account.name }, context: { groupId: account.id } })
        }}
      >
        <Field label="Account name" name="account_name" defaultValue={demoAccount.name} />
        <button type="submit">Create account</button>
      </form>
      <ul className="accounts">
        {accounts.map((account) => (
          <li key={account.id}>
            {account.name} <code>{account.id}</code>{' '}
            <button
              type="button"
              aria-label={`Delete ${account.id}`}
              onClick={() => {
                setAccounts((all) => all.filter((a) => a !== account))
                deleted.mutate({ properties: { account_name: account.name }, context: { groupId: account.id } })
              }}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <MutationState label="Account Created" mutation={created} />
      <MutationState label="Account Deleted" mutation={deleted} />
    </>
  )
}
