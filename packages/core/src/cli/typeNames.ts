/**
 * What the checker's types say about names of events: the literals a type holds along a path (each
 * member of a union counts), or the type itself when it is not made of literals (`string`, `any`,
 * a template). Also the members and call signatures of a type, seen through unions and a type
 * parameter's constraint.
 */
import type * as TS from 'typescript'
import type { Path } from './syntax'

/** What a name expression holds: an event's name, or a type that is not one, where it is sent. */
export type Found =
  { readonly event: string; readonly site: TS.Node } | { readonly type: string; readonly site: TS.Node }

export class TypeNames {
  readonly #ts: typeof TS
  readonly #checker: TS.TypeChecker

  constructor(ts: typeof TS, checker: TS.TypeChecker) {
    this.#ts = ts
    this.#checker = checker
  }

  /** The names a value of `type` holds along `path`: literals, or the type itself when it is not one. */
  names(type: TS.Type, path: Path, site: TS.Node, at: TS.Node): Found[] {
    const ts = this.#ts
    const checker = this.#checker
    let types: readonly TS.Type[] = [type]
    for (const step of path) {
      types = types.flatMap((outer) =>
        this.members(outer).flatMap((member): TS.Type[] => {
          if (step === '[]') {
            if (checker.isTupleType(member)) return [...checker.getTypeArguments(member as TS.TypeReference)]
            return [checker.getIndexTypeOfType(member, ts.IndexKind.Number) ?? []].flat()
          }
          const property = member.getProperty(step)
          return property ? [checker.getTypeOfSymbolAtLocation(property, at)] : []
        }),
      )
    }
    const nothing = ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Never | ts.TypeFlags.Void
    const names = types.flatMap((member) => this.members(member)).filter((member) => !(member.flags & nothing))
    if (names.length === 0) return []
    if (names.every((member) => member.isStringLiteral())) {
      return names.map((member) => ({ event: member.value, site }))
    }
    return [{ type: types.map((member) => checker.typeToString(member)).join(' | '), site }]
  }

  /** The call signatures of a type, of each member of a union, of a type parameter's constraint. */
  signatures(type: TS.Type): readonly TS.Signature[] {
    return this.members(type).flatMap((member) => member.getCallSignatures())
  }

  /** The members of a union (or the type alone), a type parameter read as its constraint. */
  members(type: TS.Type): readonly TS.Type[] {
    if (type.flags & this.#ts.TypeFlags.TypeParameter) {
      const constraint = this.#checker.getBaseConstraintOfType(type)
      return constraint && constraint !== type ? this.members(constraint) : [type]
    }
    return type.isUnion() ? type.types : [type]
  }

  /** The type of a signature's first argument (the first element of a rest tuple: react-query's mutate). */
  firstParameter(signature: TS.Signature): TS.Type | undefined {
    const first = signature.parameters[0]
    if (first === undefined) return undefined
    const type = this.#checker.getTypeOfSymbol(first)
    const declaration = first.valueDeclaration
    if (declaration && this.#ts.isParameter(declaration) && declaration.dotDotDotToken) {
      return this.#checker.isTupleType(type) ? this.#checker.getTypeArguments(type as TS.TypeReference)[0] : undefined
    }
    return type
  }
}
