/**
 * The app's calls and what they reach. One walk of each file gathers its calls and JSX elements
 * (read later, once every file has been walked), the functions it hands to other code, and the
 * property names the app declares. As the calls are read, each is indexed under the functions of
 * the app's it runs, so that a wrapper's parameter can be read at each of its callers.
 */
import type * as TS from 'typescript'
import type { AppProgram } from './appProgram'
import { skipOuter } from './syntax'

/** A call, or a JSX element (which calls its component). */
export type AppCall = TS.CallExpression | TS.JsxOpeningLikeElement

/** A function of the app's handed to other code as a value (a callback): where, and as what. */
export interface Escape {
  readonly site: TS.Node
  readonly expression: TS.Expression
}

export class AppCalls {
  readonly #app: AppProgram
  /** The app's calls and JSX elements, in the order of its files. */
  readonly pending: AppCall[] = []
  /**
   * The names a callee's property may have and run the library's code or the app's: the library's
   * exports and members that send, and every name the app declares (see `#walk`).
   */
  readonly properties: Set<string>
  /** The app's calls and JSX elements, by the declaration of a signature they call. */
  readonly #calls = new Map<TS.Node, AppCall[]>()
  readonly #escapes = new Map<TS.Node, Escape[]>()

  constructor(app: AppProgram) {
    this.#app = app
    this.properties = new Set(['mutate', 'mutateAsync', 'track', 'logout', ...app.library.names])
    for (const file of app.files) this.#walk(file)
  }

  /** The calls that run a declaration of the app's (a function, a signature, a component). */
  callersOf(declaration: TS.Node): readonly AppCall[] {
    return this.#calls.get(declaration) ?? []
  }

  /** Where a function of the app's was handed to other code as a value. */
  escapesOf(fn: TS.Node): readonly Escape[] {
    return this.#escapes.get(fn) ?? []
  }

  /** Notes that `call` runs `declaration`, when that is the app's. */
  index(declaration: TS.Node, call: AppCall): void {
    if (!this.#app.isApp(declaration)) return
    const list = this.#calls.get(declaration)
    if (list) list.push(call)
    else this.#calls.set(declaration, [call])
  }

  /** Notes a function of the app's handed to `site` as a value: its callers are then out of sight. */
  escape(argument: TS.Expression, site: TS.Node): void {
    const ts = this.#app.ts
    const inner = skipOuter(ts, argument)
    let fn: TS.Node | undefined
    if (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) fn = inner
    else if (ts.isIdentifier(inner)) {
      const declaration = this.#app.declarationOf(inner)
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

  /**
   * One walk of a file: collects its calls and JSX elements for later, the functions it hands to
   * JSX props, and the property names it declares (object, interface and class members, exports,
   * assigned properties): only through a name the app or the library declares can a method call
   * run a function of theirs.
   */
  #walk(node: TS.Node): void {
    const ts = this.#app.ts
    const kind = ts.SyntaxKind
    let name: TS.Node | undefined
    switch (node.kind) {
      case kind.CallExpression:
      case kind.JsxOpeningElement:
      case kind.JsxSelfClosingElement:
        this.pending.push(node as AppCall)
        break
      case kind.JsxExpression: {
        const expression = (node as TS.JsxExpression).expression
        if (expression && ts.isJsxAttribute(node.parent)) this.escape(expression, node.parent)
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
      case kind.VariableStatement:
        this.#exported(node as TS.FunctionDeclaration | TS.VariableStatement)
        break
      case kind.BinaryExpression: {
        const { left, operatorToken } = node as TS.BinaryExpression
        if (operatorToken.kind === kind.EqualsToken && ts.isPropertyAccessExpression(left)) name = left.name
        break
      }
    }
    if (name && (ts.isIdentifier(name) || ts.isStringLiteralLike(name))) this.properties.add(name.text)
    ts.forEachChild(node, (child) => this.#walk(child))
  }

  /** An exported function's or variable's names, which a namespace import can call as properties. */
  #exported(declaration: TS.FunctionDeclaration | TS.VariableStatement): void {
    const ts = this.#app.ts
    const exported = declaration.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false
    if (!exported) return
    const names = ts.isFunctionDeclaration(declaration)
      ? [declaration.name]
      : declaration.declarationList.declarations.map((each) => each.name)
    for (const each of names) if (each && ts.isIdentifier(each)) this.properties.add(each.text)
  }
}
