// The checks a careful user makes before depending on the packages, run on the tarballs that would
// be published (`pnpm pack`, which applies `publishConfig`): publint (strict) and arethetypeswrong
// (ESM-only: CommonJS resolution is not claimed); the packed package.json (no development export
// condition, every path it names shipped, README and LICENSE shipped); declarations free of
// directives (a statement in a .d.ts fails skipLibCheck: false); source and declaration maps whose
// sources are in the tarball; and exactly one 'use client' at the top of every client file of the
// React package, where React Server Components frameworks look for it.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { isDeepStrictEqual } from 'node:util'

const root = new URL('..', import.meta.url).pathname
const packages = ['packages/core', 'packages/react']
const sourceCondition = '@intilery/source'
const work = mkdtempSync(join(tmpdir(), 'intilery-package-'))
let failures = 0

function fail(message) {
  failures += 1
  console.error(`[package] ${message}`)
}

function run(label, cwd, command, args) {
  try {
    execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    console.log(`[package] ${label}: ok`)
  } catch (error) {
    fail(`${label}: FAILED\n${error.stdout ?? ''}${error.stderr ?? ''}`)
  }
}

/** `exports` without the development condition: what `publishConfig.exports` must say. */
function withoutSource(value) {
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== sourceCondition)
      .map(([key, inner]) => [key, withoutSource(inner)]),
  )
}

/** Every file path an `exports` value names. */
function targets(value) {
  if (typeof value === 'string') return [value]
  if (typeof value !== 'object' || value === null) return []
  return Object.values(value).flatMap(targets)
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

try {
  const license = readFileSync(join(root, 'LICENSE'), 'utf8')
  for (const dir of packages) {
    const cwd = join(root, dir)
    const manifest = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'))
    if (!isDeepStrictEqual(manifest.publishConfig?.exports, withoutSource(manifest.exports))) {
      fail(`${dir}: publishConfig.exports must be exports without the ${sourceCondition} condition`)
    }
    if (readFileSync(join(cwd, 'LICENSE'), 'utf8') !== license) fail(`${dir}/LICENSE differs from LICENSE`)

    const out = join(work, dir.replace('/', '-'))
    execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    const tarball = join(
      out,
      readdirSync(out).find((file) => file.endsWith('.tgz')),
    )
    run(`publint --strict ${dir}`, cwd, 'npx', ['publint', 'run', tarball, '--strict'])
    run(`attw ${dir}`, cwd, 'npx', ['attw', tarball, '--profile', 'esm-only'])

    execFileSync('tar', ['xzf', tarball, '-C', out])
    const pkg = join(out, 'package')
    const packed = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'))
    if (JSON.stringify(packed).includes(sourceCondition))
      fail(`${dir}: the packed package.json names ${sourceCondition}`)
    if ('publishConfig' in packed) fail(`${dir}: the packed package.json still has publishConfig`)
    if (JSON.stringify(packed).includes('workspace:')) fail(`${dir}: the packed package.json has a workspace: range`)
    const named = [
      ...targets(packed.exports),
      packed.main,
      packed.types,
      ...(Array.isArray(packed.sideEffects) ? packed.sideEffects : []),
    ].filter((path) => typeof path === 'string')
    for (const path of named) if (!existsSync(join(pkg, path))) fail(`${dir}: package.json names ${path}, not shipped`)
    for (const file of ['README.md', 'LICENSE']) if (!existsSync(join(pkg, file))) fail(`${dir}: ${file} not shipped`)
    for (const field of ['repository', 'homepage', 'bugs', 'engines']) {
      if (!(field in packed)) fail(`${dir}: no ${field} in package.json`)
    }

    const files = filesUnder(join(pkg, 'dist'))
    const shown = (file) => relative(pkg, file)
    const failuresBefore = failures
    let maps = 0
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      if (file.endsWith('.d.ts') && /^\s*(['"])use \w+\1/.test(text))
        fail(`${dir}: ${shown(file)} starts with a directive`)
      if (file.endsWith('.map')) {
        maps += 1
        for (const source of JSON.parse(text).sources) {
          if (!existsSync(resolve(dirname(file), source)))
            fail(`${dir}: ${shown(file)} points to ${source}, not shipped`)
        }
      } else if (!existsSync(`${file}.map`) && !onlyForwards(text)) {
        // A file that only imports and re-exports holds no code of its own to map back.
        fail(`${dir}: ${shown(file)} has no map`)
      }
    }
    if (maps === 0) fail(`${dir}: no source maps shipped`)
    else if (failures === failuresBefore)
      console.log(
        `[package] ${dir}: ${maps} maps, each pointing to shipped sources; no declaration starts with a directive`,
      )

    if (dir === 'packages/react') {
      const client = files.filter((file) => file.endsWith('.js') && !file.endsWith('vitest.js'))
      const wrong = client.filter((file) => {
        const text = readFileSync(file, 'utf8')
        return !/^["']use client["'];?\n/.test(text) || text.match(/^\s*["']use client["'];?$/gm).length !== 1
      })
      if (client.length === 0 || wrong.length > 0) {
        fail(`not exactly one 'use client', at the top, in: ${wrong.map(shown).join(', ') || '(no built files)'}`)
      } else {
        console.log(
          `[package] exactly one 'use client' heads each of the ${client.length} client files of @intilery/react`,
        )
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
process.exit(failures > 0 ? 1 : 0)

/** True when a built file holds nothing but import and export-from statements (and comments). */
function onlyForwards(text) {
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/^\s*#!.*$/m, '')
  return code
    .split(';')
    .map((statement) => statement.trim())
    .every(
      (statement) =>
        statement === '' || /^(import|export)\b[\s\S]*\bfrom\s*["'][^"']+["']$|^export\s*\{[^}]*\}$/.test(statement),
    )
}
