/**
 * What each of the app's calls sends. A call of the library's gives an event at once (a per-event
 * hook, `useLogout`, `tracker.logout`), a name expression to read later (`useTrackEvent`,
 * `tracker.track`, the `mutate` of `useTrack` and `useTrackBatch`), or a catalogue of the app's
 * (`defineEvents`, `createTracker`). A call of the app's own functions is indexed, for the wrappers.
 * The callee is found from declarations first (see callOrigins.ts), else from its type's signatures.
 */
import type * as TS from 'typescript'
import type { AppCall, AppCalls } from './appCalls'
import type { AppProgram } from './appProgram'
import type { CallOrigins } from './callOrigins'
import type { Role } from './findLibrary'
import { type Path, skipOuter } from './syntax'
import type { TypeNames } from './typeNames'

/** An event sent at `site`, whatever the call is given: a per-event hook, a logout. */
export interface FixedSend {
  readonly event: string
  readonly site: TS.Node
  readonly via: string
}

/** A name to read: `expression` along `path`, sent by the call `site` through `via`. */
export interface Sink {
  readonly expression: TS.Expression
  readonly path: Path
  readonly site: TS.Node
  readonly via: string
}

export class CallSends {
  readonly fixed: FixedSend[] = []
  readonly sinks: Sink[] = []
  /** The catalogues the app declares: `Register`'s, then each `defineEvents` and `createTracker`. */
  readonly catalogs: TS.Type[] = []
  readonly #app: AppProgram
  readonly #calls: AppCalls
  readonly #origins: CallOrigins | undefined
  readonly #types: TypeNames

  /** Without `origins`, every callee is followed through its type (the slower way, for the tests). */
  constructor(app: AppProgram, calls: AppCalls, origins: CallOrigins | undefined, types: TypeNames) {
    this.#app = app
    this.#calls = calls
    this.#origins = origins
    this.#types = types
    this.catalogs.push(...app.library.registeredCatalog)
  }

  /** Reads one call or JSX element of the app's. */
  visit(node: AppCall): void {
    if (this.#app.ts.isCallExpression(node)) this.#visitCall(node)
    else this.#visitElement(node)
  }

  #visitElement(element: TS.JsxOpeningLikeElement): void {
    const ts = this.#app.ts
    const tag = element.tagName
    // <div>, <my-element>: intrinsic elements run nothing of the app's.
    if (ts.isIdentifier(tag) && /^[a-z]|-/.test(tag.text)) return
    const origin = this.#origins ? this.#origins.of(tag as TS.Expression) : 'unknown'
    if (origin === 'nothing' || (typeof origin === 'object' && 'role' in origin)) return
    const declarations =
      origin === 'unknown'
        ? this.#types
            .signatures(this.#app.checker.getTypeAtLocation(tag))
            .flatMap((signature) => signature.declaration ?? [])
        : origin.functions
    for (const declaration of declarations) this.#calls.index(declaration, element)
    // memo(function Card(props) {…}), forwardRef(…): the component is the function inside.
    const declaration = ts.isIdentifier(tag) ? this.#app.declarationOf(tag) : undefined
    const initializer = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined
    const wrapped = initializer && ts.isCallExpression(initializer) ? initializer.arguments[0] : undefined
    const inner = wrapped && skipOuter(ts, wrapped)
    if (inner && (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner))) this.#calls.index(inner, element)
  }

