import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import type * as TS from 'typescript'
import { type CoverageSite, type FindOptions, findSends, type UnresolvedName } from './findSends'

export type { CoverageSite, UnresolvedName } from './findSends'

/** An event of the catalogue and every place the app sends it (none: never sent). */
export interface EventCoverage {
  readonly event: string
  /** One of the app's own events (`defineEvents`, `Register`), not one of the spec's ten. */
  readonly custom: boolean
  readonly sites: readonly CoverageSite[]
}

/** What `intilery-plan coverage` reports. */
export interface CoverageReport {
  /** The tsconfig.json read, relative to the directory the command ran in. */
  readonly project: string
  readonly events: readonly EventCoverage[]
  readonly neverSent: readonly string[]
  readonly unresolved: readonly UnresolvedName[]
}

/**
 * Reads `tsconfig` (a file, or a directory holding tsconfig.json), and the projects it references,
 * and reports which events of the catalogue the app sends, and where. Paths in the report are
 * relative to `cwd`. Returns a message instead when the configuration cannot be read.
 */
export function coverage(
  ts: typeof TS,
  tsconfig: string,
  cwd: string,
  options: FindOptions = {},
): CoverageReport | string {
  const given = isAbsolute(tsconfig) ? tsconfig : resolve(cwd, tsconfig)
  const file = ts.sys.directoryExists(given) ? join(given, 'tsconfig.json') : given
  const projects = readProjects(ts, file, cwd, new Set())
  if (typeof projects === 'string') return projects
  if (projects.length === 0) return `${show(cwd, file)} names no files to read`

  const catalog: string[] = []
  const custom = new Set<string>()
  const sent = new Map<string, Map<string, CoverageSite>>()
  const unresolved = new Map<string, UnresolvedName>()
  const host = ts.createCompilerHost(projects[0]!.options)
  // JSDoc types matter in JavaScript files only; parsing the rest of the comments is time lost (TS 5.3+).
  host.jsDocParsingMode = ts.JSDocParsingMode?.ParseForTypeInfo
  for (const project of projects) {
    const program = ts.createProgram({ rootNames: project.rootNames, options: project.options, host })
    const found = findSends(ts, program, cwd, { ...options, root: project.root })
    for (const name of found.catalog) if (!catalog.includes(name)) catalog.push(name)
    for (const name of found.custom) custom.add(name)
    for (const { event, ...site } of found.sent) {
      const sites = sent.get(event) ?? new Map<string, CoverageSite>()
      sites.set(key(site), site)
      sent.set(event, sites)
    }
    for (const name of found.unresolved) unresolved.set(`${key(name)} ${name.type}`, name)
  }
  for (const [event, sites] of sent) {
    if (catalog.includes(event)) continue
    // A name the catalogue lacks (behind a cast, or a type error) is reported, never counted.
    for (const site of sites.values()) unresolved.set(`${key(site)} ${event}`, { ...site, type: JSON.stringify(event) })
  }

  const events = catalog.map((event) => ({
    event,
    custom: custom.has(event),
    sites: [...(sent.get(event)?.values() ?? [])].sort(bySite),
  }))
  return {
    project: show(cwd, file),
    events,
    neverSent: events.filter((event) => event.sites.length === 0).map((event) => event.event),
    unresolved: [...unresolved.values()].sort(bySite),
  }
}

/** One program to read: a tsconfig's files and options. */
interface Project {
  readonly rootNames: readonly string[]
  readonly options: TS.CompilerOptions
  /** The tsconfig's directory. */
  readonly root: string
}

/** The programs a tsconfig names: its own files, if any, and those of the projects it references. */
function readProjects(ts: typeof TS, file: string, cwd: string, seen: Set<string>): Project[] | string {
  if (seen.has(file)) return []
  seen.add(file)
  if (!ts.sys.fileExists(file)) return `cannot find ${show(cwd, file)}`
  const read = ts.readConfigFile(file, (path) => ts.sys.readFile(path))
  if (read.error) return `cannot read ${show(cwd, file)}: ${message(ts, read.error)}`
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(file), undefined, file)
  // 18003: no input files, as in a tsconfig that only references others.
  const errors = parsed.errors.filter((error) => error.code !== 18003)
  if (errors.length > 0)
    return `cannot read ${show(cwd, file)}: ${errors.map((error) => message(ts, error)).join('; ')}`
  const projects: Project[] = []
  if (parsed.fileNames.length > 0) {
    projects.push({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true }, root: dirname(file) })
  }
  for (const reference of parsed.projectReferences ?? []) {
    const referenced = readProjects(ts, ts.resolveProjectReferencePath(reference), cwd, seen)
    if (typeof referenced === 'string') return referenced
    projects.push(...referenced)
  }
  return projects
}

function message(ts: typeof TS, diagnostic: TS.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')
}

/** A path as the report shows it: relative to `cwd`, with forward slashes. */
function show(cwd: string, file: string): string {
  return relative(cwd, file).split(sep).join('/') || '.'
}

function key(site: CoverageSite): string {
  return `${site.file}:${site.line}:${site.column} ${site.via}`
}

function bySite(a: CoverageSite, b: CoverageSite): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column
}
