// `@intilery/core/events` runs anywhere: its bundle holds the catalogue, the checks and zod, and
// nothing of the browser side (the tracker, the tag, the session); and it runs in a plain Node
// process where no DOM global exists, without reading one.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import * as esbuild from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import examples from '../../../react/src/__tests__/fixtures/b2b-saas-examples.json'

const core = fileURLToPath(new URL('../..', import.meta.url))
const entry = join(core, 'src/events/index.ts')

/** The only source files of ours the entry may hold. */
const allowed = ['src/events/', 'src/errors.ts', 'src/defineEvents.ts']

let dir: string
let bundle: esbuild.Metafile
let file: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'intilery-events-'))
  file = join(dir, 'events.mjs')
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    // Neutral: no Node and no browser built-ins resolve; an import of either fails the build.
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['@intilery/source'],
    outfile: file,
    metafile: true,
    logLevel: 'silent',
  })
  bundle = result.metafile
}, 60_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the events entry’s bundle', () => {
  it('holds the catalogue and the checks, and none of the tracker, tag or session', () => {
    const ours = Object.keys(bundle.inputs)
      .filter((path) => !path.includes('node_modules'))
      .map((path) => relative(core, join(process.cwd(), path)))
    const strays = ours.filter((path) => !allowed.some((prefix) => path.startsWith(prefix)))
    expect(strays).toEqual([])
    expect(ours).toEqual(
      expect.arrayContaining(['src/events/index.ts', 'src/events/catalog.ts', 'src/events/validate.ts']),
    )
    for (const path of ours) expect(path).not.toMatch(/tracker|tag|handoff|browser|settings|deadlines|env/)
  })

  it('imports no package but zod, and nothing external', () => {
    const packages = new Set(
      Object.keys(bundle.inputs)
        .map((path) => /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1])
        .filter(Boolean),
    )
    expect([...packages]).toEqual(['zod'])
    const output = Object.values(bundle.outputs)[0]
    expect(output?.imports.filter((i) => i.external)).toEqual([])
  })
})

describe('the events entry in a plain Node process', () => {
  it('checks the spec’s ten examples and prints the plan, reading no DOM global', async () => {
    const probe = join(dir, 'probe.mjs')
    writeFileSync(
      probe,
      `const read = []
for (const name of ['window', 'document', 'localStorage', 'sessionStorage', 'location', 'XMLHttpRequest', 'HTMLElement']) {
  if (name in globalThis) read.push('defined:' + name)
  Object.defineProperty(globalThis, name, { configurable: true, get() { read.push(name); return undefined } })
}
const events = await import(${JSON.stringify(new URL(`file://${file}`).href)})
const examples = ${JSON.stringify(examples)}
const payloads = examples.map((e) => events.checkEvent({ event: e.event, properties: e.properties, userId: e.userId, groupId: e.context.groupId }))
const invalid = events.checkEvent({ event: 'Signed Up', properties: { email: 'pgibbons at initech' }, groupId: 'acct_123' })
const plan = events.trackingPlan()
console.log(JSON.stringify({ node: process.version, read, payloads, invalid: invalid.error.issues, plan: Object.keys(plan) }))
`,
    )
    const { stdout } = await promisify(execFile)(process.execPath, [probe], {
      env: { PATH: process.env.PATH ?? '' },
      timeout: 30_000,
    })
    const result = JSON.parse(stdout) as {
      node: string
      read: string[]
      payloads: unknown[]
      invalid: unknown
      plan: string[]
    }
    expect(result.read).toEqual([])
    expect(result.payloads).toEqual(examples.map((payload) => ({ ok: true, payload })))
    expect(result.invalid).toEqual([{ path: 'properties.email', message: 'invalid email' }])
    expect(result.plan).toEqual(examples.map((example) => example.event))
    expect(result.node).toMatch(/^v\d+\./)
  }, 60_000)
})
