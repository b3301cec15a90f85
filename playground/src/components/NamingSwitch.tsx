import type { EventNaming } from '@intilery/react'
import { RadioSwitch } from './RadioSwitch'

export const namings: readonly EventNaming[] = ['spec', 'object-action']

const options: Record<EventNaming, { label: string; example: string }> = {
  spec: { label: 'Spec', example: 'Signed In' },
  'object-action': { label: 'Object-Action', example: 'User Signed In' },
}

/** How Signed Up, Signed In and Signed Out are named on the wire: `<IntileryProvider eventNaming>`. */
export function NamingSwitch({ naming, onChange }: { naming: EventNaming; onChange: (naming: EventNaming) => void }) {
  return (
    <RadioSwitch
      legend="Event names"
      name="naming"
      values={namings}
      value={naming}
      onChange={onChange}
      label={(value) => (
        <>
          {options[value].label} <span className="muted">“{options[value].example}”</span>
        </>
      )}
      explain={
        naming === 'spec'
          ? 'As the spec’s examples name them.'
          : 'The spec’s Object-Action advice: “User Signed Up”, “User Signed In”, “User Signed Out”. The other events keep their names.'
      }
    />
  )
}
