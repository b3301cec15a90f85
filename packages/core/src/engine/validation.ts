import { type Call, type Host, shownName } from '../call'
import { IntileryValidationError } from '../errors'

/**
 * What an event's check decided: `true` sends it (valid; reported in `'report'` mode; unchecked when
 * validation is off or its code failed to load), `false` drops it (rejected, and it has settled:
 * any invalid event in `'throw'` mode, one JSON cannot carry in `'report'` mode too), `undefined`
 * keeps it waiting (`'throw'` mode, and the validation code has not loaded).
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
    // 'report' sends it before the code has loaded, and the tag would lose what JSON cannot carry
    // without a word: that much is checked now (the path is not known without the code).
    if (!call.handed && !sendable(call.payload!.properties)) {
      const name = shownName(call.payload!.event) || call.type
      const issue = {
        path: 'properties',
        message: 'cannot be sent as JSON (a BigInt, a cycle, or a toJSON or getter that throws)',
      }
      return reject(host, call, new IntileryValidationError(name, [issue]), true)
    }
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
  if (call.handed || (validation === 'report' && !checked.unsendable)) {
    // Sent as it is in 'report' mode; an event checked after its handoff can only be reported.
    call.validation = 'invalid'
    call.issues = checked.error.issues
    host.report(checked.error)
    return true
  }
  return reject(host, call, checked.error, validation === 'report')
}

/** Settles an event its check stopped; in `'report'` mode `onError` hears of it too. */
function reject(host: Host, call: Call, error: IntileryValidationError, report: boolean): false {
  call.validation = 'invalid'
  call.issues = error.issues
  if (report) host.report(error)
  host.finish(call, error, 'rejected')
  return false
}

/** Whether JSON can carry the properties, as the tag will serialise them. */
function sendable(properties: unknown): boolean {
  try {
    JSON.stringify(properties)
    return true
  } catch {
    return false
  }
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
