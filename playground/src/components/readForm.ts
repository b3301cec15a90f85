import type { FormEvent } from 'react'

/** Stops the page from reloading and reads a submitted form's text fields by name. */
export function readForm(event: FormEvent<HTMLFormElement>): Record<string, string | undefined> {
  event.preventDefault()
  const values: Record<string, string> = {}
  for (const [name, value] of new FormData(event.currentTarget)) {
    if (typeof value === 'string') values[name] = value
  }
  return values
}
