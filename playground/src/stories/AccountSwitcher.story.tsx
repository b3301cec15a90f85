import { AccountScope, useTrackAccountAddedUser } from '@intilery/react'
import { MutationState } from '../components/MutationState'
import { useSession } from '../session'

const accounts = [
  {
    id: 'acct_123',
    name: 'Initech',
    workspace: { id: 'acct_123_design', name: 'Design', project: { id: 'acct_123_design_web', name: 'Web' } },
  },
  {
    id: 'acct_456',
    name: 'Initrode',
    workspace: { id: 'acct_456_labs', name: 'Labs', project: { id: 'acct_456_labs_r2', name: 'R2' } },
  },
]

/** Adds Peter as a Member to whichever account the nearest provider or scope names. */
function AddPeter({ label }: { label: string }) {
  const added = useTrackAccountAddedUser()
  return (
    <>
      <button type="button" onClick={() => added.mutate({ properties: { role: 'Member' } })}>
        Add Peter to {label}
      </button>
      <MutationState label={`Account Added User (${label})`} mutation={added} />
    </>
  )
}

export function AccountSwitcher() {
  const session = useSession()
  const current = accounts.find((account) => account.id === session.groupId) ?? accounts[0]!

  return (
    <>
      <label className="field">
        <span>Current account</span>
        {/* The app's account feeds <IntileryProvider groupId>: every event below follows it. */}
        <select value={session.groupId} onChange={(event) => session.switchAccount(event.target.value)}>
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name} ({account.id})
            </option>
          ))}
        </select>
      </label>
      <AddPeter label={current.name} />
      <div className="scope">
        {/* A child account: events inside this scope carry its id instead. */}
        <AccountScope groupId={current.workspace.id}>
          <p>
            Workspace {current.name} {current.workspace.name} <code>{current.workspace.id}</code>
          </p>
          <AddPeter label={`${current.name} ${current.workspace.name}`} />
          <div className="scope">
            {/* Scopes nest: the innermost wins. */}
            <AccountScope groupId={current.workspace.project.id}>
              <p>
                Project {current.workspace.project.name} <code>{current.workspace.project.id}</code>
              </p>
              <AddPeter label={`${current.name} ${current.workspace.name} ${current.workspace.project.name}`} />
            </AccountScope>
          </div>
        </AccountScope>
      </div>
    </>
  )
}
