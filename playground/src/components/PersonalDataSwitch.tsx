import type { PersonalDataMode } from '@intilery/react'

export const personalDataModes: readonly PersonalDataMode[] = ['send', 'omit']

const options: Record<PersonalDataMode, { label: string; explain: string }> = {
  send: {
    label: 'Send',
    explain: 'What the plan marks as personal data (Signed Up’s email, names, phone) goes to the tag.',
  },
  omit: {
    label: 'Omit',
    explain: 'Marked properties and personal traits are left out before the tag sees them; the event still goes out.',
  },
}

/** What reaches the tag of the properties the plan marks as personal data: `<IntileryProvider personalData>`. */
export function PersonalDataSwitch({
  mode,
  onChange,
}: {
  mode: PersonalDataMode
  onChange: (mode: PersonalDataMode) => void
}) {
  return (
    <fieldset className="switch">
      <legend>Personal data</legend>
      {personalDataModes.map((value) => (
        <label key={value}>
          <input
            type="radio"
            name="personalData"
            value={value}
            checked={mode === value}
            onChange={() => onChange(value)}
          />
          {options[value].label}
        </label>
      ))}
      <p className="muted">{options[mode].explain}</p>
    </fieldset>
  )
}
