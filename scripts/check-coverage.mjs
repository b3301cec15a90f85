// `pnpm check:coverage` (after `pnpm build`): runs the built `intilery-plan coverage --strict` on
// examples/vite and examples/nextjs, with @intilery/react and @intilery/core read from the
// workspace's sources (no packing), and checks that
//   - each example leaves out exactly the events expected below, and no name is unresolved;
//   - --strict therefore exits 1, and says why;
//   - docs/plan.md prints exactly the command's output for each.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

const root = new URL('..', import.meta.url).pathname
const bin = join(root, 'packages/core/dist/cli/plan.js')
const spec = [
  'Account Created',
  'Account Deleted',
  'Signed Up',
  'Signed In',
  'Signed Out',
  'Invite Sent',
  'Account Added User',
  'Account Removed User',
  'Trial Started',
  'Trial Ended',
]
/** What each example sends: the rest of the spec it leaves out, and the check expects exactly that. */
const examples = {
  vite: ['Signed In', 'Signed Out', 'Invite Sent'],
  nextjs: ['Signed Out', 'Invite Sent'],
}

if (!existsSync(bin)) {
  console.error('[coverage] packages/core/dist/cli/plan.js is missing: run pnpm build first')
  process.exit(2)
}

/** `paths` for every entry of our packages, to its source (the `@intilery/source` condition). */
function workspacePaths() {
  const paths = {}
  for (const dir of ['packages/core', 'packages/react']) {
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'))
    for (const [entry, target] of Object.entries(manifest.exports)) {
      const source = typeof target === 'object' ? target['@intilery/source'] : undefined
      if (source) paths[join(manifest.name, entry)] = [join(root, dir, source)]
    }
  }
  return paths
}

const docs = readFileSync(join(root, 'docs/plan.md'), 'utf8')
let failures = 0
const fail = (message) => {
  failures += 1
  console.error(`[coverage] ${message}`)
}

await Promise.all(
  Object.entries(examples).map(async ([name, sends]) => {
    const example = join(root, 'examples', name)
    const tsconfig = join(root, '.tmp/coverage', name, 'tsconfig.json')
    mkdirSync(join(tsconfig, '..'), { recursive: true })
    const config = { extends: join(example, 'tsconfig.json'), compilerOptions: { paths: workspacePaths() } }
    writeFileSync(tsconfig, `${JSON.stringify(config, null, 2)}\n`)

    const started = Date.now()
    const run = await promisify(execFile)(process.execPath, [bin, 'coverage', '--strict', '-p', tsconfig], {
      cwd: example,
    }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    )
    const seconds = ((Date.now() - started) / 1000).toFixed(1)

    const leftOut = spec.filter((event) => !sends.includes(event))
    const neverSent = [...run.stdout.matchAll(/^(\S.*?) {2,}never sent$/gm)].map((match) => match[1])
    const summary = `${sends.length} of 10 events sent, ${leftOut.length} never sent, 0 names unresolved`
    const message = `[intilery] coverage --strict: ${leftOut.length} events never sent, 0 names unresolved\n`
    if (run.code !== 1 || run.stderr !== message) {
      fail(
        `examples/${name}: --strict exited ${run.code} with ${JSON.stringify(run.stderr)}, not 1 with ${JSON.stringify(message)}`,
      )
    }
    if (JSON.stringify(neverSent) !== JSON.stringify(leftOut) || !run.stdout.endsWith(`\n${summary}\n`)) {
      fail(`examples/${name}: expected to leave out exactly ${leftOut.join(', ')}; the command printed:\n${run.stdout}`)
    }
    const block = new RegExp(`<!-- coverage: examples/${name} -->\\n\\n?\`\`\`text\\n([^]*?)\`\`\`\\n`).exec(docs)
    if (!block)
      fail(`docs/plan.md has no output for examples/${name} (<!-- coverage: examples/${name} --> and a text block)`)
    else if (block[1] !== run.stdout) {
      fail(`docs/plan.md's output for examples/${name} is not the command's; it prints:\n${run.stdout}`)
    }
    if (failures === 0)
      console.log(`[coverage] examples/${name}: leaves out ${leftOut.length} events, as expected (${seconds} s)`)
  }),
)
process.exit(failures === 0 ? 0 : 1)
