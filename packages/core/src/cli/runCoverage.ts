import { createRequire } from 'node:module'
import { join } from 'node:path'
import type * as TS from 'typescript'
import { type CoverageReport, coverage } from './coverage'
import type { PlanRun } from './planRun'

export const COVERAGE_USAGE = `Usage: intilery-plan coverage [--project <tsconfig>] [--json] [--strict]

Reports which events of the catalogue the app sends, and where: the spec's ten and the app's own
(defineEvents, Register). It asks the TypeScript checker, through the library's hooks and tracker:
aliases, barrels, hooks kept in variables and wrappers that take an event's name are followed to
the name at each call. A name the checker types as string is listed as unresolved.

  -p, --project   the tsconfig.json to read, or its directory (default: ./tsconfig.json)
  --json          the report as JSON, for CI
  --strict        exit 1 when an event is never sent or a name is unresolved (otherwise: 0)

Needs the typescript package (5.x or 6.x), from the project or beside @intilery/core.
`

/** Loads the TypeScript compiler API: the project's own, or the one beside this package. */
export type LoadTypeScript = (cwd: string) => Promise<typeof TS>

/**
 * Runs `intilery-plan coverage` with its arguments (those after `coverage`), relative to `cwd`.
 * Exit codes: 0, 1 with `--strict` when an event is never sent or a name unresolved, 2 when it
 * cannot run (bad arguments, no tsconfig, no TypeScript).
 */
export async function runCoverage(
  args: readonly string[],
  cwd: string,
  load: LoadTypeScript = loadTypeScript,
): Promise<PlanRun> {
  if (args.includes('--help') || args.includes('-h')) return { code: 0, stdout: COVERAGE_USAGE, stderr: '' }
  let project = 'tsconfig.json'
  let json = false
  let strict = false
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string
    if (arg === '--json') json = true
    else if (arg === '--strict') strict = true
    else if (arg === '-p' || arg === '--project') {
      const next = args[i + 1]
      if (next === undefined || next.startsWith('-')) return fail(`${arg} needs a path\n\n${COVERAGE_USAGE}`)
      project = next
      i += 1
    } else if (arg.startsWith('--project=')) project = arg.slice('--project='.length)
    else return fail(`${arg.startsWith('-') ? 'unknown option' : 'unexpected argument'} ${arg}\n\n${COVERAGE_USAGE}`)
  }

  let ts: typeof TS
  try {
    ts = await load(cwd)
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error))
  }
  const report = coverage(ts, project, cwd)
  if (typeof report === 'string') return fail(report)

  const failure = strict ? strictFailure(report) : undefined
  return {
    code: failure === undefined ? 0 : 1,
    stdout: json ? `${JSON.stringify(report, null, 2)}\n` : formatCoverage(report),
    stderr: failure === undefined ? '' : `[intilery] ${failure}\n`,
  }
}

/** Why `--strict` fails on a report: an event never sent, or a name unresolved. */
export function strictFailure(report: CoverageReport): string | undefined {
  if (report.neverSent.length === 0 && report.unresolved.length === 0) return undefined
  return `coverage --strict: ${count(report.neverSent.length, 'event')} never sent, ${count(report.unresolved.length, 'name')} unresolved`
}

function fail(message: string): PlanRun {
  return { code: 2, stdout: '', stderr: `[intilery] ${message}\n` }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** The report as a table for people: each event, where it is sent or "never sent", then the unresolved names. */
export function formatCoverage(report: CoverageReport): string {
  const label = (event: { event: string; custom: boolean }): string => `${event.event}${event.custom ? ' *' : ''}`
  const width = Math.max('Event'.length, ...report.events.map((event) => label(event).length)) + 2
  const lines = [`${'Event'.padEnd(width)}Sent from`]
  for (const event of report.events) {
    const sites = event.sites.length === 0 ? ['never sent'] : event.sites.map((site) => `${site.file}:${site.line}`)
    // One line per call site; the same file:line twice (two sends on one line) is listed once.
    const unique = [...new Set(sites)]
    unique.forEach((site, i) => lines.push(`${(i === 0 ? label(event) : '').padEnd(width)}${site}`.trimEnd()))
  }
  if (report.events.some((event) => event.custom)) lines.push('', '* the app’s own event (defineEvents)')
  if (report.unresolved.length > 0) {
    lines.push('', 'Unresolved: names the checker does not type as events of the catalogue')
    const where = report.unresolved.map((name) => `${name.file}:${name.line}`)
    const column = Math.max(...where.map((site) => site.length)) + 2
    report.unresolved.forEach((name, i) =>
      lines.push(`${(where[i] as string).padEnd(column)}${name.type} (${name.via})`),
    )
  }
  const sent = report.events.length - report.neverSent.length
  lines.push(
    '',
    `${sent} of ${count(report.events.length, 'event')} sent, ${report.neverSent.length} never sent, ${count(report.unresolved.length, 'name')} unresolved`,
  )
  return `${lines.join('\n')}\n`
}

/** The project's typescript (from `cwd`), else the one this package resolves; 5.x or 6.x. */
export function loadTypeScript(cwd: string): Promise<typeof TS> {
  // require(), not import(): typescript is CommonJS, and Node would first scan its 9 MB for exports.
  let loaded: Partial<typeof TS> | undefined
  for (const from of [join(cwd, 'package.json'), import.meta.url]) {
    try {
      loaded = createRequire(from)('typescript') as Partial<typeof TS>
      break
    } catch {
      // Not installed there: try the next place.
    }
  }
  if (loaded === undefined) {
    return Promise.reject(
      new Error(
        'intilery-plan coverage needs the typescript package, which is not installed: npm install --save-dev typescript',
      ),
    )
  }
  if (typeof loaded.createProgram !== 'function' || typeof loaded.version !== 'string') {
    return Promise.reject(
      new Error(
        'intilery-plan coverage needs the TypeScript compiler API (typescript 5.x or 6.x); the typescript package found has none',
      ),
    )
  }
  return Promise.resolve(loaded as typeof TS)
}
