// @ts-check
import assert from 'node:assert/strict'

/** @typedef {import('../collector/collector.ts').ReceivedCall} ReceivedCall */
/** @typedef {any} Body JSON as the collector received it */

/** Reads and clears what the collector received, over HTTP, as the page does. */
export function collectorClient(/** @type {string} */ url) {
  /** @returns {Promise<ReceivedCall[]>} */
  const all = async () => (await fetch(`${url}/events`)).json()
  const trackBodies = async () =>
    (await all()).filter((call) => call.path === '/v1/t').map((call) => /** @type {Body} */ (call.body))

  return {
    all,
    async clear() {
      await fetch(`${url}/events`, { method: 'DELETE' })
    },
    /**
     * Waits for exactly `count` track calls (then 300 ms more, so a duplicate would show) and
     * returns their bodies, oldest first.
     */
    async tracks(count = 0, timeout = 5000) {
      const deadline = Date.now() + timeout
      let bodies = await trackBodies()
      while (bodies.length < count && Date.now() < deadline) {
        await sleep(50)
        bodies = await trackBodies()
      }
      await sleep(300)
      bodies = await trackBodies()
      assert.equal(
        bodies.length,
        count,
        `expected ${count} track calls, the collector received ${bodies.length}:\n${show(bodies.map(specFields))}`,
      )
      return bodies
    },
  }
}

/** The fields the spec's examples show, taken from a received body. */
export function specFields(/** @type {Body} */ body) {
  return {
    userId: body.userId,
    type: body.type,
    event: body.event,
    properties: body.properties,
    context: { groupId: body.context?.groupId },
  }
}

/** Asserts a received body carries exactly `expected`'s spec fields; on failure prints both. */
export function assertSpec(/** @type {Body} */ body, /** @type {Body} */ expected) {
  const received = specFields(body)
  assert.deepStrictEqual(
    received,
    expected,
    `the collector received:\n${show(received)}\nthe spec expects:\n${show(expected)}`,
  )
}

export const show = (/** @type {unknown} */ value) => JSON.stringify(value, null, 2)
export const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms))
