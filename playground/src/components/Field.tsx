import type { InputHTMLAttributes } from 'react'

/** A labelled text input for the stories' forms. */
export function Field({ label, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="field">
      <span>{label}</span>
      <input {...input} />
    </label>
  )
}
