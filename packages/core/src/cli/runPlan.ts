import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { EventCatalog } from '../events/catalog'
import { trackingPlan } from '../events/trackingPlan'
import type { PlanRun } from './planRun'

export const USAGE = `Usage: intilery-plan [module[#export]]
       intilery-plan coverage [--project <tsconfig>] [--json] [--strict]

Prints the catalogue as a tracking plan: one JSON Schema (draft 2020-12) per event, for the whole
payload (userId, type, event, properties, context.groupId). Without a module, the B2B SaaS spec's
ten events; with one, the app's own events from defineEvents(...) as well.

  module    a JavaScript module (ESM or CommonJS), relative to the current directory
  #export   the export holding the catalogue; by default the module's default export, or its only
            export that is a catalogue

Node 20 loads TypeScript only through a loader, for example:
  NODE_OPTIONS="--import tsx" npx intilery-plan ./src/analytics.ts#plan

intilery-plan coverage reports which events of the plan the app sends, and where, from its
tsconfig.json: see intilery-plan coverage --help. (A module named coverage: ./coverage.)
`

/**
 * Runs `intilery-plan` with its arguments, relative to `cwd`: loads the module, if one is named,
 * and prints the plan as JSON; or, after `coverage`, runs `runCoverage`. Never exits the
 * process: the bin does, with `code`.
 */
export async function runPlan(args: readonly string[], cwd: string): Promise<PlanRun> {
  if (args[0] === 'coverage') {
    // Loaded only for this command: it alone needs TypeScript.
    const { runCoverage } = await import('./runCoverage')
    return runCoverage(args.slice(1), cwd)
  }
  if (args.includes('--help') || args.includes('-h')) return { code: 0, stdout: USAGE, stderr: '' }
  const unknown = args.filter((arg) => arg.startsWith('-'))
  if (unknown.length > 0 || args.length > 1) {
    const what = unknown.length > 0 ? `unknown option ${unknown.join(', ')}` : 'one module at most'
    return fail(`${what}\n\n${USAGE}`, 2)
  }
  let events: EventCatalog | undefined
  if (args[0] !== undefined) {
    const found = await loadCatalog(args[0], cwd)
    if (typeof found === 'string') return fail(found)
    events = found
  }
  try {
    return { code: 0, stdout: `${JSON.stringify(trackingPlan({ events }), null, 2)}\n`, stderr: '' }
  } catch (error) {
    return fail(error instanceof Error ? error.message.replace(/^\[intilery\] /, '') : String(error))
  }
}

function fail(message: string, code = 1): PlanRun {
  return { code, stdout: '', stderr: `[intilery] ${message}\n` }
}

/** The catalogue `spec` names (`path` or `path#export`), or why it cannot be had. */
async function loadCatalog(spec: string, cwd: string): Promise<EventCatalog | string> {
  const hash = spec.lastIndexOf('#')
  const split = hash > 0 && !existsSync(resolve(cwd, spec))
  const path = split ? spec.slice(0, hash) : spec
  const name = split ? spec.slice(hash + 1) : undefined
  const file = resolve(cwd, path)
  if (!existsSync(file)) return `cannot find the module ${path} (from ${cwd})`

  let module: Record<string, unknown>
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    if (code === 'ERR_UNKNOWN_FILE_EXTENSION' && /\.[cm]?tsx?$/.test(file)) {
      return `Node cannot load the TypeScript module ${path} by itself: run the command with a loader (NODE_OPTIONS="--import tsx"), or point it at the built JavaScript`
    }
    return `could not load the module ${path}: ${error instanceof Error ? error.message : String(error)}`
  }

  if (name !== undefined) {
    const value = module[name] ?? (module.default as Record<string, unknown> | undefined)?.[name]
    if (isCatalog(value)) return value
    return `${path} has no export ${name} holding a catalogue from defineEvents(...)${listCatalogs(module)}`
  }
  if (isCatalog(module.default) && Object.keys(module.default).length > 0) return module.default
  const catalogs = catalogNames(module)
  const only = catalogs.length === 1 ? module[catalogs[0] as string] : undefined
  if (isCatalog(only)) return only
  return catalogs.length === 0
    ? `${path} exports no catalogue (an object of zod schemas, as defineEvents(...) returns)`
    : `${path} exports more than one catalogue: name one, e.g. ${path}#${catalogs[0]}${listCatalogs(module)}`
}

/** An object whose values are all zod schemas, as `defineEvents` returns. */
function isCatalog(value: unknown): value is EventCatalog {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((schema) => typeof schema === 'object' && schema !== null && '_zod' in schema)
  )
}

function catalogNames(module: Record<string, unknown>): string[] {
  return Object.keys(module).filter(
    (key) => key !== 'default' && isCatalog(module[key]) && Object.keys(module[key] as object).length > 0,
  )
}

function listCatalogs(module: Record<string, unknown>): string {
  const names = catalogNames(module)
  return names.length === 0 ? '' : ` (catalogues it exports: ${names.join(', ')})`
}
