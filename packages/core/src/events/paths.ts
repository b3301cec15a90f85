/**
 * One step of a path. A key that does not look like a name (an email or a phone number used as a
 * key, at any depth) may be personal data, so it is shown as `[key]`.
 */
export function segment(key: PropertyKey): string {
  if (typeof key === 'number') return String(key)
  const name = String(key)
  return /^[A-Za-z_$][\w$]{0,40}$/.test(name) ? name : '[key]'
}

/** A path as an issue names it: `properties.invitee.email`, `traits.[key]`. */
export const pathOf = (root: string, keys: readonly PropertyKey[]): string => [root, ...keys.map(segment)].join('.')
