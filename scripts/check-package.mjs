// The checks a careful user makes before depending on the packages, run on the built output:
// publint (strict) and arethetypeswrong on what would be published (ESM-only: CommonJS resolution
// is not claimed), and the 'use client' directive at the top of every client file of the React
// package, where React Server Components frameworks look for it.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const packages = ['packages/core', 'packages/react']
let failed = false

function run(label, cwd, command, args) {
  try {
    execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    console.log(`[package] ${label}: ok`)
  } catch (error) {
    failed = true
    console.error(`[package] ${label}: FAILED\n${error.stdout ?? ''}${error.stderr ?? ''}`)
  }
}

for (const dir of packages) {
  const cwd = join(root, dir)
  run(`publint --strict ${dir}`, cwd, 'npx', ['publint', '--strict'])
  run(`attw --pack ${dir}`, cwd, 'npx', ['attw', '--pack', '.', '--profile', 'esm-only'])
}

const dist = join(root, 'packages/react/dist')
const files = readdirSync(dist, { recursive: true }).filter((file) => String(file).endsWith('.js'))
const missing = files.filter(
  (file) =>
    !String(file).endsWith('vitest.js') &&
    !/^["']use client["'];?\n/.test(readFileSync(join(dist, String(file)), 'utf8')),
)
if (files.length === 0 || missing.length > 0) {
  failed = true
  console.error(
    `[package] 'use client' missing at the top of: ${missing.map((f) => relative(root, join(dist, String(f)))).join(', ') || '(no built files)'}`,
  )
} else {
  console.log(`[package] 'use client' heads all ${files.length - 1} client files of @intilery/react`)
}
process.exit(failed ? 1 : 0)
