// Type-checks the documentation's code: every fenced `ts` and `tsx` block of README.md,
// CONTRIBUTING.md and docs/**/*.md (not the generated docs/api) is written as a module under
// .tmp/snippets and compiled with tsconfig.base.json's strict settings, the packages resolving from
// source through the `@intilery/source` condition, as the tests do. Also checks that the JSON
// examples of docs/spec/b2b-saas.md are the spec's payloads (the test fixture), in order, and that
// the relative links of those files lead to a file and, for an anchor, to a heading.
//
// - App-side names a snippet may use without declaring them (`root`, `App`, `api`, `navigate`…)
//   are declared once, in PREAMBLE below. Everything else a snippet imports.
// - A block whose first line names a file (`// app/layout.tsx`) is written at that path, so blocks
//   of one document can import one another (`./analytics`).
// - Registering events (`declare module '@intilery/react'`) or a global (`declare global`) holds
//   for a whole program: such a block is compiled in a program of its own, with the blocks of its
//   page that import its file.
// - The blocks of the documents in NODE_DOCUMENTS (docs/server.md) compile with Node's types.
// - A block opts out only with `<!-- snippet: skip: why -->` on the line before its fence; the
//   reason is required, and a marker with no `ts`/`tsx` block under it is an error.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import ts from 'typescript'

const root = new URL('..', import.meta.url).pathname
const out = join(root, '.tmp/snippets')
const started = Date.now()

