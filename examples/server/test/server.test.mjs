// Runs the example as a user would, against a local collector, and checks what arrived: the spec's
// payloads for Trial Ended and Account Deleted, the app's own Invoice Paid, and nothing of the two
// invalid webhooks, whose errors name paths and no value. Then the plan, from the installed bin.
//
// Works against the workspace's packages (file:../../packages/core) and from a packed tarball in a
// copy of this folder; a copy sets SPEC_EXAMPLES to the spec's examples (the repository's
// packages/react/src/__tests__/fixtures/b2b-saas-examples.json).
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { startCollector } from './collector.mjs'

const example = join(dirname(fileURLToPath(import.meta.url)), '..')
const examplesFile =
  process.env.SPEC_EXAMPLES ?? join(example, '../../packages/react/src/__tests__/fixtures/b2b-saas-examples.json')
if (!existsSync(examplesFile)) {
  throw new Error(
    `[example] the spec's examples are not at ${examplesFile}: set SPEC_EXAMPLES to b2b-saas-examples.json`,
  )
}
const spec = Object.fromEntries(
  JSON.parse(readFileSync(examplesFile, 'utf8')).map((payload) => [payload.event, payload]),
)

/** Runs a command in the example's folder; resolves with its exit code and output, whatever the code. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: example, env: { PATH: process.env.PATH, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

/** The fields the spec prints. */
function printed({ userId, type, event, properties, context }) {
  return { userId, type, event, properties, context: { groupId: context?.groupId } }
}

let collector
let sent
let events

before(async () => {
  collector = await startCollector()
  sent = await run(process.execPath, ['dist/main.js', 'webhooks.json'], {
    INTILERY_HOST: collector.url,
    INTILERY_WRITE_KEY: 'example-key',
  })
  events = collector.requests.flatMap((request) => JSON.parse(request.body).batch)
})

after(() => collector?.close())

test('the webhook handler sends Trial Ended, Account Deleted and Invoice Paid as the spec prints them', () => {
  assert.deepEqual(events.map(printed), [
    spec['Trial Ended'],
    spec['Account Deleted'],
    {
      userId: '019mr8mf4r',
      type: 'track',
      event: 'Invoice Paid',
      properties: { invoice_id: 'in_1001', amount_cents: 4900, currency: 'usd', plan_name: 'Business' },
      context: { groupId: 'acct_123' },
    },
  ])
  // Through analytics-node, to its batch path, with the write key.
  for (const event of events) assert.equal(event.context.library.name, '@segment/analytics-node')
  assert.ok(collector.requests.length > 0)
  for (const request of collector.requests) {
    assert.equal(`${request.method} ${request.url}`, 'POST /v1/batch')
    assert.equal(request.headers.authorization, `Basic ${Buffer.from('example-key:').toString('base64')}`)
  }
})

test('an invalid event is rejected with its paths and no value, and never sent', () => {
  assert.equal(sent.code, 1)
  assert.equal(
    sent.stderr,
    [
      '[example] trial.ended: [intilery] "Trial Ended" is invalid: properties.trial_end_date (expected an ISO-8601 date or date-time string, or a valid Date)',
      '[example] invoice.paid: [intilery] "Invoice Paid" is invalid: properties.currency (not one of the allowed values)',
      '',
    ].join('\n'),
  )
  for (const value of ['the twentieth of September', 'doubloons', '4pl0rhk2', 'acct_456', 'in_1002']) {
    assert.ok(!sent.stdout.includes(value) && !sent.stderr.includes(value), value)
    assert.ok(!collector.requests.some((request) => request.body.includes(value)), value)
  }
})

test('intilery-plan prints the spec’s events and the app’s own as JSON Schema', async () => {
  const printedPlan = await run(join(example, 'node_modules/.bin/intilery-plan'), ['./dist/plan.js#plan'])
  assert.equal(printedPlan.stderr, '')
  assert.equal(printedPlan.code, 0)
  const plan = JSON.parse(printedPlan.stdout)
  assert.deepEqual(Object.keys(plan), [...Object.keys(spec), 'Invoice Paid'])
  assert.deepEqual(plan['Invoice Paid'].properties.properties.required, [
    'invoice_id',
    'amount_cents',
    'currency',
    'plan_name',
  ])
  assert.equal(plan['Invoice Paid'].properties.properties.additionalProperties, false)
  assert.equal(plan['Trial Ended'].properties.properties.additionalProperties, true)
  assert.deepEqual(plan['Trial Ended'].required, ['type', 'event', 'properties', 'context'])
})

test('intilery-plan says how to load a TypeScript module', async () => {
  const fromSource = await run(join(example, 'node_modules/.bin/intilery-plan'), ['./src/plan.ts#plan'])
  if (fromSource.code === 0) {
    // A Node that loads TypeScript by itself (22.6 and later may) prints the plan.
    assert.ok(Object.keys(JSON.parse(fromSource.stdout)).includes('Invoice Paid'))
  } else {
    assert.match(fromSource.stderr, /Node cannot load the TypeScript module \.\/src\/plan\.ts by itself/)
    assert.match(fromSource.stderr, /NODE_OPTIONS="--import tsx"/)
  }
})
