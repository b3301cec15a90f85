// Checks that every public export of the packages has TSDoc with an @example, from TypeDoc's own
// reading of the entry points (typedoc.json; re-exports count as documented where they are
// declared), then regenerates the API reference in docs/api and fails if it differs from the
// committed one: a change to the public API shows up in review as a diff of docs/api.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = mkdtempSync(join(tmpdir(), 'intilery-docs-'))
try {
  const json = join(dir, 'api.json')
  execFileSync('npx', ['typedoc', '--json', json, '--out', join(dir, 'site')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const project = JSON.parse(readFileSync(json, 'utf8'))
  const REFERENCE = 4194304
  const commentOf = (reflection) =>
    reflection.comment ?? reflection.signatures?.[0]?.comment ?? reflection.type?.declaration?.signatures?.[0]?.comment
  const missing = []
  let checked = 0
  for (const module of project.children ?? []) {
    for (const reflection of module.children ?? []) {
      if (reflection.kind === REFERENCE) continue
      checked += 1
      const hasExample = (commentOf(reflection)?.blockTags ?? []).some((tag) => tag.tag === '@example')
      if (!hasExample) missing.push(`${module.name}: ${reflection.name}`)
    }
  }
  if (missing.length > 0) {
    console.error(`[docs] ${missing.length} public exports have no @example:\n  ${missing.join('\n  ')}`)
    process.exit(1)
  }
  console.log(`[docs] ${checked} public exports, each with TSDoc and an @example`)

  execFileSync('npx', ['typedoc'], { stdio: ['ignore', 'ignore', 'inherit'] })
  const changed = execFileSync('git', ['status', '--porcelain', '--', 'docs/api'], { encoding: 'utf8' }).trim()
  if (changed !== '') {
    console.error(`[docs] docs/api differs from the public API; run \`pnpm docs\` and commit it:\n${changed}`)
    process.exit(1)
  }
  console.log('[docs] docs/api matches the public API')
} finally {
  rmSync(dir, { recursive: true, force: true })
}
