import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runPlan, USAGE } from '../cli/runPlan'

const fixtures = fileURLToPath(new URL('./fixtures/plans', import.meta.url))
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

async function planOf(...args: string[]) {
  const run = await runPlan(args, fixtures)
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  return JSON.parse(run.stdout) as Record<string, { title: string; properties: { properties: unknown } }>
}

async function failureOf(...args: string[]) {
  const run = await runPlan(args, fixtures)
  expect(run.stdout).toBe('')
  expect(run.code).not.toBe(0)
  expect(run.stderr).toMatch(/^\[intilery\] /)
  return run
}

describe('intilery-plan', () => {
  it('prints the spec’s ten events as JSON Schema with no module', async () => {
    const plan = await planOf()
    expect(Object.keys(plan)).toEqual(spec)
    expect(plan['Signed In']?.title).toBe('Signed In')
  })

  it('adds the default export’s events', async () => {
    const plan = await planOf('./default.mjs')
    expect(Object.keys(plan)).toEqual([...spec, 'Invoice Paid'])
    expect(plan['Invoice Paid']?.properties.properties).toMatchObject({
      additionalProperties: false,
      required: ['amount_cents', 'currency'],
      properties: { currency: { enum: ['usd', 'eur'] } },
    })
  })

  it('finds a module’s only catalogue, or the one named after #', async () => {
    expect(Object.keys(await planOf('single.mjs'))).toEqual([...spec, 'Seats Changed'])
    expect(Object.keys(await planOf('./named.mjs#legacy'))).toEqual([...spec, 'Report Exported'])
    expect(Object.keys(await planOf(`${fixtures}/named.mjs#plan`))).toEqual([...spec, 'Seats Changed'])
    expect(Object.keys(await planOf('./commonjs.cjs#plan'))).toEqual([...spec, 'Seats Changed'])
  })

  it('asks which catalogue when there are several, and says when there is none', async () => {
    expect((await failureOf('./named.mjs')).stderr).toBe(
      '[intilery] ./named.mjs exports more than one catalogue: name one, e.g. ./named.mjs#plan (catalogues it exports: plan, legacy)\n',
    )
    expect((await failureOf('./named.mjs#settings')).stderr).toBe(
      '[intilery] ./named.mjs has no export settings holding a catalogue from defineEvents(...) (catalogues it exports: plan, legacy)\n',
    )
    expect((await failureOf('./none.mjs')).stderr).toBe(
      '[intilery] ./none.mjs exports no catalogue (an object of zod schemas, as defineEvents(...) returns)\n',
    )
  })

  it('says what went wrong with a missing module, one that throws, or one it cannot describe', async () => {
    expect((await failureOf('./missing.mjs')).stderr).toBe(
      `[intilery] cannot find the module ./missing.mjs (from ${fixtures})\n`,
    )
    expect((await failureOf('./throws.mjs')).stderr).toContain(
      'could not load the module ./throws.mjs: the app’s config is missing',
    )
    expect((await failureOf('./transform.mjs')).stderr).toBe(
      '[intilery] the tracking plan cannot describe what these send: "Name Changed" properties.name (transform)\n',
    )
  })

  it('prints its usage for --help, and refuses what it does not know', async () => {
    expect(await runPlan(['--help'], fixtures)).toEqual({ code: 0, stdout: USAGE, stderr: '' })
    const unknown = await failureOf('--out', 'plan.json')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown option --out')
    expect((await failureOf('./default.mjs', './single.mjs')).stderr).toContain('one module at most')
  })
})
