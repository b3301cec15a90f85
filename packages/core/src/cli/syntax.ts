/**
 * Small readings of the syntax tree that the search for sends shares, with no checker: an
 * expression without its wrappings, where a destructured name comes from, what a constant is, and
 * the names of properties and keys.
 */
import type * as TS from 'typescript'

/** A step into a value: a property's name, or `[]` for any element of an array. */
export type Path = readonly string[]

/** An expression without the parentheses, type assertions, `satisfies` and `!` around it. */
export function skipOuter(ts: typeof TS, expression: TS.Expression): TS.Expression {
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
export function bindingRoot(ts: typeof TS, declaration: TS.Node): { node: TS.Node; path: string[] } {
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
export function isConstant(ts: typeof TS, node: TS.Node): node is TS.VariableDeclaration {
  return (
    ts.isVariableDeclaration(node) &&
    ts.isVariableDeclarationList(node.parent) &&
    (node.parent.flags & ts.NodeFlags.Const) !== 0 &&
    !ts.isForOfStatement(node.parent.parent) &&
    !ts.isForInStatement(node.parent.parent)
  )
}

/** The key an element access names, when it is a literal (`props['event']`, `names[0]`). */
export function literalKey(ts: typeof TS, expression: TS.Expression): string | undefined {
  return ts.isStringLiteralLike(expression) || ts.isNumericLiteral(expression) ? expression.text : undefined
}

/** The name of an object literal's member, when it is written out (not computed). */
export function propertyName(ts: typeof TS, property: TS.ObjectLiteralElementLike): string | undefined {
  const name = property.name
  if (name === undefined) return undefined
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) ? name.text : undefined
}

/** The last item that passes (the one that wins, of properties given twice). */
export function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i -= 1) if (test(items[i] as T)) return items[i]
  return undefined
}
