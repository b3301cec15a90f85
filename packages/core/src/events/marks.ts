/**
 * Reads the marks `personal` puts on a property's schema, without zod: the delivery code reads
 * them (for `personalData: 'omit'` and the guard), and so do the tracking plan and `checkEvent`.
 */

/** The key `personal` marks a schema with (`Symbol.for`: the same in every copy of the package). */
const MARK = /* @__PURE__ */ Symbol.for('intilery.personalData')

/** What the marks are read through: zod's own links, a wrapper to what it wraps, a copy to its original. */
interface Linked {
  readonly [MARK]?: true
  readonly _zod?: { readonly parent?: Linked; readonly def?: { readonly [MARK]?: true; readonly innerType?: Linked } }
}

/** True when the schema (or its definition), or what it wraps or was copied from, carries the mark. */
export function isPersonal(schema: unknown): boolean {
  for (let at = schema as Linked | undefined, hops = 0; at && hops < 32; hops += 1) {
    if (at[MARK] || at._zod?.def?.[MARK]) return true
    at = at._zod?.parent ?? at._zod?.def?.innerType
  }
  return false
}

/** The properties of an event's object schema that are marked as personal data. */
export function personalKeys(schema: unknown): Set<string> {
  const shape = (schema as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape
  const keys = new Set<string>()
  for (const key in shape) if (isPersonal(shape[key])) keys.add(key)
  return keys
}
