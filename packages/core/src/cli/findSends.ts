/**
 * Finds what a program sends, and where: the entry of `intilery-plan coverage`'s search, which puts
 * its parts together.
 *
 * 1. appProgram.ts: which files are the app's, with the library's declarations (findLibrary.ts).
 * 2. appCalls.ts: one walk of each file gathers its calls and JSX elements.
 * 3. callSends.ts: each call is settled, from declarations where they say enough (callOrigins.ts),
 *    else from the declarations of the signatures its callee's type has. That follows aliases,
 *    namespaces, barrels, hooks kept in variables or objects and functions returned by wrapper
 *    hooks, as the checker does, without checking arguments (which is most of the cost of a type
 *    check). A call of the library's gives an event, or a name expression to read; a call of the
 *    app's own functions is indexed for the wrappers.
 * 4. nameReader.ts: each name expression is read through literals and constants, and through the
 *    wrappers' callers (wrappers.ts), else as the checker types it (typeNames.ts).
 */
import { relative, sep } from 'node:path'
import type * as TS from 'typescript'
import { specEventNames } from '../names'
import { AppCalls } from './appCalls'
import { AppProgram } from './appProgram'
import { CallOrigins } from './callOrigins'
import { CallSends } from './callSends'
import { NameReader } from './nameReader'
import { TypeNames } from './typeNames'

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

export interface FindOptions {
  /** The project's directory: test files are told by their path from there. */
  readonly root?: string
  /**
   * Follow every call through its callee's type, never through declarations alone: slower, and
   * the same report (the tests check that it is).
   */
  readonly typesOnly?: boolean
}

/** What `program` sends, and where; paths relative to `cwd`. */
export function findSends(ts: typeof TS, program: TS.Program, cwd: string, options: FindOptions = {}): Sends {
  const app = new AppProgram(ts, program, options.root)
  const types = new TypeNames(ts, app.checker)
  const calls = new AppCalls(app)
  const origins = options.typesOnly ? undefined : new CallOrigins(app, calls.properties)
  const sends = new CallSends(app, calls, origins, types)
  for (const node of calls.pending) sends.visit(node)

  const where = (node: TS.Node): Omit<CoverageSite, 'via'> => {
    const file = node.getSourceFile()
    const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file))
    return { file: relative(cwd, file.fileName).split(sep).join('/'), line: line + 1, column: character + 1 }
  }
  const sent = sends.fixed.map(({ event, site, via }) => ({ event, ...where(site), via }))
  const unresolved: UnresolvedName[] = []
  const names = new NameReader(app, calls, types)
  for (const sink of sends.sinks) {
    for (const found of names.read(sink.expression, sink.path, sink.site)) {
      if ('event' in found) sent.push({ event: found.event, ...where(found.site), via: sink.via })
      else unresolved.push({ ...where(found.site), via: sink.via, type: found.type })
    }
  }
  return { ...catalogOf(app, sends.catalogs), sent, unresolved }
}

/** The catalogue's events: the spec's (else its ten), then the app's own, each once. */
function catalogOf(app: AppProgram, catalogs: readonly TS.Type[]): Pick<Sends, 'catalog' | 'custom'> {
  const names = (type: TS.Type): string[] => app.checker.getPropertiesOfType(type).map((property) => property.name)
  const spec = app.library.specCatalog.flatMap(names)
  // The spec's ten, for a program that does not reach the library's types.
  const catalog = [...new Set(spec.length > 0 ? spec : specEventNames)]
  const custom = new Set<string>()
  for (const name of catalogs.flatMap(names)) {
    if (catalog.includes(name)) continue
    catalog.push(name)
    custom.add(name)
  }
  return { catalog, custom }
}
