// Checks the public API's documentation, from TypeDoc's own reading of the entry points
// (typedoc.json; re-exports count as documented where they are declared):
// - every export has TSDoc, and every hook and component an @example in it. Other exports need no
//   @example: nothing compiles the examples in TSDoc (the Markdown's are, by check-snippets.mjs),
//   and for a type, a constant or an error class the prose says what it is;
// - docs/reference.md lists every export of each entry point under its heading, and no name that
//   is not one;
// - the API reference in docs/api, regenerated, matches the committed one: a change to the public
//   API shows up in review as a diff of docs/api.
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
  const VARIABLE = 32
  const FUNCTION = 64
  const commentOf = (reflection) =>
    reflection.comment ?? reflection.signatures?.[0]?.comment ?? reflection.type?.declaration?.signatures?.[0]?.comment
  // A hook is named use…; a component is a function (or a constant holding one) named in PascalCase.
  const isHookOrComponent = (reflection) =>
    (reflection.kind === FUNCTION || reflection.kind === VARIABLE) && /^(use[A-Z]|[A-Z][a-z])/.test(reflection.name)
  const undocumented = []
  const missing = []
  let documented = 0
  let examples = 0
  for (const module of project.children ?? []) {
    for (const reflection of module.children ?? []) {
      if (reflection.kind === REFERENCE) continue
      const comment = commentOf(reflection)
      documented += 1
      if (!(comment?.summary ?? []).some((part) => part.text.trim() !== '')) {
        undocumented.push(`${module.name}: ${reflection.name}`)
      }
      if (!isHookOrComponent(reflection)) continue
      examples += 1
      if (!(comment?.blockTags ?? []).some((tag) => tag.tag === '@example'))
        missing.push(`${module.name}: ${reflection.name}`)
    }
  }
  if (undocumented.length > 0 || missing.length > 0) {
    if (undocumented.length > 0) console.error(`[docs] public exports with no TSDoc:\n  ${undocumented.join('\n  ')}`)
    if (missing.length > 0) console.error(`[docs] hooks and components with no @example:\n  ${missing.join('\n  ')}`)
    process.exit(1)
  }
  console.log(
    `[docs] ${documented} public exports with TSDoc; the ${examples} hooks and components each with an @example`,
  )

  // docs/reference.md: one section per entry point, headed by its name in backticks, whose tables
  // name each export in their first column.
  const reference = readFileSync('docs/reference.md', 'utf8')
  const sections = new Map(
    reference
      .split(/^## /m)
      .slice(1)
      .map((section) => [/^`([^`]+)`/.exec(section)?.[1], section]),
  )
  const unlisted = []
  const stale = []
  let listed = 0
  for (const module of project.children ?? []) {
    const section = sections.get(module.name) ?? ''
    const names = new Set([...section.matchAll(/^\| \[?`([^`]+)`/gm)].map((match) => match[1]))
    const exported = new Set((module.children ?? []).map((reflection) => reflection.name))
    for (const name of exported) if (!names.has(name)) unlisted.push(`${module.name}: ${name}`)
    for (const name of names) if (!exported.has(name)) stale.push(`${module.name}: ${name}`)
    listed += exported.size
  }
  if (unlisted.length > 0 || stale.length > 0) {
    if (unlisted.length > 0) console.error(`[docs] docs/reference.md does not list:\n  ${unlisted.join('\n  ')}`)
    if (stale.length > 0) console.error(`[docs] docs/reference.md lists what is not exported:\n  ${stale.join('\n  ')}`)
    process.exit(1)
  }
  console.log(
    `[docs] docs/reference.md lists the ${listed} exports of the ${project.children?.length ?? 0} entry points`,
  )

  execFileSync('npx', ['typedoc'], { stdio: ['ignore', 'ignore', 'inherit'] })
  const changed = execFileSync('git', ['status', '--porcelain', '--', 'docs/api'], { encoding: 'utf8' }).trim()
  if (changed !== '') {
    console.error(`[docs] docs/api differs from the public API; run \`pnpm docs:api\` and commit it:\n${changed}`)
    process.exit(1)
  }
  console.log('[docs] docs/api matches the public API')
} finally {
  rmSync(dir, { recursive: true, force: true })
}
