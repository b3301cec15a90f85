import { relative, sep } from 'node:path'
import type * as TS from 'typescript'
import { findLibrary, isInNodeModules, type Library, LIBRARY_PACKAGES, packageName, type Role } from './findLibrary'

/** One place that sends an event: a file relative to the directory the command ran in, 1-based. */
export interface CoverageSite {
  readonly file: string
  readonly line: number
  readonly column: number
  /** What of the library's sends it, in the end: `useTrackSignIn`, `useTrack`, `tracker.track`, … */
  readonly via: string
}

/** A name the checker does not type as events of the catalogue, and where it is sent. */
export interface UnresolvedName extends CoverageSite {
  /** The type the checker gives the name there (`string`, `any`), or a name the catalogue lacks. */
  readonly type: string
}

/** What one program sends. */
export interface Sends {
  /** The catalogue's events: the spec's, then the app's own, in the order they are declared. */
  readonly catalog: readonly string[]
  readonly custom: ReadonlySet<string>
  readonly sent: readonly (CoverageSite & { readonly event: string })[]
  readonly unresolved: readonly UnresolvedName[]
}

/** The spec's ten, for a program that does not reach the library's types. */
const SPEC_EVENTS = [
  'Account Created',
  'Account Deleted',
  'Signed Up',
  'Signed In',
  'Signed Out',
  'Invite Sent',
  'Account Added User',
  'Account Removed User',
  'Trial Started',
  'Trial Ended',
]

/** Tests call the hooks too, but send nothing: `*.test.*`, `*.spec.*` and whatever is in `__tests__`. */
const TEST_FILE = /(?:^|\/)__tests__\/|\.(?:test|spec)\.[cm]?[jt]sx?$/

/** A step into a value: a property's name, or `[]` for any element of an array. */
type Path = readonly string[]

/** What a name expression holds: an event's name, or a type that is not one, where it is sent. */
type Found = { readonly event: string; readonly site: TS.Node } | { readonly type: string; readonly site: TS.Node }

/** Where a callee comes from: see `SendFinder.#origin`. */
type Origin =
  | { readonly functions: readonly TS.Node[] }
  | { readonly role: Role; readonly path: readonly string[] }
  | 'nothing'
  | 'unknown'

/** A name to read: `expression` along `path`, sent by the call `site` through `via`. */
interface Sink {
  readonly expression: TS.Expression
  readonly path: Path
  readonly site: TS.Node
  readonly via: string
}

/**
 * Finds what a program sends, and where.
 *
 * 1. Every call and JSX element of the app's files is indexed by the declarations of the
 *    signatures its callee's type has. That follows aliases, namespaces, barrels, hooks kept in
 *    variables or objects and functions returned by wrapper hooks, as the checker does, without
 *    checking arguments (which is most of the cost of a type check).
 * 2. A call of the library's gives an event (a per-event hook, useLogout, tracker.logout) or a
 *    name expression to read (useTrackEvent, tracker.track, the mutate of useTrack and
 *    useTrackBatch).
 * 3. A name expression is read through object literals, arrays, conditionals and constants. What
 *    comes from a parameter typed by the catalogue is read at each call of its function instead,
 *    through as many wrappers as there are. Anything else is the type the checker gives it there:
 *    a string literal, a union of them (each counts), or unresolved (`string`, `any`, …).
 */
export function findSends(ts: typeof TS, program: TS.Program, cwd: string, options: FindOptions = {}): Sends {
  return new SendFinder(ts, program, options).run(cwd)
}

export interface FindOptions {
  /** The project's directory: test files are told by their path from there. */
  readonly root?: string
  /**
   * Follow every call through its callee's type, never through declarations alone: slower, and
   * the same report (the tests check that it is).
   */
  readonly typesOnly?: boolean
}

class SendFinder {
  readonly #ts: typeof TS
  readonly #program: TS.Program
  readonly #checker: TS.TypeChecker
  readonly #library: Library
  readonly #files: ReadonlySet<TS.SourceFile>
  /** The app's calls and JSX elements, by the declaration of a signature they call. */
  readonly #calls = new Map<TS.Node, (TS.CallExpression | TS.JsxOpeningLikeElement)[]>()
  /** The app's functions handed to other code as values (callbacks), and where. */
  readonly #escapes = new Map<TS.Node, { site: TS.Node; expression: TS.Expression }[]>()
  readonly #sinks: Sink[] = []
  /** The app's calls and JSX elements, in the order of its files. */
  readonly #pending: (TS.CallExpression | TS.JsxOpeningLikeElement)[] = []
  readonly #fixed: { event: string; site: TS.Node; via: string }[] = []
  readonly #catalogs: TS.Type[] = []
  /** What each parameter holds along a path, by `function id:index:path`. */
  readonly #memo = new Map<string, readonly Found[]>()
  readonly #ids = new Map<TS.Node, number>()
  /** The names a callee's property may have and run the library's code or the app's. */
  readonly #properties = new Set(['mutate', 'mutateAsync', 'track', 'logout'])

