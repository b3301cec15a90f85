import type { Consent } from '@intilery/react'
import { RadioSwitch } from './RadioSwitch'

export const consents: readonly Consent[] = ['granted', 'pending', 'denied']

const options: Record<Consent, { label: string; explain: string }> = {
  granted: {
    label: 'Granted',
    explain: 'The visitor agreed: every call goes to the tag as it happens.',
  },
  pending: {
    label: 'Pending',
    explain:
      'The cookie banner is still up: every call (identify and group too) waits in order in the library’s bounded queue; an event settles as "queued" after 1 s. Grant, and what waited goes out in order; deny, and it is dropped.',
  },
  denied: {
    label: 'Denied',
    explain:
      'The visitor said no: nothing is sent, what waited is discarded, and each event settles as "discarded". Granting later sends only what happens after.',
  },
}

/** The visitor's answer to the cookie banner, passed to `<IntileryProvider consent>`. */
export function ConsentSwitch({ consent, onChange }: { consent: Consent; onChange: (consent: Consent) => void }) {
  return (
    <RadioSwitch
      legend="Consent"
      name="consent"
      values={consents}
      value={consent}
      onChange={onChange}
      label={(value) => options[value].label}
      explain={options[consent].explain}
    />
  )
}
