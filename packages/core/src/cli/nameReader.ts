/**
 * Reading a name expression: which events it holds, where a call sends it. It is read through
 * conditionals, object and array literals, a `.map` callback's results and constants; what comes
 * from a parameter typed by the catalogue is read at each call of its function instead (see
 * wrappers.ts). Anything else is the type the checker gives it there: a string literal, a union of
 * them, or a type that is not a name of an event (unresolved).
 */
import type * as TS from 'typescript'
import type { AppCalls } from './appCalls'
import type { AppProgram } from './appProgram'
import { bindingRoot, findLast, isConstant, literalKey, type Path, propertyName, skipOuter } from './syntax'
import type { Found, TypeNames } from './typeNames'
import { Wrappers } from './wrappers'

export class NameReader {
  readonly #app: AppProgram
  readonly #types: TypeNames
  /** The names through which a method call can run the app's code (see appCalls.ts). */
  readonly #properties: ReadonlySet<string>
  readonly #wrappers: Wrappers

  constructor(app: AppProgram, calls: AppCalls, types: TypeNames) {
    this.#app = app
    this.#types = types
    this.#properties = calls.properties
    this.#wrappers = new Wrappers(app, calls, types, (expression, path, site, depth) =>
      this.#read(expression, path, site, depth),
    )
  }

  /** The names `expression` holds along `path`, when the call `site` sends it. */
  read(expression: TS.Expression, path: Path, site: TS.Node): readonly Found[] {
    return this.#read(expression, path, site, 0)
  }

  #read(expression: TS.Expression, path: Path, site: TS.Node, depth: number): readonly Found[] {
    const ts = this.#app.ts
    const inner = skipOuter(ts, expression)
    if (depth > 64) return this.#types.names(this.#app.checker.getTypeAtLocation(inner), path, site, inner)
    if (ts.isConditionalExpression(inner)) {
      return [
        ...this.#read(inner.whenTrue, path, site, depth + 1),
        ...this.#read(inner.whenFalse, path, site, depth + 1),
      ]
    }
    if (ts.isStringLiteralLike(inner)) return path.length === 0 ? [{ event: inner.text, site }] : []
    const literal = this.#readLiteral(inner, path, site, depth)
    if (literal) return literal
    if (
      (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) &&
      this.#fromParameter(inner, 0)
    ) {
      const key = ts.isPropertyAccessExpression(inner) ? inner.name.text : literalKey(ts, inner.argumentExpression)
      if (key !== undefined) return this.#read(inner.expression, [key, ...path], site, depth + 1)
    }
    if (ts.isIdentifier(inner)) {
      const declaration = this.#app.declarationOf(inner)
      const root = declaration && bindingRoot(ts, declaration)
      if (root && ts.isParameter(root.node) && this.#typedByCatalog(root.node, [...root.path, ...path])) {
        return this.#wrappers.fromCallers(root.node, [...root.path, ...path], depth + 1)
      }
      if (root && isConstant(ts, root.node) && root.node.initializer && this.#fromParameter(root.node.initializer, 0)) {
        return this.#read(root.node.initializer, [...root.path, ...path], site, depth + 1)
      }
    }
    return this.#types.names(this.#app.checker.getTypeAtLocation(inner), path, site, inner)
  }

  /**
   * An object literal's property, an array literal's elements, or what a `.map` callback returns,
   * along the path's first step; `undefined` when `inner` is none of them (or is one behind a spread).
   */
  #readLiteral(inner: TS.Expression, path: Path, site: TS.Node, depth: number): readonly Found[] | undefined {
    const ts = this.#app.ts
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
    return undefined
  }

  /**
   * `array.map(callback)`. When the app declares a `map` of its own somewhere, the checker says
   * whether this one is the standard library's; otherwise typing the array (often the bulk of a
   * component: a filter in a useMemo) is not worth it.
   */
  #isArrayMap(call: TS.CallExpression): boolean {
    const ts = this.#app.ts
    const callee = call.expression
    const callback = call.arguments[0] && skipOuter(ts, call.arguments[0])
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'map' || callback === undefined) return false
    if (!ts.isArrowFunction(callback) && !ts.isFunctionExpression(callback)) return false
    if (!this.#properties.has('map')) return true
    const declarations = this.#app.checker.getSymbolAtLocation(callee.name)?.declarations ?? []
    return (
      declarations.length > 0 &&
      declarations.every((declaration) => this.#app.program.isSourceFileDefaultLibrary(declaration.getSourceFile()))
    )
  }

  /**
   * Whether a parameter, along `path`, is typed as names of events (literals, or a type parameter
   * constrained to them): then its callers say which. One typed `string` is not followed: the name
   * is unresolved where it is sent.
   */
  #typedByCatalog(parameter: TS.ParameterDeclaration, path: Path): boolean {
    const found = this.#types.names(this.#app.checker.getTypeAtLocation(parameter), path, parameter, parameter)
    return found.length > 0 && found.every((name) => 'event' in name)
  }

  /** Whether a value may come from a parameter typed by the catalogue. */
  #fromParameter(expression: TS.Expression, depth: number): boolean {
    const ts = this.#app.ts
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
    const declaration = this.#app.declarationOf(inner)
    const root = declaration && bindingRoot(ts, declaration)
    if (root && ts.isParameter(root.node)) return this.#typedByCatalog(root.node, root.path)
    if (root && isConstant(ts, root.node) && root.node.initializer) {
      return this.#fromParameter(root.node.initializer, depth + 1)
    }
    return false
  }
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