  readonly #typesOnly: boolean

  constructor(ts: typeof TS, program: TS.Program, options: FindOptions) {
    this.#ts = ts
    this.#typesOnly = options.typesOnly ?? false
    this.#program = program
    this.#checker = program.getTypeChecker()
    this.#library = findLibrary(ts, program, this.#checker)
    const packages = new Map<string, string>()
    this.#files = new Set(
      program.getSourceFiles().filter(
        (file) =>
          !file.isDeclarationFile &&
          !isInNodeModules(file.fileName) &&
          !TEST_FILE.test(
            relative(options.root ?? '/', file.fileName)
              .split(sep)
              .join('/'),
          ) &&
          !LIBRARY_PACKAGES.has(packageName(ts, parentDir(file.fileName), packages)),
      ),
    )
    this.#catalogs.push(...this.#library.registeredCatalog)
  }

  run(cwd: string): Sends {
    for (const name of this.#library.names) this.#properties.add(name)
    for (const file of this.#files) this.#collect(file)
    for (const node of this.#pending) {
      if (this.#ts.isCallExpression(node)) this.#visitCall(node)
      else this.#visitElement(node)
    }
    const where = (node: TS.Node): Omit<CoverageSite, 'via'> => {
      const file = node.getSourceFile()
      const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file))
      return { file: relative(cwd, file.fileName).split(sep).join('/'), line: line + 1, column: character + 1 }
    }
    const sent = this.#fixed.map(({ event, site, via }) => ({ event, ...where(site), via }))
    const unresolved: UnresolvedName[] = []
    for (const sink of this.#sinks) {
      for (const found of this.#read(sink.expression, sink.path, sink.site, 0)) {
        if ('event' in found) sent.push({ event: found.event, ...where(found.site), via: sink.via })
        else unresolved.push({ ...where(found.site), via: sink.via, type: found.type })
      }
    }
    return { ...this.#catalog(), sent, unresolved }
  }

  #isApp(node: TS.Node): boolean {
    return this.#files.has(node.getSourceFile())
  }

  /**
   * One walk of a file: collects its calls and JSX elements for later (once every file has been
   * walked), the functions it hands to JSX props, and the property names it declares (object,
   * interface and class members, exports, assigned properties): only through a name the app or the
   * library declares can a method call run a function of theirs.
   */
  #collect(node: TS.Node): void {
    const ts = this.#ts
    const kind = ts.SyntaxKind
    let name: TS.Node | undefined
    switch (node.kind) {
      case kind.CallExpression:
      case kind.JsxOpeningElement:
      case kind.JsxSelfClosingElement:
        this.#pending.push(node as TS.CallExpression | TS.JsxOpeningLikeElement)
        break
      case kind.JsxExpression: {
        const expression = (node as TS.JsxExpression).expression
        if (expression && ts.isJsxAttribute(node.parent)) this.#escape(expression, node.parent)
        break
      }
      case kind.PropertyAssignment:
      case kind.ShorthandPropertyAssignment:
      case kind.MethodDeclaration:
      case kind.PropertyDeclaration:
      case kind.PropertySignature:
      case kind.MethodSignature:
      case kind.GetAccessor:
      case kind.ExportSpecifier:
        name = (node as TS.NamedDeclaration).name
        break
      case kind.FunctionDeclaration:
      case kind.VariableStatement: {
        const declaration = node as TS.FunctionDeclaration | TS.VariableStatement
        if (!hasExport(ts, declaration)) break
        const names = ts.isFunctionDeclaration(declaration)
          ? [declaration.name]
          : declaration.declarationList.declarations.map((each) => each.name)
        for (const each of names) if (each && ts.isIdentifier(each)) this.#properties.add(each.text)
        break
      }
      case kind.BinaryExpression: {
        const { left, operatorToken } = node as TS.BinaryExpression
        if (operatorToken.kind === kind.EqualsToken && ts.isPropertyAccessExpression(left)) name = left.name
        break
      }
    }
    if (name && (ts.isIdentifier(name) || ts.isStringLiteralLike(name))) this.#properties.add(name.text)
    ts.forEachChild(node, (child) => this.#collect(child))
  }

  #visitElement(element: TS.JsxOpeningLikeElement): void {
    const ts = this.#ts
    const tag = element.tagName
    // <div>, <my-element>: intrinsic elements run nothing of the app's.
    if (ts.isIdentifier(tag) && /^[a-z]|-/.test(tag.text)) return
    const origin = this.#typesOnly ? 'unknown' : this.#origin(tag as TS.Expression, 0)
    if (origin === 'nothing' || (typeof origin === 'object' && 'role' in origin)) return
    const declarations =
      origin === 'unknown'
        ? this.#signatures(this.#checker.getTypeAtLocation(tag)).flatMap((signature) => signature.declaration ?? [])
        : origin.functions
    for (const declaration of declarations) this.#index(declaration, element)
    // memo(function Card(props) {…}), forwardRef(…): the component is the function inside.
    const declaration = ts.isIdentifier(tag) ? this.#declarationOf(tag) : undefined
    const initializer = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined
    const wrapped = initializer && ts.isCallExpression(initializer) ? initializer.arguments[0] : undefined
    const inner = wrapped && skipOuter(ts, wrapped)
    if (inner && (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner))) this.#index(inner, element)
  }

  #visitCall(call: TS.CallExpression): void {
    const ts = this.#ts
    const callee = call.expression
    if (callee.kind === ts.SyntaxKind.ImportKeyword || callee.kind === ts.SyntaxKind.SuperKeyword) return
    for (const argument of call.arguments) this.#escape(argument, call)
    const origin = this.#typesOnly ? 'unknown' : this.#origin(callee, 0)
    if (origin === 'nothing') return
    if (origin === 'unknown') this.#visitTypedCall(call)
    else if ('functions' in origin) for (const fn of origin.functions) this.#index(fn, call)
    else this.#sendThrough(call, origin.role, origin.path)
  }

  /**
   * Where a callee comes from, read from declarations alone (no types): a function of the app's, an
   * export of the library's (and the steps from it: `['()', 'mutate']` for `useTrack().mutate`),
   * `'nothing'` (another package's function, a method whose name neither the app nor the library
   * declares: `rows.filter`), or `'unknown'`, when only the checker can say. Most calls are
   * settled here, and typing their callees would be most of the cost of a type check.
   */
  #origin(expression: TS.Expression, depth: number): Origin {
    const ts = this.#ts
    const inner = skipOuter(ts, expression)
    if (depth > 16) return 'unknown'
    if (ts.isCallExpression(inner)) {
      const called = this.#origin(inner.expression, depth + 1)
      return typeof called === 'object' && 'role' in called
        ? { role: called.role, path: [...called.path, '()'] }
        : 'unknown'
    }
    if (ts.isPropertyAccessExpression(inner)) {
      const name = inner.name.text
      if (!this.#properties.has(name)) return 'nothing'
      const base = ts.isIdentifier(inner.expression) ? this.#symbolOf(inner.expression) : undefined
      if (base && this.#library.modules.has(base)) {
        // intilery.useTrackSignIn, through a namespace import of the library.
        const member = this.#checker.getExportsOfModule(base).find((symbol) => symbol.name === name)
        return member ? this.#originOfSymbol(member, depth + 1) : 'nothing'
      }
      const object = this.#origin(inner.expression, depth + 1)
      if (object === 'nothing') return 'nothing'
      return typeof object === 'object' && 'role' in object
        ? { role: object.role, path: [...object.path, name] }
        : 'unknown'
    }
    if (!ts.isIdentifier(inner)) return 'unknown'
    const symbol = this.#symbolOf(inner)
    return symbol ? this.#originOfSymbol(symbol, depth + 1) : 'nothing'
  }

  #originOfSymbol(given: TS.Symbol, depth: number): Origin {
    const ts = this.#ts
    const symbol = given.flags & ts.SymbolFlags.Alias ? this.#checker.getAliasedSymbol(given) : given
    const role = this.#library.roles.get(symbol)
    if (role) return { role, path: [] }
    const declarations = (symbol.declarations ?? []).filter((declaration) => this.#isApp(declaration))
    // Another package's (useState, console) or the library's other exports (usePageView): nothing sent.
    if (declarations.length === 0) return 'nothing'
    const functions = declarations.flatMap((declaration) => functionOf(ts, declaration) ?? [])
    if (functions.length === declarations.length) return { functions }
    if (declarations.length !== 1) return 'unknown'
    const root = bindingRoot(ts, declarations[0] as TS.Declaration)
    const initializer = isConstant(ts, root.node) && root.node.initializer && skipOuter(ts, root.node.initializer)
    if (!initializer) return 'unknown'
    if (ts.isCallExpression(initializer)) {
      const called = this.#origin(initializer.expression, depth + 1)
      if (typeof called === 'object' && 'role' in called) {
        return { role: called.role, path: [...called.path, '()', ...root.path] }
      }
      // useState(''), useRef(null): another package's function given only plain values returns
      // nothing of the app's or the library's.
      if (called === 'nothing' && initializer.arguments.every((argument) => isPlainValue(ts, argument)))
        return 'nothing'
      return 'unknown'
    }
    if (ts.isIdentifier(initializer) || ts.isPropertyAccessExpression(initializer)) {
      const aliased = this.#origin(initializer, depth + 1)
      if (typeof aliased === 'object' && 'role' in aliased)
        return { role: aliased.role, path: [...aliased.path, ...root.path] }
    }
    return 'unknown'
  }

  /** A call of the library's, from its role and the steps from it. */
  #sendThrough(call: TS.CallExpression, role: Role, path: readonly string[]): void {
    const name = call.arguments[0]
    const method = path.length === 2 && path[0] === '()' ? path[1] : undefined
    if (path.length === 0) {
      if (role.kind === 'hook') this.#fixed.push({ event: role.event, site: call, via: role.name })
      else if (role.kind === 'useLogout') this.#fixed.push({ event: 'Signed Out', site: call, via: 'useLogout' })
      else if (role.kind === 'useTrackEvent' && name) {
        this.#sinks.push({ expression: name, path: [], site: call, via: 'useTrackEvent' })
      } else if (role.kind === 'defineEvents' || role.kind === 'createTracker') {
        const returned = this.#checker.getResolvedSignature(call)?.getReturnType()
        if (returned) this.#catalogs.push(role.kind === 'defineEvents' ? returned : this.#trackerCatalog(returned))
      }
    } else if (method === 'mutate' || method === 'mutateAsync') {
      if (role.kind === 'useTrack' && name)
        this.#sinks.push({ expression: name, path: ['event'], site: call, via: 'useTrack' })
      if (role.kind === 'useTrackBatch' && name) {
        this.#sinks.push({ expression: name, path: ['[]', 'event'], site: call, via: 'useTrackBatch' })
      }
    } else if (method === 'track' && (role.kind === 'useTracker' || role.kind === 'createTracker') && name) {
      this.#sinks.push({ expression: name, path: [], site: call, via: 'tracker.track' })
    } else if (method === 'logout' && (role.kind === 'useTracker' || role.kind === 'createTracker')) {
      this.#fixed.push({ event: 'Signed Out', site: call, via: 'tracker.logout' })
    }
  }

  /** A call whose callee only the checker can follow: by the declarations of its type's signatures. */
  #visitTypedCall(call: TS.CallExpression): void {
    const library = this.#library
    const type = this.#checker.getTypeAtLocation(call.expression)
    const signatures = this.#signatures(type)
    const declarations = new Set(signatures.flatMap((signature) => signature.declaration ?? []))
    for (const declaration of declarations) this.#index(declaration, call)
    const calls = (set: ReadonlySet<TS.Node>): boolean => [...declarations].some((declaration) => set.has(declaration))
    const name = call.arguments[0]

    if (calls(library.eventHook)) {
      for (const event of this.#hookEvents(type)) {
        this.#fixed.push({ event, site: call, via: library.hookNames.get(event) ?? 'an event hook' })
      }
    } else if (calls(library.useLogout)) {
      this.#fixed.push({ event: 'Signed Out', site: call, via: 'useLogout' })
    } else if (calls(library.trackerLogout)) {
      this.#fixed.push({ event: 'Signed Out', site: call, via: 'tracker.logout' })
    } else if (calls(library.useTrackEvent)) {
      if (name) this.#sinks.push({ expression: name, path: [], site: call, via: 'useTrackEvent' })
    } else if (calls(library.trackerTrack)) {
      if (name) this.#sinks.push({ expression: name, path: [], site: call, via: 'tracker.track' })
    } else if (calls(library.defineEvents) || calls(library.createTracker)) {
      const returned = this.#checker.getResolvedSignature(call)?.getReturnType()
      if (returned) this.#catalogs.push(calls(library.defineEvents) ? returned : this.#trackerCatalog(returned))
    } else if (name && library.trackVariables.size > 0) {
      // The mutate (or mutateAsync) of useTrack's mutation takes one event; useTrackBatch's, an array.
      for (const signature of signatures) {
        if (signature.declaration && this.#isApp(signature.declaration)) continue
        const taken = this.#trackVariables(this.#firstParameter(signature))
        if (taken === 'one') this.#sinks.push({ expression: name, path: ['event'], site: call, via: 'useTrack' })
        if (taken === 'batch') {
          this.#sinks.push({ expression: name, path: ['[]', 'event'], site: call, via: 'useTrackBatch' })
        }
        if (taken) break
      }
    }
  }

  #index(declaration: TS.Node, call: TS.CallExpression | TS.JsxOpeningLikeElement): void {
    if (!this.#isApp(declaration)) return
    const list = this.#calls.get(declaration)
    if (list) list.push(call)
    else this.#calls.set(declaration, [call])
  }

  /** Notes a function of the app's handed to `site` as a value: its callers are then out of sight. */
  #escape(argument: TS.Expression, site: TS.Node): void {
    const ts = this.#ts
    const inner = skipOuter(ts, argument)
    let fn: TS.Node | undefined
    if (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) fn = inner
    else if (ts.isIdentifier(inner)) {
      const declaration = this.#declarationOf(inner)
      if (declaration && (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)))
        fn = declaration
      else if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
        const initializer = skipOuter(ts, declaration.initializer)
        if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) fn = initializer
      }
    }
    if (fn === undefined || (fn as TS.SignatureDeclaration).parameters.length === 0) return
    const list = this.#escapes.get(fn) ?? []
    list.push({ site, expression: inner })
    this.#escapes.set(fn, list)
  }

  /** The call signatures of a type, of each member of a union, of a type parameter's constraint. */
  #signatures(type: TS.Type): readonly TS.Signature[] {
    return this.#members(type).flatMap((member) => member.getCallSignatures())
  }

  #members(type: TS.Type): readonly TS.Type[] {
    if (type.flags & this.#ts.TypeFlags.TypeParameter) {
      const constraint = this.#checker.getBaseConstraintOfType(type)
      return constraint && constraint !== type ? this.#members(constraint) : [type]
    }
    return type.isUnion() ? type.types : [type]
  }

  /** The type of a signature's first argument (the first element of a rest tuple: react-query's mutate). */
  #firstParameter(signature: TS.Signature): TS.Type | undefined {
    const first = signature.parameters[0]
    if (first === undefined) return undefined
    const type = this.#checker.getTypeOfSymbol(first)
    const declaration = first.valueDeclaration
    if (declaration && this.#ts.isParameter(declaration) && declaration.dotDotDotToken) {
      return this.#checker.isTupleType(type) ? this.#checker.getTypeArguments(type as TS.TypeReference)[0] : undefined
    }
    return type
  }

  #trackVariables(type: TS.Type | undefined): 'one' | 'batch' | undefined {
    if (type === undefined) return undefined
    const named = (candidate: TS.Type | undefined): boolean =>
      candidate?.aliasSymbol !== undefined && this.#library.trackVariables.has(candidate.aliasSymbol)
    if (named(type)) return 'one'
    if (this.#checker.isArrayType(type) && named(this.#checker.getTypeArguments(type as TS.TypeReference)[0])) {
      return 'batch'
    }
    return undefined
  }

  /** The events of a per-event hook's type, `EventHook<'Signed In'>` (each one's, for a union of hooks). */
  #hookEvents(type: TS.Type): string[] {
    return this.#members(type).flatMap((member) => {
      const event = member.aliasSymbol && this.#library.eventHookAlias.has(member.aliasSymbol)
      return event && member.aliasTypeArguments?.[0] ? literals(this.#members(member.aliasTypeArguments[0])) : []
    })
  }

  /** The catalogue a `Tracker<C>` is typed with. */
  #trackerCatalog(tracker: TS.Type): TS.Type {
    const objectType = (tracker.flags & this.#ts.TypeFlags.Object) !== 0
    return (objectType && this.#checker.getTypeArguments(tracker as TS.TypeReference)[0]) || tracker
  }

  #catalog(): Pick<Sends, 'catalog' | 'custom'> {
    const names = (type: TS.Type): string[] => this.#checker.getPropertiesOfType(type).map((property) => property.name)
    const spec = this.#library.specCatalog.flatMap(names)
    const catalog = [...new Set(spec.length > 0 ? spec : SPEC_EVENTS)]
    const custom = new Set<string>()
    for (const name of this.#catalogs.flatMap(names)) {
      if (catalog.includes(name)) continue
      catalog.push(name)
      custom.add(name)
    }
    return { catalog, custom }
  }

  /** The names `expression` holds along `path`, when the call `site` sends it. */
  #read(expression: TS.Expression, path: Path, site: TS.Node, depth: number): readonly Found[] {
    const ts = this.#ts
    const inner = skipOuter(ts, expression)
    if (depth > 64) return this.#byType(this.#checker.getTypeAtLocation(inner), path, site, inner)
    if (ts.isConditionalExpression(inner)) {
      return [
        ...this.#read(inner.whenTrue, path, site, depth + 1),
        ...this.#read(inner.whenFalse, path, site, depth + 1),
      ]
    }
    if (ts.isStringLiteralLike(inner)) return path.length === 0 ? [{ event: inner.text, site }] : []
    const [step, ...rest] = path
    if (step !== undefined && step !== '[]' && ts.isObjectLiteralExpression(inner)) {
      const property = findLast(inner.properties, (candidate) => propertyName(ts, candidate) === step)
      if (property && ts.isPropertyAssignment(property)) return this.#read(property.initializer, rest, site, depth + 1)
      if (property && ts.isShorthandPropertyAssignment(property))
        return this.#read(property.name, rest, site, depth + 1)
      // A property left out sends nothing; behind a spread, the checker says what it is.
      if (property === undefined && !inner.properties.some(ts.isSpreadAssignment)) return []
    }
    if (step === '[]' && ts.isArrayLiteralExpression(inner)) {
      return inner.elements.flatMap((element) =>
        ts.isSpreadElement(element)
          ? this.#read(element.expression, path, site, depth + 1)
          : this.#read(element, rest, site, depth + 1),
      )
    }
    if (step === '[]' && ts.isCallExpression(inner) && this.#isArrayMap(inner)) {
      // rows.map((row) => ({ event: 'Invite Sent', … })): the elements are what the callback returns.
      const callback = skipOuter(ts, inner.arguments[0] as TS.Expression) as TS.ArrowFunction | TS.FunctionExpression
      return returned(ts, callback).flatMap((value) => this.#read(value, rest, site, depth + 1))
    }
    if (
      (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) &&
      this.#fromParameter(inner, 0)
    ) {
      const key = ts.isPropertyAccessExpression(inner) ? inner.name.text : literalKey(ts, inner.argumentExpression)
      if (key !== undefined) return this.#read(inner.expression, [key, ...path], site, depth + 1)
    }
    if (ts.isIdentifier(inner)) {
      const declaration = this.#declarationOf(inner)
      const root = declaration && bindingRoot(ts, declaration)
      if (root && ts.isParameter(root.node) && this.#typedByCatalog(root.node, [...root.path, ...path])) {
        return this.#fromCallers(root.node, [...root.path, ...path], depth + 1)
      }
      if (root && isConstant(ts, root.node) && root.node.initializer && this.#fromParameter(root.node.initializer, 0)) {
        return this.#read(root.node.initializer, [...root.path, ...path], site, depth + 1)
      }
    }
    return this.#byType(this.#checker.getTypeAtLocation(inner), path, site, inner)
  }

  /**
   * `array.map(callback)`. When the app declares a `map` of its own somewhere, the checker says
   * whether this one is the standard library's; otherwise typing the array (often the bulk of a
   * component: a filter in a useMemo) is not worth it.
   */
  #isArrayMap(call: TS.CallExpression): boolean {
    const ts = this.#ts
    const callee = call.expression
    const callback = call.arguments[0] && skipOuter(ts, call.arguments[0])
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'map' || callback === undefined) return false
    if (!ts.isArrowFunction(callback) && !ts.isFunctionExpression(callback)) return false
    if (!this.#properties.has('map')) return true
    const declarations = this.#checker.getSymbolAtLocation(callee.name)?.declarations ?? []
    return (
      declarations.length > 0 &&
      declarations.every((declaration) => this.#program.isSourceFileDefaultLibrary(declaration.getSourceFile()))
    )
  }

  /** The names a value of `type` holds along `path`: literals, or the type itself when it is not one. */
  #byType(type: TS.Type, path: Path, site: TS.Node, at: TS.Node): Found[] {
    const ts = this.#ts
    const checker = this.#checker
    let types: readonly TS.Type[] = [type]
    for (const step of path) {
      types = types.flatMap((outer) =>
        this.#members(outer).flatMap((member): TS.Type[] => {
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
    const names = types.flatMap((member) => this.#members(member)).filter((member) => !(member.flags & nothing))
    if (names.length === 0) return []
    if (names.every((member) => member.isStringLiteral())) {
      return names.map((member) => ({ event: member.value, site }))
    }
    return [{ type: types.map((member) => checker.typeToString(member)).join(' | '), site }]
  }

  /**
   * Whether a parameter, along `path`, is typed as names of events (literals, or a type parameter
   * constrained to them): then its callers say which. One typed `string` is not followed: the name
   * is unresolved where it is sent.
   */
  #typedByCatalog(parameter: TS.ParameterDeclaration, path: Path): boolean {
    const found = this.#byType(this.#checker.getTypeAtLocation(parameter), path, parameter, parameter)
    return found.length > 0 && found.every((name) => 'event' in name)
  }

  /** Whether a value may come from a parameter typed by the catalogue. */
  #fromParameter(expression: TS.Expression, depth: number): boolean {
    const ts = this.#ts
    if (depth > 64) return false
    const inner = skipOuter(ts, expression)
    if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
      return this.#fromParameter(inner.expression, depth + 1)
    }
    if (ts.isConditionalExpression(inner)) {
      return this.#fromParameter(inner.whenTrue, depth + 1) || this.#fromParameter(inner.whenFalse, depth + 1)
    }
    if (ts.isObjectLiteralExpression(inner)) {
      return inner.properties.some((property) =>
        ts.isPropertyAssignment(property)
          ? this.#fromParameter(property.initializer, depth + 1)
          : ts.isShorthandPropertyAssignment(property) && this.#fromParameter(property.name, depth + 1),
      )
    }
    if (ts.isArrayLiteralExpression(inner)) {
      return inner.elements.some((element) => this.#fromParameter(element, depth + 1))
    }
    if (!ts.isIdentifier(inner)) return false
    const declaration = this.#declarationOf(inner)
    const root = declaration && bindingRoot(ts, declaration)
    if (root && ts.isParameter(root.node)) return this.#typedByCatalog(root.node, root.path)
    if (root && isConstant(ts, root.node) && root.node.initializer) {
      return this.#fromParameter(root.node.initializer, depth + 1)
    }
    return false
  }

  /** The declaration of the app's that an identifier names, through imports. */
  #declarationOf(identifier: TS.Identifier): TS.Declaration | undefined {
    const declaration = this.#symbolOf(identifier)?.valueDeclaration
    return declaration && this.#isApp(declaration) ? declaration : undefined
  }

  /** What an identifier names, through imports and re-exports (no types needed). */
  #symbolOf(identifier: TS.Identifier): TS.Symbol | undefined {
    const ts = this.#ts
    const symbol = ts.isShorthandPropertyAssignment(identifier.parent)
      ? this.#checker.getShorthandAssignmentValueSymbol(identifier.parent)
      : this.#checker.getSymbolAtLocation(identifier)
    return symbol && symbol.flags & ts.SymbolFlags.Alias ? this.#checker.getAliasedSymbol(symbol) : symbol
  }

  /**
   * The names a parameter holds along `path`: what each call of its function passes. A function no
   * one calls sends nothing; one handed to other code (a callback) gets what that code's type says
   * it passes.
   */
  #fromCallers(parameter: TS.ParameterDeclaration, path: Path, depth: number): readonly Found[] {
    const ts = this.#ts
    const fn = parameter.parent
    // A `this` parameter takes no argument.
    const first = fn.parameters[0]
    const index =
      fn.parameters.indexOf(parameter) - (first && ts.isIdentifier(first.name) && first.name.text === 'this' ? 1 : 0)
    const key = `${this.#id(fn)}:${index}:${path.join('.')}`
    const known = this.#memo.get(key)
    if (known) return known
    this.#memo.set(key, []) // a recursive wrapper adds nothing to itself
    const found: Found[] = []
    const callers = [fn, ...this.#aliasesOf(fn)].flatMap((declaration) => this.#calls.get(declaration) ?? [])
    for (const call of callers) {
      if (!ts.isCallExpression(call)) {
        if (index === 0) found.push(...this.#readProps(call, path, depth + 1))
        continue
      }
      const spread = call.arguments.findIndex((argument) => ts.isSpreadElement(argument))
      const argument = call.arguments[index]
      if (parameter.dotDotDotToken || (spread !== -1 && spread <= index)) {
        // The arguments from here on, as the checker types the parameter.
        found.push(...this.#byType(this.#checker.getTypeAtLocation(parameter), path, call, parameter))
      } else if (argument) found.push(...this.#read(argument, path, call, depth + 1))
      else if (parameter.initializer) found.push(...this.#read(parameter.initializer, path, call, depth + 1))
    }
    if (callers.length === 0) {
      for (const { site, expression } of this.#escapes.get(fn) ?? []) {
        const expected = this.#checker.getContextualType(expression)
        const given = expected && this.#signatures(expected)[0]?.parameters[index]
        const type = given ? this.#checker.getTypeOfSymbol(given) : this.#checker.getTypeAtLocation(parameter)
        found.push(...this.#byType(type, path, site, expression))
      }
    }
    this.#memo.set(key, found)
    return found
  }

  /** A JSX element's props along `path`: its attributes. */
  #readProps(element: TS.JsxOpeningLikeElement, path: Path, depth: number): readonly Found[] {
    const ts = this.#ts
    const [step, ...rest] = path
    const attributes = element.attributes
    const attribute =
      step === undefined
        ? undefined
        : (findLast(
            attributes.properties,
            (candidate) =>
              ts.isJsxAttribute(candidate) && ts.isIdentifier(candidate.name) && candidate.name.text === step,
          ) as TS.JsxAttribute | undefined)
    if (attribute) {
      const value = attribute.initializer
      if (value === undefined) return []
      if (ts.isJsxExpression(value)) return value.expression ? this.#read(value.expression, rest, element, depth) : []
      return ts.isStringLiteral(value) ? this.#read(value, rest, element, depth) : []
    }
    if (step !== undefined && !attributes.properties.some(ts.isJsxSpreadAttribute)) return []
    return this.#byType(this.#checker.getTypeAtLocation(attributes), path, element, element)
  }

  /**
   * Other declarations a function's calls resolve to: the signature it is typed by (`const send:
   * Send = …`, a method of an interface the wrapper hook returns, a callback's parameter), and the
   * overloads of a function.
   */
  #aliasesOf(fn: TS.SignatureDeclaration): TS.Node[] {
    const ts = this.#ts
    const checker = this.#checker
    if (ts.isFunctionDeclaration(fn)) {
      const symbol = fn.name && checker.getSymbolAtLocation(fn.name)
      return (symbol?.declarations ?? []).filter((declaration) => declaration !== fn)
    }
    let expected: TS.Type | undefined
    if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) expected = checker.getContextualType(fn)
    else if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent)) {
      const name = propertyName(ts, fn)
      const property = name === undefined ? undefined : checker.getContextualType(fn.parent)?.getProperty(name)
      expected = property && checker.getTypeOfSymbol(property)
    }
    if (expected === undefined) return []
    return this.#signatures(expected).flatMap((signature) =>
      signature.declaration && signature.declaration !== fn ? [signature.declaration] : [],
    )
  }

  #id(node: TS.Node): number {
    let id = this.#ids.get(node)
    if (id === undefined) this.#ids.set(node, (id = this.#ids.size))
    return id
  }
}

