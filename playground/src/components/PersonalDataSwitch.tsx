import type { PersonalDataMode } from '@intilery/react'
import { RadioSwitch } from './RadioSwitch'

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
    <RadioSwitch
      legend="Personal data"
      name="personalData"
      values={personalDataModes}
      value={mode}
      onChange={onChange}
      label={(value) => options[value].label}
      explain={options[mode].explain}
    />
  )
}
