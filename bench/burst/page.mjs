// The burst page (issue 5, item 4), bundled for the browser by burst.mjs: React, react-dom,
// react-query, zod and our sources, production build. Exposes `window.burst`, whose scenarios each
// fire `count` Invite Sent events in one synchronous loop (a bulk invite) into a recording tag.
import { createTracker } from '@intilery/core'
import { IntileryProvider, useInviteSent, useTrackBatch } from '@intilery/react'
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'

const groupId = 'acct_123'
/** Default settings, as an app gets them (validation 'report' in production): count what is reported. */
let reported = 0
const onError = () => {
  reported += 1
}

function inputs(count) {
  return Array.from({ length: count }, (_, i) => ({ invitee_email: `user${i}@example.com`, invitee_role: 'Member' }))
}

/** Records the invitee of each event, in the order handed over, and when the last one arrived. */
function recordingTag(count) {
  const acknowledged = Promise.resolve()
  const tag = {
    received: [],
    lastAt: undefined,
    track(event, properties, options) {
      tag.received.push(`${event}|${properties.invitee_email}|${options?.context?.groupId}`)
      if (tag.received.length === count) tag.lastAt = performance.now()
      return acknowledged
    },
    identify: () => acknowledged,
    group: () => acknowledged,
    page: () => acknowledged,
    reset: () => undefined,
    ready: (callback) => callback?.(),
  }
  return tag
}

function inOrder(tag, events) {
  if (tag.received.length !== events.length) return false
  return events.every((p, i) => tag.received[i] === `Invite Sent|${p.invitee_email}|${groupId}`)
}

const frame = () => new Promise((resolve) => setTimeout(resolve, 0))

async function until(check, ms = 5000) {
  const start = performance.now()
  while (!check()) {
    if (performance.now() - start > ms) return false
    await frame()
  }
  return true
}

/** Figures of one run: the loop alone, and from the loop's start until the last event was handed. */
function figures(start, loopEnd, tag, events) {
  return {
    loopMs: loopEnd - start,
    handedMs: tag.lastAt === undefined ? Number.NaN : tag.lastAt - start,
    handed: tag.received.length,
    inOrder: inOrder(tag, events) && reported === 0,
  }
}

async function raw(count) {
  const events = inputs(count)
  const tag = recordingTag(count)
  const start = performance.now()
  for (let i = 0; i < count; i += 1) tag.track('Invite Sent', events[i], { context: { groupId } })
  const loopEnd = performance.now()
  return figures(start, loopEnd, tag, events)
}

/** The first event, to a tracker whose code has loaded lazily, then forgotten: what is timed is a running app. */
async function warmUp(tag, send) {
  send()
  await until(() => tag.received.length > 0)
  tag.received.length = 0
  tag.lastAt = undefined
}

async function core(count) {
  const events = inputs(count)
  const tag = recordingTag(count)
  const tracker = createTracker({ tag, onError })
  await warmUp(tag, () => void tracker.track('Invite Sent', inputs(1)[0], { account: groupId }))
  const deliveries = new Array(count)
  const start = performance.now()
  for (let i = 0; i < count; i += 1) deliveries[i] = tracker.track('Invite Sent', events[i], { account: groupId })
  const loopEnd = performance.now()
  const settled = await Promise.allSettled(deliveries)
  const result = figures(start, loopEnd, tag, events)
  return {
    ...result,
    settledMs: performance.now() - start,
    failed: settled.filter((s) => s.status === 'rejected').length,
  }
}

/** Fires the burst through a hook: `fire(mutate, events)` is the app's loop. */
async function throughHook(count, useHook, fire) {
  const events = inputs(count)
  const tag = recordingTag(count)
  const container = document.body.appendChild(document.createElement('div'))
  const probe = { mutate: undefined, renders: 0 }
  function Probe() {
    probe.renders += 1
    probe.mutate = useHook().mutate
    return null
  }
  const root = createRoot(container)
  root.render(createElement(IntileryProvider, { tag, groupId, onError }, createElement(Probe)))
  await until(() => probe.mutate !== undefined)
  await frame() // mount settles (React may render once more after its first commit)
  await frame()
  await warmUp(tag, () => {
    const first = { event: 'Invite Sent', properties: inputs(1)[0] }
    probe.mutate(useHook === useTrackBatch ? [first] : { properties: first.properties })
  })
  await frame()
  await frame()
  const rendersBefore = probe.renders
  const { mutate } = probe
  const start = performance.now()
  fire(mutate, events)
  const loopEnd = performance.now()
  await until(() => tag.received.length >= count)
  const result = figures(start, loopEnd, tag, events)
  await frame()
  await frame()
  const extraRenders = probe.renders - rendersBefore
  root.unmount()
  container.remove()
  return { ...result, extraRenders }
}

/** One mutation per event: `mutate()` of an event hook in a loop. */
const hook = (count) =>
  throughHook(count, useInviteSent, (mutate, events) => {
    for (let i = 0; i < events.length; i += 1) mutate({ properties: events[i] })
  })

/** One mutation for the whole bulk invite: `useTrackBatch`. */
const batch = (count) =>
  throughHook(count, useTrackBatch, (mutate, events) => {
    const invites = new Array(events.length)
    for (let i = 0; i < events.length; i += 1) invites[i] = { event: 'Invite Sent', properties: events[i] }
    mutate(invites)
  })

window.burst = { raw, core, hook, batch }
