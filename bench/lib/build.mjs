// Shared esbuild settings for the benchmarks. Every bundle reads the packages' TypeScript sources
// through the `@intilery/source` export condition (no build step needed, always what is on disk).
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'

export const benchDir = dirname(dirname(fileURLToPath(import.meta.url)))
export const rootDir = dirname(benchDir)
/** Scratch output, git-ignored by the root `.tmp/` rule. */
export const tmpDir = join(benchDir, '.tmp')

/**
 * The root package does not depend on `@intilery/*`; the playground links both, so bare imports of
 * them resolve from there (through each package's `exports`, with our source condition).
 */
const workspacePackages = {
  name: 'intilery-workspace',
  setup(build) {
    build.onResolve({ filter: /^@intilery\// }, async (args) => {
      if (args.pluginData === 'intilery-workspace') return undefined
      const result = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: join(rootDir, 'playground'),
        pluginData: 'intilery-workspace',
      })
      return result.errors.length > 0 ? { errors: result.errors } : result
    })
  },
}

/** For Node bundles: every bare import but ours stays external and loads from node_modules. */
export const externalButOurs = {
  name: 'external-but-ours',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@intilery/') ? undefined : { path: args.path, external: true },
    )
  },
}

/** esbuild options every benchmark bundle shares. */
export function baseOptions() {
  return {
    bundle: true,
    format: 'esm',
    conditions: ['@intilery/source'],
    plugins: [workspacePackages],
    logLevel: 'error',
    absWorkingDir: rootDir,
    jsx: 'automatic',
  }
}

/** Bundles `options` and returns esbuild's result (write: false unless `outfile` is set). */
export async function bundle({ extraPlugins = [], ...options }) {
  if (options.outfile) mkdirSync(dirname(options.outfile), { recursive: true })
  const base = baseOptions()
  return esbuild.build({
    ...base,
    write: Boolean(options.outfile),
    ...options,
    plugins: [...extraPlugins, ...base.plugins],
  })
}
