import { useTrackAccountAddedUser, useTrackAccountRemovedUser } from '@intilery/react'
import { useState } from 'react'
import { Field } from '../components/Field'
import { MutationState } from '../components/MutationState'
import { readForm } from '../components/readForm'

interface Member {
  readonly name: string
  readonly role: string
}

export function TeamMembers() {
  const [members, setMembers] = useState<Member[]>([
    { name: 'Michael Bolton', role: 'Member' },
    { name: 'Samir Nagheenanajar', role: 'Member' },
  ])
  const added = useTrackAccountAddedUser()
  const removed = useTrackAccountRemovedUser()

  return (
    <>
      <ul className="members">
        {members.map((member) => (
          <li key={member.name}>
            {member.name} ({member.role}){' '}
            <button
              type="button"
              aria-label={`Remove ${member.name}`}
              onClick={() => {
                setMembers((all) => all.filter((m) => m !== member))
                removed.mutate({})
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          const { name = '', role = '' } = readForm(event)
          setMembers((all) => [...all, { name, role }])
          added.mutate({ properties: { role } })
        }}
      >
        <Field label="Name" name="name" defaultValue="Peter Gibbons" />
        <label className="field">
          <span>Role</span>
          <select name="role" defaultValue="Owner">
            <option>Owner</option>
            <option>Member</option>
          </select>
        </label>
        <button type="submit">Add to team</button>
      </form>
      <MutationState label="Account Added User" mutation={added} />
      <MutationState label="Account Removed User" mutation={removed} />
    </>
  )
}
