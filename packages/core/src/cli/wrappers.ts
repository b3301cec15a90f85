/**
 * Following wrappers: what a parameter typed by the catalogue holds is what each call of its
 * function passes, read at that call (a JSX element passes its props), through as many wrappers as
 * there are. A function no one calls sends nothing; one handed to other code as a callback gets
 * what that code's type says it passes.
 */
import type * as TS from 'typescript'
import type { AppCalls } from './appCalls'
import type { AppProgram } from './appProgram'
import { findLast, type Path, propertyName } from './syntax'
import type { Found, TypeNames } from './typeNames'

/** Reads the names an argument holds along `path`, where the call `site` sends it (see nameReader.ts). */
export type ReadArgument = (expression: TS.Expression, path: Path, site: TS.Node, depth: number) => readonly Found[]

export class Wrappers {
  readonly #app: AppProgram
  readonly #calls: AppCalls
  readonly #types: TypeNames
  readonly #read: ReadArgument
  /** What each parameter holds along a path, by `function id:index:path`. */
  readonly #memo = new Map<string, readonly Found[]>()
  readonly #ids = new Map<TS.Node, number>()

  constructor(app: AppProgram, calls: AppCalls, types: TypeNames, read: ReadArgument) {
    this.#app = app
    this.#calls = calls
    this.#types = types
    this.#read = read
  }

  /**
   * The names a parameter holds along `path`: what each call of its function passes. A function no
   * one calls sends nothing; one handed to other code (a callback) gets what that code's type says
   * it passes.
   */
  fromCallers(parameter: TS.ParameterDeclaration, path: Path, depth: number): readonly Found[] {
    const ts = this.#app.ts
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
    const callers = [fn, ...this.#aliasesOf(fn)].flatMap((declaration) => this.#calls.callersOf(declaration))
    for (const call of callers) {
      if (!ts.isCallExpression(call)) {
        if (index === 0) found.push(...this.#readProps(call, path, depth + 1))
        continue
      }
      const spread = call.arguments.findIndex((argument) => ts.isSpreadElement(argument))
      const argument = call.arguments[index]
      if (parameter.dotDotDotToken || (spread !== -1 && spread <= index)) {
        // The arguments from here on, as the checker types the parameter.
        found.push(...this.#types.names(this.#app.checker.getTypeAtLocation(parameter), path, call, parameter))
      } else if (argument) found.push(...this.#read(argument, path, call, depth + 1))
      else if (parameter.initializer) found.push(...this.#read(parameter.initializer, path, call, depth + 1))
    }
    if (callers.length === 0) found.push(...this.#fromEscapes(fn, index, parameter, path))
    this.#memo.set(key, found)
    return found
  }

  /** What the code a function was handed to passes it, as that code's type says. */
  #fromEscapes(fn: TS.SignatureDeclaration, index: number, parameter: TS.ParameterDeclaration, path: Path): Found[] {
    const checker = this.#app.checker
    const found: Found[] = []
    for (const { site, expression } of this.#calls.escapesOf(fn)) {
      const expected = checker.getContextualType(expression)
      const given = expected && this.#types.signatures(expected)[0]?.parameters[index]
      const type = given ? checker.getTypeOfSymbol(given) : checker.getTypeAtLocation(parameter)
      found.push(...this.#types.names(type, path, site, expression))
    }
    return found
  }

  /** A JSX element's props along `path`: its attributes. */
  #readProps(element: TS.JsxOpeningLikeElement, path: Path, depth: number): readonly Found[] {
    const ts = this.#app.ts
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
    return this.#types.names(this.#app.checker.getTypeAtLocation(attributes), path, element, element)
  }

  /**
   * Other declarations a function's calls resolve to: the signature it is typed by (`const send:
   * Send = …`, a method of an interface the wrapper hook returns, a callback's parameter), and the
   * overloads of a function.
   */
  #aliasesOf(fn: TS.SignatureDeclaration): TS.Node[] {
    const ts = this.#app.ts
    const checker = this.#app.checker
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
    return this.#types
      .signatures(expected)
      .flatMap((signature) => (signature.declaration && signature.declaration !== fn ? [signature.declaration] : []))
  }

  #id(node: TS.Node): number {
    let id = this.#ids.get(node)
    if (id === undefined) this.#ids.set(node, (id = this.#ids.size))
    return id
  }
}