  #visitCall(call: TS.CallExpression): void {
    const ts = this.#app.ts
    const callee = call.expression
    if (callee.kind === ts.SyntaxKind.ImportKeyword || callee.kind === ts.SyntaxKind.SuperKeyword) return
    for (const argument of call.arguments) this.#calls.escape(argument, call)
    const origin = this.#origins ? this.#origins.of(callee) : 'unknown'
    if (origin === 'nothing') return
    if (origin === 'unknown') this.#visitTypedCall(call)
    else if ('functions' in origin) for (const fn of origin.functions) this.#calls.index(fn, call)
    else this.#sendThrough(call, origin.role, origin.path)
  }

  /** A call of the library's, from its role and the steps from it. */
  #sendThrough(call: TS.CallExpression, role: Role, path: readonly string[]): void {
    const name = call.arguments[0]
    const method = path.length === 2 && path[0] === '()' ? path[1] : undefined
    if (path.length === 0) {
      if (role.kind === 'hook') this.fixed.push({ event: role.event, site: call, via: role.name })
      else if (role.kind === 'useLogout') this.fixed.push({ event: 'Signed Out', site: call, via: 'useLogout' })
      else if (role.kind === 'useTrackEvent' && name) {
        this.sinks.push({ expression: name, path: [], site: call, via: 'useTrackEvent' })
      } else if (role.kind === 'defineEvents' || role.kind === 'createTracker') {
        const returned = this.#app.checker.getResolvedSignature(call)?.getReturnType()
        if (returned) this.catalogs.push(role.kind === 'defineEvents' ? returned : this.#trackerCatalog(returned))
      }
    } else if (method === 'mutate' || method === 'mutateAsync') {
      if (role.kind === 'useTrack' && name)
        this.sinks.push({ expression: name, path: ['event'], site: call, via: 'useTrack' })
      if (role.kind === 'useTrackBatch' && name) {
        this.sinks.push({ expression: name, path: ['[]', 'event'], site: call, via: 'useTrackBatch' })
      }
    } else if (method === 'track' && (role.kind === 'useTracker' || role.kind === 'createTracker') && name) {
      this.sinks.push({ expression: name, path: [], site: call, via: 'tracker.track' })
    } else if (method === 'logout' && (role.kind === 'useTracker' || role.kind === 'createTracker')) {
      this.fixed.push({ event: 'Signed Out', site: call, via: 'tracker.logout' })
    }
  }

  /** A call whose callee only the checker can follow: by the declarations of its type's signatures. */
  #visitTypedCall(call: TS.CallExpression): void {
    const library = this.#app.library
    const type = this.#app.checker.getTypeAtLocation(call.expression)
    const signatures = this.#types.signatures(type)
    const declarations = new Set(signatures.flatMap((signature) => signature.declaration ?? []))
    for (const declaration of declarations) this.#calls.index(declaration, call)
    const calls = (set: ReadonlySet<TS.Node>): boolean => [...declarations].some((declaration) => set.has(declaration))
    const name = call.arguments[0]

    if (calls(library.eventHook)) {
      for (const event of this.#hookEvents(type)) {
        this.fixed.push({ event, site: call, via: library.hookNames.get(event) ?? 'an event hook' })
      }
    } else if (calls(library.useLogout)) {
      this.fixed.push({ event: 'Signed Out', site: call, via: 'useLogout' })
    } else if (calls(library.trackerLogout)) {
      this.fixed.push({ event: 'Signed Out', site: call, via: 'tracker.logout' })
    } else if (calls(library.useTrackEvent)) {
      if (name) this.sinks.push({ expression: name, path: [], site: call, via: 'useTrackEvent' })
    } else if (calls(library.trackerTrack)) {
      if (name) this.sinks.push({ expression: name, path: [], site: call, via: 'tracker.track' })
    } else if (calls(library.defineEvents) || calls(library.createTracker)) {
      const returned = this.#app.checker.getResolvedSignature(call)?.getReturnType()
      if (returned) this.catalogs.push(calls(library.defineEvents) ? returned : this.#trackerCatalog(returned))
    } else if (name && library.trackVariables.size > 0) {
      this.#mutation(call, name, signatures)
    }
  }

  /** The mutate (or mutateAsync) of useTrack's mutation takes one event; useTrackBatch's, an array. */
  #mutation(call: TS.CallExpression, name: TS.Expression, signatures: readonly TS.Signature[]): void {
    for (const signature of signatures) {
      if (signature.declaration && this.#app.isApp(signature.declaration)) continue
      const taken = this.#trackVariables(this.#types.firstParameter(signature))
      if (taken === 'one') this.sinks.push({ expression: name, path: ['event'], site: call, via: 'useTrack' })
      if (taken === 'batch') {
        this.sinks.push({ expression: name, path: ['[]', 'event'], site: call, via: 'useTrackBatch' })
      }
      if (taken) break
    }
  }

  /** Whether a mutation's variables are one `TrackVariables`, or an array of them. */
  #trackVariables(type: TS.Type | undefined): 'one' | 'batch' | undefined {
    if (type === undefined) return undefined
    const checker = this.#app.checker
    const named = (candidate: TS.Type | undefined): boolean =>
      candidate?.aliasSymbol !== undefined && this.#app.library.trackVariables.has(candidate.aliasSymbol)
    if (named(type)) return 'one'
    if (checker.isArrayType(type) && named(checker.getTypeArguments(type as TS.TypeReference)[0])) return 'batch'
    return undefined
  }

  /** The events of a per-event hook's type, `EventHook<'Signed In'>` (each one's, for a union of hooks). */
  #hookEvents(type: TS.Type): string[] {
    return this.#types.members(type).flatMap((member) => {
      const event = member.aliasSymbol && this.#app.library.eventHookAlias.has(member.aliasSymbol)
      return event && member.aliasTypeArguments?.[0] ? literals(this.#types.members(member.aliasTypeArguments[0])) : []
    })
  }

  /** The catalogue a `Tracker<C>` is typed with. */
  #trackerCatalog(tracker: TS.Type): TS.Type {
    const objectType = (tracker.flags & this.#app.ts.TypeFlags.Object) !== 0
    return (objectType && this.#app.checker.getTypeArguments(tracker as TS.TypeReference)[0]) || tracker
  }
}

function literals(types: readonly TS.Type[]): string[] {
  return types.flatMap((type) => (type.isStringLiteral() ? [type.value] : []))
}
