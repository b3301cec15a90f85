/**
 * Where a callee comes from, read from declarations alone, with no types: a function of the app's,
 * an export of the library's (and the steps from it), or nothing that can send. Most calls of an
 * app (`useState`, `rows.filter`, a hook's `mutate`) are settled here; typing their callees would
 * be most of the cost of a type check. What declarations cannot say is left to the checker.
 */
import type * as TS from 'typescript'
import type { AppProgram } from './appProgram'
import type { Role } from './findLibrary'
import { bindingRoot, isConstant, skipOuter } from './syntax'

/**
 * A function of the app's; an export of the library's, and the steps from it (`['()', 'mutate']`
 * for `useTrack().mutate`); `'nothing'` (another package's function, a method whose name neither
 * the app nor the library declares: `rows.filter`); or `'unknown'`, when only the checker can say.
 */
export type Origin =
  | { readonly functions: readonly TS.Node[] }
  | { readonly role: Role; readonly path: readonly string[] }
  | 'nothing'
  | 'unknown'

export class CallOrigins {
  readonly #app: AppProgram
  /** The names through which a method call can run the app's code or the library's. */
  readonly #properties: ReadonlySet<string>

  constructor(app: AppProgram, properties: ReadonlySet<string>) {
    this.#app = app
    this.#properties = properties
  }

  /** Where `expression`, a callee (or a JSX tag), comes from. */
  of(expression: TS.Expression): Origin {
    return this.#origin(expression, 0)
  }

  #origin(expression: TS.Expression, depth: number): Origin {
    const ts = this.#app.ts
    const inner = skipOuter(ts, expression)
    if (depth > 16) return 'unknown'
    if (ts.isCallExpression(inner)) {
      const called = this.#origin(inner.expression, depth + 1)
      return typeof called === 'object' && 'role' in called
        ? { role: called.role, path: [...called.path, '()'] }
        : 'unknown'
    }
    if (ts.isPropertyAccessExpression(inner)) return this.#ofProperty(inner, depth)
    if (!ts.isIdentifier(inner)) return 'unknown'
    const symbol = this.#app.symbolOf(inner)
    return symbol ? this.#ofSymbol(symbol, depth + 1) : 'nothing'
  }

  /** `object.name`: a member of a namespace import of the library's, or a step from `object`'s origin. */
  #ofProperty(access: TS.PropertyAccessExpression, depth: number): Origin {
    const ts = this.#app.ts
    const name = access.name.text
    if (!this.#properties.has(name)) return 'nothing'
    const base = ts.isIdentifier(access.expression) ? this.#app.symbolOf(access.expression) : undefined
    if (base && this.#app.library.modules.has(base)) {
      // intilery.useTrackSignIn, through a namespace import of the library.
      const member = this.#app.checker.getExportsOfModule(base).find((symbol) => symbol.name === name)
      return member ? this.#ofSymbol(member, depth + 1) : 'nothing'
    }
    const object = this.#origin(access.expression, depth + 1)
    if (object === 'nothing') return 'nothing'
    return typeof object === 'object' && 'role' in object
      ? { role: object.role, path: [...object.path, name] }
      : 'unknown'
  }

  #ofSymbol(given: TS.Symbol, depth: number): Origin {
    const ts = this.#app.ts
    const symbol = given.flags & ts.SymbolFlags.Alias ? this.#app.checker.getAliasedSymbol(given) : given
    const role = this.#app.library.roles.get(symbol)
    if (role) return { role, path: [] }
    const declarations = (symbol.declarations ?? []).filter((declaration) => this.#app.isApp(declaration))
    // Another package's (useState, console) or the library's other exports (usePageView): nothing sent.
    if (declarations.length === 0) return 'nothing'
    const functions = declarations.flatMap((declaration) => functionOf(ts, declaration) ?? [])
    if (functions.length === declarations.length) return { functions }
    if (declarations.length !== 1) return 'unknown'
    return this.#ofConstant(declarations[0] as TS.Declaration, depth)
  }

  /** A constant's value (or a name destructured from it): a library call's result, or an alias. */
  #ofConstant(declaration: TS.Declaration, depth: number): Origin {
    const ts = this.#app.ts
    const root = bindingRoot(ts, declaration)
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
