// What the CPU benchmark drives. Bundled by cpu.bench.mjs with esbuild (our sources through the
// `@intilery/source` condition; react, react-dom, react-query, zod stay external and load from
// node_modules), so this file is plain JS over the packages' public API.
import { createTracker } from '@intilery/core'
import { IntileryProvider, useInviteSent } from '@intilery/react'
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'

/** One valid Invite Sent (the event a bulk invite fires), as an app would pass it. */
export const properties = {
  invitee_email: 'pgibbons@example.com',
  invitee_first_name: 'Peter',
  invitee_last_name: 'Gibbons',
  invitee_role: 'Owner',
}
export const groupId = 'acct_123'

/**
 * The cheapest tag that behaves like analytics.js: `track` keeps what it was given (so the engine
 * cannot drop the arguments a real tag reads), counts calls, so a run can prove every event was
 * handed over, and returns an already resolved promise, as the loaded tag does.
 */
export function createNoopTag() {
  const acknowledged = Promise.resolve()
  const tag = {
    handed: 0,
    last: undefined,
    track(event, properties, options) {
      tag.handed += 1
      tag.last = [event, properties, options]
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

/** The raw call an app could make itself: the baseline of every CPU figure. */
export function rawTrack(tag) {
  return tag.track('Invite Sent', properties, { context: { groupId } })
}

/**
 * Errors reported by the trackers and providers made here. With the default validation (`'report'`
 * in production, as here) an invalid event would still be handed over: this count proves none was.
 */
export const reported = { errors: 0 }
const onError = () => {
  reported.errors += 1
}

/**
 * Our core path with default settings, as an app gets it: validate, build, hand to a ready tag. The
 * tracker's code and the validation code load lazily; what is measured is a running app's path, once
 * both have loaded (one event is sent and settled first).
 */
export async function createCore(tag) {
  const tracker = createTracker({ tag, onError })
  await tracker.track('Invite Sent', properties, { account: groupId })
  tag.handed = 0
  return () => tracker.track('Invite Sent', properties, { account: groupId })
}

/**
 * Our React path: `useInviteSent()` rendered once under the provider (react-dom in jsdom). Resolves
 * with its `mutate` and a render counter once mounted.
 */
export async function mountHook(tag, container) {
  const probe = { mutate: undefined, renders: 0 }
  function Probe() {
    probe.renders += 1
    probe.mutate = useInviteSent().mutate
    return null
  }
  const root = createRoot(container)
  root.render(createElement(IntileryProvider, { tag, groupId, onError }, createElement(Probe)))
  for (let i = 0; i < 100 && probe.mutate === undefined; i += 1) await new Promise((r) => setTimeout(r, 5))
  if (probe.mutate === undefined) throw new Error('[bench] the hook did not mount')
  const fire = () => probe.mutate({ properties })
  // A running app's path: once the lazily loaded code is there (one event handed first).
  fire()
  for (let i = 0; i < 200 && tag.handed === 0; i += 1) await new Promise((r) => setTimeout(r, 5))
  if (tag.handed === 0) throw new Error('[bench] the first event was never handed over')
  tag.handed = 0
  return { fire, probe, unmount: () => root.unmount() }
}
