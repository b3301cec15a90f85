// Handles the billing webhooks of a JSON file (default: webhooks.json) and sends their events
// through analytics-node to INTILERY_HOST, then flushes and exits: 0 if every event was sent, 1 if
// one was rejected or not delivered. Nothing is sent unless INTILERY_HOST is set.
import { readFile } from 'node:fs/promises'
import { IntileryValidationError } from '@intilery/core/events'
import { Analytics } from '@segment/analytics-node'
import { type BillingWebhook, handleBillingWebhook } from './billingWebhook.js'
import { createTrack } from './track.js'

const host = process.env.INTILERY_HOST
const writeKey = process.env.INTILERY_WRITE_KEY
if (!host || !writeKey) {
  console.error('[example] set INTILERY_HOST (e.g. http://127.0.0.1:8787) and INTILERY_WRITE_KEY')
  process.exit(2)
}

const analytics = new Analytics({
  writeKey,
  host,
  path: '/v1/batch',
  // A webhook handler sends a few events at a time: flush them within a second.
  flushAt: 20,
  flushInterval: 1000,
  maxRetries: 3,
  httpRequestTimeout: 5000,
})
analytics.on('error', (error) => {
  // The error's context holds the event: log its code only.
  console.error(`[example] an event was not delivered (${error.code})`)
  process.exitCode = 1
})
const track = createTrack(analytics)

const file = process.argv[2] ?? 'webhooks.json'
const webhooks = JSON.parse(await readFile(file, 'utf8')) as BillingWebhook[]
for (const webhook of webhooks) {
  try {
    handleBillingWebhook(webhook, track)
    console.log(`[example] ${webhook.type}: sent`)
  } catch (error) {
    if (!(error instanceof IntileryValidationError)) throw error
    // The message names the event and each failing path, never a value.
    console.error(`[example] ${webhook.type}: ${error.message}`)
    process.exitCode = 1
  }
}
await analytics.closeAndFlush({ timeout: 10_000 })
