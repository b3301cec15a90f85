/**
 * The library's side of the search for sends: which of the program's modules are @intilery/react's
 * and @intilery/core's, what they export, and what each export that sends (or makes what sends) is.
 * Found by symbols, not by names, so an alias or a barrel of the app's changes nothing.
 */
import { dirname, join } from 'node:path'
import type * as TS from 'typescript'

/**
 * The library's declarations as one program sees them, found through the program's imports of
 * @intilery/react and @intilery/core (their sources or their .d.ts, wherever the files are).
 */
export interface Library {
  /** Everything the library's modules export, resolved, and the names they export it as. */
  readonly symbols: ReadonlySet<TS.Symbol>
  readonly names: ReadonlySet<string>
  /** The modules themselves, for namespace imports (`import * as intilery from '@intilery/react'`). */
  readonly modules: ReadonlySet<TS.Symbol>
  /** What the exports that send, or make what sends, are. */
  readonly roles: ReadonlyMap<TS.Symbol, Role>
  /** The function type of `EventHook<E>`, which every per-event hook is. */
  readonly eventHook: ReadonlySet<TS.Node>
  readonly eventHookAlias: ReadonlySet<TS.Symbol>
  /** Event → the per-event hook's exported name (`'Signed In'` → `useTrackSignIn`). */
  readonly hookNames: ReadonlyMap<string, string>
  readonly useLogout: ReadonlySet<TS.Node>
  readonly useTrackEvent: ReadonlySet<TS.Node>
  /** `Tracker`'s `track` and `logout`: `createTracker`'s and `useTracker()`'s. */
  readonly trackerTrack: ReadonlySet<TS.Node>
  readonly trackerLogout: ReadonlySet<TS.Node>
  /** `TrackVariables`, what the mutations of `useTrack` (one) and `useTrackBatch` (an array) take. */
  readonly trackVariables: ReadonlySet<TS.Symbol>
  readonly defineEvents: ReadonlySet<TS.Node>
  readonly createTracker: ReadonlySet<TS.Node>
  /** `B2bSaasEvents`: the spec's events, in the spec's order. */
  readonly specCatalog: readonly TS.Type[]
  /** `RegisteredCatalog`: the app's events, from `Register`. */
  readonly registeredCatalog: readonly TS.Type[]
}

/** What an export of the library's is, for what calling it (or its result's methods) sends. */
export type Role =
  | { readonly kind: 'hook'; readonly event: string; readonly name: string }
  | {
      readonly kind:
        'useLogout' | 'useTrackEvent' | 'useTrack' | 'useTrackBatch' | 'useTracker' | 'createTracker' | 'defineEvents'
    }

const ROLES = [
  'useLogout',
  'useTrackEvent',
  'useTrack',
  'useTrackBatch',
  'useTracker',
  'createTracker',
  'defineEvents',
] as const

const LIBRARY_IMPORT = /^@intilery\/(?:react|core)(?:\/|$)/

/** The packages whose own sources are not the app's, when a program reads them. */
export const LIBRARY_PACKAGES: ReadonlySet<string> = new Set(['@intilery/react', '@intilery/core'])

/** The library's declarations as `program` sees them, through the program's own imports of it. */
export function findLibrary(ts: typeof TS, program: TS.Program, checker: TS.TypeChecker): Library {
  const modules = libraryModules(ts, program, checker)
  const exported = exportsByName(ts, checker, modules)
  const symbols = (name: string): TS.Symbol[] => exported.get(name) ?? []
  const declarations = (name: string): Set<TS.Node> =>
    new Set(symbols(name).flatMap((symbol) => symbol.declarations ?? []))
  const members = (name: string, member: string): Set<TS.Node> =>
    new Set(symbols(name).flatMap((symbol) => symbol.members?.get(member as TS.__String)?.declarations ?? []))

  const eventHookAlias = new Set(symbols('EventHook'))
  const eventHook = new Set<TS.Node>()
  for (const symbol of eventHookAlias) {
    for (const declaration of symbol.declarations ?? []) {
      if (ts.isTypeAliasDeclaration(declaration)) eventHook.add(declaration.type)
    }
  }
  const { hookNames, roles } = eventHooks(ts, checker, exported, eventHookAlias)
  for (const kind of ROLES) for (const symbol of symbols(kind)) roles.set(symbol, { kind })

  return {
    symbols: new Set([...exported.values()].flat()),
    names: new Set(exported.keys()),
    modules,
    roles,
    eventHook,
    eventHookAlias,
    hookNames,
    useLogout: declarations('useLogout'),
    useTrackEvent: declarations('useTrackEvent'),
    trackerTrack: members('Tracker', 'track'),
    trackerLogout: members('Tracker', 'logout'),
    trackVariables: new Set(symbols('TrackVariables')),
    defineEvents: declarations('defineEvents'),
    createTracker: declarations('createTracker'),
    specCatalog: symbols('B2bSaasEvents').map((symbol) => checker.getDeclaredTypeOfSymbol(symbol)),
    registeredCatalog: symbols('RegisteredCatalog').map((symbol) => checker.getDeclaredTypeOfSymbol(symbol)),
  }
}

