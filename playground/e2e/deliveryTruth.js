// @ts-check
// Compares what the library reported of each event with what the real tag and the collector did.

/** @typedef {import('./tagProbe.js').TagProbe} TagProbe */
/** @typedef {import('./tagProbe.js').TagCall} TagCall */
/** @typedef {import('../src/snippet/outcomes.ts').Outcome} Outcome */
/** @typedef {any} Body JSON as the collector received it */

/**
 * One event a scenario sends, in the order it sends them: its probe and the attribution it must
 * reach the collector with (`null`: none).
 * @typedef {{ probe: string, userId: string | null, groupId: string | null }} Expected
 */

/**
 * How long after an event's own handoff the library waits for the tag's confirmation: the provider's
 * `deliveryTimeout` plus the 50 ms of grace core adds (`ACK_GRACE_MS`).
 * @type {(deliveryTimeout: number) => number}
 */
export const deadlineOf = (deliveryTimeout) => deliveryTimeout + 50
/** Timers never fire early; this covers the page clock's rounding between the tag's handoff and ours. */
const margin = 5

/** @type {(values: number[]) => { median: number, max: number } | undefined} */
function spread(values) {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  return { median: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), max: Math.round(sorted.at(-1) ?? 0) }
}

/** @type {(call: TagCall | undefined) => number | undefined} */
const confirmedAt = (call) =>
  call === undefined ? undefined : Math.min(call.callbackAt ?? Infinity, call.resolvedAt ?? Infinity)

/**
 * What the tag did with an event: `'confirmed'` within `deadline` of its handoff, `'late'`
 * (confirmed after it), or `'none'` (never confirmed, or never reached the real tag).
 * @type {(call: TagCall | undefined, deadline: number) => 'confirmed' | 'late' | 'none'}
 */
function tagVerdict(call, deadline) {
  const at = confirmedAt(call)
  if (call === undefined || at === undefined || at === Infinity) return 'none'
  return at - call.calledAt <= deadline - margin ? 'confirmed' : 'late'
}

/** @type {(status: string, verdict: 'confirmed' | 'late' | 'none') => boolean} */
const statusHolds = (status, verdict) =>
  status === 'acknowledged' ? verdict !== 'none' : status === 'timeout' ? verdict !== 'confirmed' : false

/**
 * Checks one scenario and describes it. Every event of `expected` must reach the collector exactly
 * once (by its probe), posted by the tag in the order they were sent, with the expected `userId` and
 * `context.groupId`; and every status the library reported must be true of what the tag did:
 * `acknowledged` only for an event the tag had confirmed by then, `timeout` only for one it did not
 * confirm within the deadline after its own handoff ({@link deadlineOf} `deliveryTimeout`), `queued`
 * only for one not handed to the tag within `readyTimeout` of its call. A logout that rejects claims
 * Signed Out's timeout. Calls left on the snippet's stub after the tag replaced it (`orphaned`) are
 * reported as such.
 * @param {{ expected: readonly Expected[], outcomes: readonly Outcome[], tag: Pick<TagProbe, 'calls' | 'posts'>, received: readonly Body[], orphaned: readonly { method: string, probe?: unknown }[], deliveryTimeout: number, readyTimeout: number }} seen
 * @returns {{ problems: string[], summary: string }}
 */
