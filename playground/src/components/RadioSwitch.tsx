import type { ReactNode } from 'react'

/**
 * One of the playground's switches: a radio per value, and a line saying what the chosen one does.
 * The switches (tag, consent, event names, personal data) differ only in their values and words.
 */
export function RadioSwitch<T extends string>({
  legend,
  name,
  values,
  value,
  onChange,
  label,
  explain,
}: {
  legend: string
  /** The radios' shared `name`. */
  name: string
  values: readonly T[]
  value: T
  onChange: (value: T) => void
  label: (value: T) => ReactNode
  /** What the chosen value does. */
  explain: ReactNode
}) {
  return (
    <fieldset className="switch">
      <legend>{legend}</legend>
      {values.map((option) => (
        <label key={option}>
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
          {label(option)}
        </label>
      ))}
      <p className="muted">{explain}</p>
    </fieldset>
  )
}
