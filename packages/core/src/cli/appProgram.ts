/**
 * The program as the search for sends sees it: the checker, the library's declarations, which
 * source files are the app's (not a test's, not the library's own, not another package's), and
 * what an identifier of theirs names, through imports and re-exports.
 */
import { relative, sep } from 'node:path'
import type * as TS from 'typescript'
import { findLibrary, isInNodeModules, type Library, LIBRARY_PACKAGES, packageName } from './findLibrary'

/** Tests call the hooks too, but send nothing: `*.test.*`, `*.spec.*` and whatever is in `__tests__`. */
const TEST_FILE = /(?:^|\/)__tests__\/|\.(?:test|spec)\.[cm]?[jt]sx?$/

export class AppProgram {
  readonly ts: typeof TS
  readonly program: TS.Program
  readonly checker: TS.TypeChecker
  readonly library: Library
  /** The app's own source files: test files are told by their path from `root`. */
  readonly files: ReadonlySet<TS.SourceFile>

  constructor(ts: typeof TS, program: TS.Program, root = '/') {
    this.ts = ts
    this.program = program
    this.checker = program.getTypeChecker()
    this.library = findLibrary(ts, program, this.checker)
    const packages = new Map<string, string>()
    this.files = new Set(
      program
        .getSourceFiles()
        .filter(
          (file) =>
            !file.isDeclarationFile &&
            !isInNodeModules(file.fileName) &&
            !TEST_FILE.test(relative(root, file.fileName).split(sep).join('/')) &&
            !LIBRARY_PACKAGES.has(packageName(ts, parentDir(file.fileName), packages)),
        ),
    )
  }

  /** Whether a node is in one of the app's files. */
  isApp(node: TS.Node): boolean {
    return this.files.has(node.getSourceFile())
  }

  /** The declaration of the app's that an identifier names, through imports. */
  declarationOf(identifier: TS.Identifier): TS.Declaration | undefined {
    const declaration = this.symbolOf(identifier)?.valueDeclaration
    return declaration && this.isApp(declaration) ? declaration : undefined
  }

  /** What an identifier names, through imports and re-exports (no types needed). */
  symbolOf(identifier: TS.Identifier): TS.Symbol | undefined {
    const ts = this.ts
    const symbol = ts.isShorthandPropertyAssignment(identifier.parent)
      ? this.checker.getShorthandAssignmentValueSymbol(identifier.parent)
      : this.checker.getSymbolAtLocation(identifier)
    return symbol && symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol
  }
}

function parentDir(file: string): string {
  return file.slice(0, Math.max(file.lastIndexOf('/'), 0)) || '/'
}
