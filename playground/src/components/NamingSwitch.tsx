import type { EventNaming } from '@intilery/react'

export const namings: readonly EventNaming[] = ['spec', 'object-action']

const options: Record<EventNaming, { label: string; example: string }> = {
  spec: { label: 'Spec', example: 'Signed In' },
  'object-action': { label: 'Object-Action', example: 'User Signed In' },
}

/** How Signed Up, Signed In and Signed Out are named on the wire: `<IntileryProvider eventNaming>`. */
export function NamingSwitch({ naming, onChange }: { naming: EventNaming; onChange: (naming: EventNaming) => void }) {
  return (
    <fieldset className="switch">
      <legend>Event names</legend>
      {namings.map((value) => (
        <label key={value}>
          <input type="radio" name="naming" value={value} checked={naming === value} onChange={() => onChange(value)} />
          {options[value].label} <span className="muted">“{options[value].example}”</span>
        </label>
      ))}
      <p className="muted">
        {naming === 'spec'
          ? 'As the spec’s examples name them.'
          : 'The spec’s Object-Action advice: “User Signed Up”, “User Signed In”, “User Signed Out”. The other events keep their names.'}
      </p>
    </fieldset>
  )
}