export function judge({ expected, outcomes, tag, received, orphaned, deliveryTimeout, readyTimeout }) {
  /** @type {string[]} */
  const problems = []
  const deadline = deadlineOf(deliveryTimeout)
  const wanted = new Map(expected.map((event) => [event.probe, event]))
  /** @type {Map<string, TagCall[]>} */
  const calls = new Map()
  for (const call of tag.calls) {
    if (typeof call.probe === 'string') calls.set(call.probe, [...(calls.get(call.probe) ?? []), call])
  }
  /** @type {Map<string, Body[]>} */
  const arrived = new Map()
  for (const body of received) {
    const probe = String(body.properties?.probe)
    arrived.set(probe, [...(arrived.get(probe) ?? []), body])
  }

  // Exactly once, and nothing else.
  const lost = expected.filter((event) => !arrived.has(event.probe)).map((event) => event.probe)
  const twice = [...arrived].filter(([, bodies]) => bodies.length > 1).map(([probe]) => probe)
  const stray = [...arrived.keys()].filter((probe) => !wanted.has(probe))
  const handedTwice = [...calls].filter(([, list]) => list.length > 1).map(([probe]) => probe)
  if (lost.length > 0) problems.push(`${lost.length} of ${expected.length} never reached the collector: ${few(lost)}`)
  if (twice.length > 0) problems.push(`${twice.length} reached the collector more than once: ${few(twice)}`)
  if (stray.length > 0) problems.push(`the collector got events no one sent here: ${few(stray)}`)
  if (handedTwice.length > 0)
    problems.push(`${handedTwice.length} were handed to the tag more than once: ${few(handedTwice)}`)
  if (orphaned.length > 0) {
    /** @type {Map<string, number>} */
    const methods = new Map()
    for (const { method } of orphaned) methods.set(method, (methods.get(method) ?? 0) + 1)
    const counts = [...methods].map(([method, count]) => `${count} ${method}`).join(', ')
    problems.push(
      `${orphaned.length} calls went onto the snippet's stub after the tag replaced it (${counts}): nothing reads them`,
    )
  }

  // In order on the wire: the order the tag posted them is the order they were sent.
  const posted = [...new Set(tag.posts.filter((post) => post.path === '/v1/t').map((post) => String(post.probe)))]
  const sentOrder = expected.map((event) => event.probe).filter((probe) => posted.includes(probe))
  const postedOrder = posted.filter((probe) => wanted.has(probe))
  const firstOff = sentOrder.findIndex((probe, i) => postedOrder[i] !== probe)
  if (firstOff !== -1) {
    problems.push(
      `posted out of order from #${firstOff}: sent ${few(sentOrder.slice(firstOff))}, posted ${few(postedOrder.slice(firstOff))}`,
    )
  }
  const postedIds = new Set(tag.posts.map((post) => post.messageId))
  const unposted = received.filter((body) => !postedIds.has(body.messageId)).map((body) => body.properties?.probe)
  if (unposted.length > 0) problems.push(`the collector got messages the page never posted: ${few(unposted)}`)

  // Attribution.
  for (const [probe, bodies] of arrived) {
    const event = wanted.get(probe)
    if (event === undefined) continue
    for (const body of bodies) {
      const got = { userId: body.userId ?? null, groupId: body.context?.groupId ?? null }
      if (got.userId !== event.userId || got.groupId !== event.groupId) {
        problems.push(
          `${probe} (${body.event}) arrived as ${JSON.stringify(got)}, expected ${JSON.stringify({ userId: event.userId, groupId: event.groupId })}`,
        )
      }
    }
  }

  // Every reported status true.
  /** @type {Record<string, number>} */
  const reported = {}
  const verdicts = { confirmed: 0, late: 0, none: 0 }
  /** @type {(probe: string, status: string, outcome: Outcome, said?: string) => void} */
  const check = (probe, status, outcome, said = `reported ${status}`) => {
    const call = calls.get(probe)?.[0]
    const verdict = tagVerdict(call, deadline)
    if (status === 'queued') {
      const handedIn = call === undefined ? Infinity : call.calledAt - outcome.startedAt
      if (handedIn < readyTimeout - margin) {
        problems.push(`${probe}: reported queued, but the tag had it ${Math.round(handedIn)} ms after the call`)
      }
    } else if (!statusHolds(status, verdict)) {
      const at = confirmedAt(call)
      const what =
        verdict === 'none'
          ? call === undefined
            ? 'the real tag never got it'
            : 'the tag never confirmed it'
          : `the tag confirmed it ${Math.round((at ?? 0) - (call?.calledAt ?? 0))} ms after its handoff`
      problems.push(`${probe}: ${said}, but ${what}`)
    } else if (status === 'acknowledged' && (confirmedAt(call) ?? 0) > (outcome.settledAt ?? 0) + margin) {
      problems.push(`${probe}: ${said} before the tag confirmed it`)
    }
  }
  for (const outcome of outcomes) {
    for (const probe of outcome.probes) verdicts[tagVerdict(calls.get(probe)?.[0], deadline)] += 1
    if (outcome.settledAt === undefined) {
      problems.push(`${outcome.hook} (${few([...outcome.probes])}) never settled`)
      continue
    }
    if (outcome.batch !== undefined) {
      judgeBatch(outcome, outcome.batch, calls, deadline, problems, check)
      for (const [status, count] of Object.entries(outcome.batch.counts))
        reported[status] = (reported[status] ?? 0) + count
      continue
    }
    const probe = outcome.probes[0] ?? ''
    const { status } = outcome
    const label = status ?? `error (${outcome.error?.name})`
    reported[label] = (reported[label] ?? 0) + 1
    if (status === undefined) {
      problems.push(`${probe} (${outcome.hook}) failed: ${outcome.error?.name}: ${outcome.error?.message}`)
    } else check(probe, status, outcome, undefined)
  }

  const ours = tag.calls.filter((call) => typeof call.probe === 'string' && wanted.has(call.probe))
  const confirm = spread(
    ours.map((call) => (confirmedAt(call) ?? Infinity) - call.calledAt).filter((ms) => Number.isFinite(ms)),
  )
  const resolve = spread(
    ours.flatMap((call) => (call.resolvedAt === undefined ? [] : [call.resolvedAt - call.calledAt])),
  )
  const tracks = tag.posts.filter((post) => post.path === '/v1/t' && wanted.has(String(post.probe)))
  const answer = spread(tracks.flatMap((post) => (post.answeredAt === undefined ? [] : [post.answeredAt - post.at])))
  const handoff = ours.length > 1 ? Math.round((ours.at(-1)?.calledAt ?? 0) - (ours[0]?.calledAt ?? 0)) : 0
  const summary = [
    `${expected.length} events, ${expected.length - lost.length} delivered`,
    `library reported ${Object.entries(reported)
      .map(([status, count]) => `${count} ${status}`)
      .join(', ')}`,
    `the real tag got ${ours.length}: ${verdicts.confirmed} confirmed within ${deadline} ms, ${verdicts.late} later, ${verdicts.none} never`,
    confirm ? `confirm latency median ${confirm.median} ms, max ${confirm.max} ms` : 'no confirmation',
    resolve ? `promise resolved median ${resolve.median} ms, max ${resolve.max} ms` : 'no promise resolved',
    `handed over in ${handoff} ms`,
    answer ? `the collector answered a post in median ${answer.median} ms, max ${answer.max} ms` : 'nothing posted',
  ].join('; ')
  return { problems, summary }
}