/** The last item that passes (the one that wins, of properties given twice). */
function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i -= 1) if (test(items[i] as T)) return items[i]
  return undefined
}

/** The function a declaration declares: a function, or a constant holding an arrow or function expression. */
function functionOf(ts: typeof TS, declaration: TS.Declaration): TS.SignatureDeclaration | undefined {
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) return declaration
  const initializer =
    ts.isVariableDeclaration(declaration) && declaration.initializer && skipOuter(ts, declaration.initializer)
  return initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))
    ? initializer
    : undefined
}

/** A value that holds no function: a literal, or an array or object of them. */
function isPlainValue(ts: typeof TS, expression: TS.Expression): boolean {
  const inner = skipOuter(ts, expression)
  if (ts.isArrayLiteralExpression(inner)) return inner.elements.every((element) => isPlainValue(ts, element))
  if (ts.isObjectLiteralExpression(inner)) {
    return inner.properties.every(
      (property) => ts.isPropertyAssignment(property) && isPlainValue(ts, property.initializer),
    )
  }
  return (
    ts.isLiteralExpression(inner) ||
    ts.isNoSubstitutionTemplateLiteral(inner) ||
    ts.isPrefixUnaryExpression(inner) ||
    [ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword].includes(inner.kind) ||
    (ts.isIdentifier(inner) && inner.text === 'undefined')
  )
}