/** The library's modules that the program imports or re-exports from (outside node_modules' .d.ts). */
function libraryModules(ts: typeof TS, program: TS.Program, checker: TS.TypeChecker): Set<TS.Symbol> {
  const modules = new Set<TS.Symbol>()
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile && isInNodeModules(file.fileName)) continue
    for (const statement of file.statements) {
      const specifier =
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier
      if (!specifier || !ts.isStringLiteral(specifier) || !LIBRARY_IMPORT.test(specifier.text)) continue
      const module = checker.getSymbolAtLocation(specifier)
      if (module) modules.add(module)
    }
  }
  return modules
}

/** Every export of those modules by name, resolved to what it names. */
function exportsByName(
  ts: typeof TS,
  checker: TS.TypeChecker,
  modules: ReadonlySet<TS.Symbol>,
): Map<string, TS.Symbol[]> {
  const exported = new Map<string, TS.Symbol[]>()
  for (const module of modules) {
    for (const symbol of checker.getExportsOfModule(module)) {
      const resolved = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
      const list = exported.get(symbol.name) ?? []
      if (!list.includes(resolved)) list.push(resolved)
      exported.set(symbol.name, list)
    }
  }
  return exported
}

/**
 * The per-event hooks: the exported variables typed `EventHook<E>` (only hooks are typed: typing
 * every export costs), each with its event, and each event's hook name.
 */
function eventHooks(
  ts: typeof TS,
  checker: TS.TypeChecker,
  exported: ReadonlyMap<string, readonly TS.Symbol[]>,
  eventHookAlias: ReadonlySet<TS.Symbol>,
): { hookNames: Map<string, string>; roles: Map<TS.Symbol, Role> } {
  const hookNames = new Map<string, string>()
  const roles = new Map<TS.Symbol, Role>()
  for (const [name, list] of exported) {
    if (!/^use[A-Z]/.test(name)) continue
    for (const symbol of list) {
      if (!(symbol.flags & ts.SymbolFlags.Variable)) continue
      const type = checker.getTypeOfSymbol(symbol)
      const event = type.aliasSymbol && eventHookAlias.has(type.aliasSymbol) ? type.aliasTypeArguments?.[0] : undefined
      if (!event?.isStringLiteral()) continue
      hookNames.set(event.value, name)
      roles.set(symbol, { kind: 'hook', event: event.value, name })
    }
  }
  return { hookNames, roles }
}

export function isInNodeModules(file: string): boolean {
  return file.split(/[\\/]/).includes('node_modules')
}

/** The `name` of the package.json nearest to `dir`, or `''` (cached by directory in `seen`). */
export function packageName(ts: typeof TS, dir: string, seen: Map<string, string>): string {
  const known = seen.get(dir)
  if (known !== undefined) return known
  let name = ''
  const manifest = join(dir, 'package.json')
  if (ts.sys.fileExists(manifest)) {
    try {
      const given = (JSON.parse(ts.sys.readFile(manifest) ?? '{}') as { name?: unknown }).name
      if (typeof given === 'string') name = given
    } catch {
      // A package.json that is not JSON names nothing.
    }
  } else if (dirname(dir) !== dir) {
    name = packageName(ts, dirname(dir), seen)
  }
  seen.set(dir, name)
  return name
}