/**
 * A batch's statuses against the tag's: its counts (the bounded summary the result gives), and each
 * event's status, which the page reads from the tracker's records.
 * @param {Outcome} outcome
 * @param {NonNullable<Outcome['batch']>} batch
 * @param {Map<string, TagCall[]>} calls
 * @param {number} deadline
 * @param {string[]} problems
 * @param {(probe: string, status: string, outcome: Outcome) => void} check
 */
function judgeBatch(outcome, batch, calls, deadline, problems, check) {
  const truth = { confirmed: 0, late: 0, none: 0 }
  for (const probe of outcome.probes) truth[tagVerdict(calls.get(probe)?.[0], deadline)] += 1
  const { acknowledged = 0, timeout = 0 } = batch.counts
  const total = Object.values(batch.counts).reduce((sum, count) => sum + count, 0)
  if (total !== outcome.probes.length) {
    problems.push(`the batch reports ${total} events of ${outcome.probes.length}: ${JSON.stringify(batch.counts)}`)
  }
  if (acknowledged > truth.confirmed + truth.late || timeout > truth.late + truth.none) {
    problems.push(
      `the batch reports ${acknowledged} acknowledged and ${timeout} timeout, but the tag confirmed ${truth.confirmed} within ${deadline} ms, ${truth.late} later and ${truth.none} never`,
    )
  }
  for (const [probe, status] of Object.entries(batch.statuses)) check(probe, status, outcome)
}

/** @type {(items: readonly unknown[]) => string} */
const few = (items) => `${items.slice(0, 8).join(', ')}${items.length > 8 ? `… (${items.length})` : ''}`