/** The expressions a function returns (not those of the functions inside it). */
function returned(ts: typeof TS, fn: TS.ArrowFunction | TS.FunctionExpression): TS.Expression[] {
  if (!ts.isBlock(fn.body)) return [fn.body]
  const found: TS.Expression[] = []
  const visit = (node: TS.Node): void => {
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression)
    else if (!ts.isFunctionLike(node) && !ts.isClassLike(node)) ts.forEachChild(node, visit)
  }
  ts.forEachChild(fn.body, visit)
  return found
}

function hasExport(ts: typeof TS, node: TS.FunctionDeclaration | TS.VariableStatement): boolean {
  return node.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false
}

function literals(types: readonly TS.Type[]): string[] {
  return types.flatMap((type) => (type.isStringLiteral() ? [type.value] : []))
}

/** An expression without the parentheses, type assertions, `satisfies` and `!` around it. */
function skipOuter(ts: typeof TS, expression: TS.Expression): TS.Expression {
  let inner = expression
  while (
    ts.isParenthesizedExpression(inner) ||
    ts.isAsExpression(inner) ||
    ts.isTypeAssertionExpression(inner) ||
    ts.isNonNullExpression(inner) ||
    ts.isSatisfiesExpression(inner)
  ) {
    inner = inner.expression
  }
  return inner
}