/** The app's own names the examples lean on, declared once (a global script, checked too). */
const PREAMBLE = `// App-side names the documentation's examples use without declaring them.
interface User {
  id: string
  email: string
  username: string
  /** The account the user signs in to. */
  accountId: string
}
interface Account {
  id: string
  name: string
}
/** The React root: createRoot(document.getElementById('root')!). */
declare const root: import('react-dom/client').Root
/** The app's root component. */
declare function App(): import('react').ReactNode
/** The signed-in user and the current account, as the app keeps them. */
declare const user: User
declare const account: Account
/** The app's backend and router. */
declare const api: {
  signIn(form: { username: string; password: string }): Promise<User>
  createAccount(name: string): Promise<Account>
}
declare function navigate(path: string): void
/** The app's server-side session (Next.js recipe). */
declare function getSession(): Promise<{ userId: string; accountId: string } | undefined>
/** Next.js is not installed in this workspace: its Script component, with the props the recipe uses. */
declare module 'next/script' {
  export default function Script(props: {
    id?: string
    src?: string
    strategy?: 'beforeInteractive' | 'afterInteractive' | 'lazyOnload'
    children?: import('react').ReactNode
  }): import('react').ReactNode
}
`

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/
const SKIP = /^\s*<!--\s*snippet:\s*skip\b(.*?)-->\s*$/
const NAMED = /^\/\/\s*([\w@-][\w./@-]*\.tsx?)\b/
const GLOBAL = /\bdeclare\s+(?:global\b|module\s+['"])/

/** The Markdown files whose code is checked, relative to the root. */
function documents() {
  const docs = readdirSync(join(root, 'docs'), { recursive: true })
    .map((file) => join('docs', String(file)))
    .filter((file) => file.endsWith('.md') && !file.startsWith(join('docs', 'api') + sep))
  return ['README.md', 'CONTRIBUTING.md', ...docs.sort()]
}

/** The fenced blocks of a Markdown file, with the line their code starts on (1-based). */
function blocksOf(file, problems) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n')
  const blocks = []
  let skip
  for (let i = 0; i < lines.length; i++) {
    const marker = SKIP.exec(lines[i])
    if (marker) {
      const reason = marker[1].replace(/^\s*[:—-]\s*/, '').trim()
      if (reason === '') problems.push(`${file}:${i + 1}: a snippet: skip marker must say why`)
      skip = { line: i + 1 }
      continue
    }
    const fence = FENCE.exec(lines[i])
    if (!fence) {
      if (lines[i].trim() !== '' && skip) {
        problems.push(`${file}:${skip.line}: a snippet: skip marker must stand right before a ts or tsx block`)
        skip = undefined
      }
      continue
    }
    const [, indent, mark, lang] = fence
    const start = i + 1
    let end = start
    while (end < lines.length && !lines[end].trimStart().startsWith(mark)) end++
    const code = lines.slice(start, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
    if (lang === 'ts' || lang === 'tsx') blocks.push({ file, line: start + 1, lang, code: code.join('\n'), skip })
    else if (skip)
      problems.push(`${file}:${skip.line}: a snippet: skip marker must stand right before a ts or tsx block`)
    if (lang === 'json') blocks.push({ file, line: start + 1, lang, code: code.join('\n') })
    skip = undefined
    i = end
  }
  return blocks
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replaceAll(' ', '-')

/** The anchors of a Markdown file's headings (code blocks left out), repeats numbered as GitHub does. */
function anchorsOf(text) {
  const anchors = new Set()
  for (const line of text.replace(/^(\s*)(`{3,})[\s\S]*?^\1\2\s*$/gm, '').split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*$/.exec(line)
    if (!heading) continue
    const base = slug(heading[1])
    let anchor = base
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`
    anchors.add(anchor)
  }
  return anchors
}

/** Relative links must lead to a file of the repository, and an anchor to one of its headings. */
function checkLinks(file, problems) {
  const text = readFileSync(join(root, file), 'utf8').replace(/^(\s*)(`{3,})[\s\S]*?^\1\2\s*$/gm, '')
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target)) continue
    const [path, anchor] = target.split('#')
    const resolved = path === '' ? join(root, file) : join(root, dirname(file), decodeURIComponent(path))
    if (!existsSync(resolved)) {
      problems.push(`${file}: the link ${target} leads nowhere`)
    } else if (
      anchor !== undefined &&
      resolved.endsWith('.md') &&
      !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)
    ) {
      problems.push(`${file}: the link ${target} names no heading of ${relative(root, resolved)}`)
    }
  }
}

const problems = []
const blocks = documents().flatMap((file) => blocksOf(file, problems))
for (const file of documents()) checkLinks(file, problems)

// The spec's example payloads: exactly the fixture the tests send through the real tag.
const fixture = JSON.parse(
  readFileSync(join(root, 'packages/react/src/__tests__/fixtures/b2b-saas-examples.json'), 'utf8'),
)
const payloads = blocks.filter((block) => block.file === join('docs', 'spec', 'b2b-saas.md') && block.lang === 'json')
if (payloads.length !== fixture.length) {
  problems.push(`docs/spec/b2b-saas.md: ${payloads.length} JSON examples; the spec has ${fixture.length}`)
}
payloads.forEach((block, index) => {
  let parsed
  try {
    parsed = JSON.parse(block.code)
  } catch (error) {
    problems.push(`${block.file}:${block.line}: not JSON: ${error.message}`)
    return
  }
  if (JSON.stringify(parsed) !== JSON.stringify(fixture[index])) {
    problems.push(
      `${block.file}:${block.line}: differs from the spec's example ${index + 1} (${fixture[index]?.event})`,
    )
  }
})

// Write the snippets as modules, each document in a folder of its own.
rmSync(out, { recursive: true, force: true })
for (const name of ['core', 'react']) {
  mkdirSync(join(out, 'node_modules/@intilery'), { recursive: true })
  symlinkSync(join(root, 'packages', name), join(out, 'node_modules/@intilery', name), 'dir')
}
writeFileSync(join(out, 'preamble.ts'), PREAMBLE)
const snippets = blocks.filter((block) => block.lang !== 'json' && !block.skip)
const skipped = blocks.filter((block) => block.lang !== 'json' && block.skip).length
const sources = new Map() // written file → its block
for (const block of snippets) {
  const folder = join(out, block.file.replace(/\.md$/, '').replaceAll('/', '__'))
  // A named `.d.ts` is written as `.ts`: declaration files are not checked (skipLibCheck).
  const named = NAMED.exec(block.code)?.[1]?.replace(/\.d\.ts$/, '.ts')
  let path = join(folder, named ?? `line-${block.line}.${block.lang}`)
  if (sources.has(path)) path = path.replace(/(\.tsx?)$/, `.line-${block.line}$1`)
  mkdirSync(dirname(path), { recursive: true })
  // `export {}` keeps every block a module, so blocks never share top-level names.
  writeFileSync(path, `${block.code}\nexport {}\n`)
  sources.set(path, block)
}

// One program for the blocks that declare nothing global; one for each block that does (registering
// events holds for a whole program), with the blocks of its page that import its file.
const base = ts.parseJsonConfigFileContent(
  ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile).config,
  ts.sys,
  root,
)
const options = { ...base.options, noEmit: true, types: [], noImplicitReturns: true, exactOptionalPropertyTypes: true }
// The documents written for Node compile with Node's types (`process`, `node:http`); the others
// without, so that a browser example cannot lean on them.
const NODE_DOCUMENTS = new Set(['docs/server.md'])
const nodeOptions = { ...options, types: ['node'] }
const groups = new Map()
const globals = [...sources].filter(([, block]) => GLOBAL.test(block.code))
const importsFile = (code, from, file) => {
  const target = relative(dirname(from), file).replace(/\.tsx?$/, '')
  return new RegExp(`from\\s+['"]\\.?/?${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`).test(code)
}
for (const [path, block] of sources) {
  const owner = GLOBAL.test(block.code)
    ? [path, block]
    : globals.find(([file, other]) => other.file === block.file && importsFile(block.code, path, file))
  const key = `${NODE_DOCUMENTS.has(block.file) ? 'node' : 'browser'}:${owner === undefined ? '' : `${owner[1].file}:${owner[1].line}`}`
  groups.set(key, [...(groups.get(key) ?? []), path])
}
const host = ts.createCompilerHost(options)
const cache = new Map()
const getSourceFile = host.getSourceFile.bind(host)
host.getSourceFile = (fileName, language, onError, fresh) => {
  // Library and package files are parsed once for all programs; snippets are read each time.
  if (fileName.startsWith(out) && !fileName.includes('/node_modules/')) return getSourceFile(fileName, language)
  if (!cache.has(fileName) || fresh) cache.set(fileName, getSourceFile(fileName, language, onError))
  return cache.get(fileName)
}

let errors = 0
const where = (diagnostic) => {
  if (!diagnostic.file) return ''
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
  const block = sources.get(diagnostic.file.fileName)
  if (block) return `${block.file}:${block.line + line}:${character + 1}: `
  return `${relative(root, diagnostic.file.fileName)}:${line + 1}:${character + 1}: `
}
for (const [key, files] of groups) {
  const program = ts.createProgram(
    [join(out, 'preamble.ts'), ...files],
    key.startsWith('node:') ? nodeOptions : options,
    host,
  )
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[join(out, 'preamble.ts'), ...files].flatMap((file) => {
      const source = program.getSourceFile(file)
      return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
    }),
  ]
  for (const diagnostic of diagnostics) {
    errors += 1
    console.error(`${where(diagnostic)}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ')}`)
  }
}
for (const problem of problems) console.error(problem)

const seconds = ((Date.now() - started) / 1000).toFixed(1)
if (errors > 0 || problems.length > 0) {
  console.error(`[snippets] ${errors} type errors, ${problems.length} other problems (${seconds} s)`)
  process.exit(1)
}
console.log(
  `[snippets] ${snippets.length} ts/tsx blocks compile (${skipped} skipped with a reason) in ${groups.size} programs; ` +
    `${payloads.length} spec examples match the fixture (${seconds} s)`,
)
