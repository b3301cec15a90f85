import type { Call, Host } from '../call'

/**
 * What an event's check decided: `true` sends it (valid; reported in `'report'` mode; unchecked when
 * validation is off or its code failed to load), `false` drops it (`'throw'` rejected it, and it has
 * settled), `undefined` keeps it waiting (`'throw'` mode, and the validation code has not loaded).
 */
export type Verdict = boolean | undefined

/**
 * Checks an event whose check is pending, with the validation code if it has loaded. In `'report'`
 * mode nothing waits for that code: an event sent before it has loaded is checked once it has
 * (`later`), and only reported.
 */
export function check(host: Host, call: Call, later: (call: Call) => void): Verdict {
  if (call.validation !== 'pending') return true
  const { validation } = host.settings()
  const validator = host.validator()
  if (validation === 'off' || validator === null) {
    call.validation = 'unchecked'
    return true
  }
  if (validator === undefined) {
    if (validation === 'throw') return undefined
    later(call)
    return true
  }
  const payload = call.payload!
  const checked = validator.checkCall({
    type: call.type as 'track' | 'page',
    event: call.name,
    properties: payload.properties,
    groupId: payload.context.groupId,
    events: host.events,
    afterLogout: call.afterLogout,
    label: payload.event || call.type,
  })
  if (checked.ok) {
    if (!call.handed) payload.properties = checked.properties
    call.validation = 'valid'
    return true
  }
  call.validation = 'invalid'
  call.issues = checked.error.issues
  if (validation === 'report' || call.handed) {
    // Sent as it is in 'report' mode; an event checked after its handoff can only be reported.
    host.report(checked.error)
    return true
  }
  host.finish(call, checked.error, 'rejected')
  return false
}

/**
 * An event's properties as they are now, for one that waits: the app may change its object before
 * the handoff. A getter that throws leaves them as they are (the check says they cannot be read).
 */
export function freeze(call: Call): void {
  const payload = call.payload
  if (!payload) return
  try {
    payload.properties = { ...payload.properties }
  } catch {
    // See above.
  }
}