/** A binding element's root declaration, and the path to it from there (`const { event } = props`). */
function bindingRoot(ts: typeof TS, declaration: TS.Node): { node: TS.Node; path: string[] } {
  const path: string[] = []
  let node = declaration
  while (ts.isBindingElement(node)) {
    const pattern = node.parent
    if (ts.isObjectBindingPattern(pattern)) {
      const name = node.propertyName ?? node.name
      if (!ts.isIdentifier(name) && !ts.isStringLiteral(name)) return { node, path }
      path.unshift(name.text)
    } else {
      path.unshift('[]')
    }
    node = pattern.parent
  }
  return { node, path }
}

/** A `const` declared once, not a loop's variable. */
function isConstant(ts: typeof TS, node: TS.Node): node is TS.VariableDeclaration {
  return (
    ts.isVariableDeclaration(node) &&
    ts.isVariableDeclarationList(node.parent) &&
    (node.parent.flags & ts.NodeFlags.Const) !== 0 &&
    !ts.isForOfStatement(node.parent.parent) &&
    !ts.isForInStatement(node.parent.parent)
  )
}

function literalKey(ts: typeof TS, expression: TS.Expression): string | undefined {
  return ts.isStringLiteralLike(expression) || ts.isNumericLiteral(expression) ? expression.text : undefined
}

function propertyName(ts: typeof TS, property: TS.ObjectLiteralElementLike): string | undefined {
  const name = property.name
  if (name === undefined) return undefined
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) ? name.text : undefined
}

function parentDir(file: string): string {
  return file.slice(0, Math.max(file.lastIndexOf('/'), 0)) || '/'
}
