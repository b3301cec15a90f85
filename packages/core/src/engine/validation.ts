import { type Call, type Host, shownName } from '../call'
import { IntileryValidationError } from '../errors'
import type { CheckInput } from '../events/validate'
import type { Validator } from '../validator'
import { detect, redactIn, suspect } from '../events/detect'
import { personalKeysOf } from './personal'

/**
 * What an event's check decided: `true` sends it (valid; reported in `'report'` mode; unchecked when
 * validation is off or its code failed to load), `false` drops it (rejected, and it has settled:
 * any invalid event in `'throw'` mode, one JSON cannot carry in `'report'` mode too), `undefined`
 * keeps it waiting (`'throw'` mode, and the validation code has not loaded).
 */
export type Verdict = boolean | undefined

/**
 * Checks an event whose check is pending, or an identify's or a group's traits, with the validation
 * code if it has loaded. Before it has, a call waits for it in `'throw'` mode, and in any mode when
 * something in it may be personal data (`suspect`), so that the guard can redact it; the rest goes,
 * is checked once the code has loaded (`later`), and is then only reported. If the code cannot be
 * loaded, what looks like personal data is redacted by the delivery code's detectors.
 */
export function check(host: Host, call: Call, later: (call: Call) => void): Verdict {
  if (call.validation !== 'pending') return true
  const { validation } = host.settings()
  const validator = host.validator()
  if (validation === 'off' || validator === null) {
    if (validator === null && validation !== 'off') redactUnchecked(host, call)
    call.validation = 'unchecked'
    return true
  }
  if (validator === undefined) {
    // 'report' sends an event before the code has loaded, and the tag would lose what JSON cannot
    // carry without a word: that much is checked now (the path is not known without the code).
    if (call.payload && validation === 'report' && !call.handed && !sendable(call.payload.properties)) {
      const name = shownName(call.payload.event) || call.type
      const issue = {
        path: 'properties',
        message: 'cannot be sent as JSON (a BigInt, a cycle, or a toJSON or getter that throws)',
      }
      return reject(host, call, new IntileryValidationError(name, [issue]), true)
    }
    // 'throw' waits for the code; so does, in every mode, a call with something that may be personal
    // data (the guard redacts it, and few calls wait). The rest goes now, checked once it has loaded.
    if ((call.payload && validation === 'throw') || suspectIn(host, call)) return undefined
    later(call)
    return true
  }
  const payload = call.payload
  if (!payload) return checkTraits(host, call, validator)
  const checked = validator.checkCall({
    type: call.type as 'track' | 'page',
    event: call.name,
    properties: payload.properties,
    groupId: payload.context.groupId,
    events: host.events,
    afterLogout: call.afterLogout,
    label: payload.event || call.type,
    ...guarded(call, payload.properties, host),
  })
  if (checked.ok) {
    if (!call.handed) payload.properties = checked.properties
    call.validation = 'valid'
    return true
  }
  if (call.handed || (validation === 'report' && !checked.unsendable)) {
    // Sent as it is in 'report' mode, but for what looks like personal data, which is redacted; an
    // event checked after its handoff can only be reported.
    if (!call.handed && checked.redacted) payload.properties = checked.redacted
    call.validation = 'invalid'
    call.issues = checked.error.issues
    host.report(checked.error)
    return true
  }
  return reject(host, call, checked.error, validation === 'report')
}

/**
 * An identify's or a group's traits, checked for personal data (the identify's own personal
 * traits, `email` and the like, aside). They have no promise to reject, and the identity must
 * still reach the tag: in every mode what looks like personal data is redacted and `onError` is
 * told, naming the path (`traits.nickname`). Once handed, it can only be reported.
 */
function checkTraits(host: Host, call: Call, validator: Validator): true {
  const checked = validator.checkCall({
    type: call.type as 'identify' | 'group',
    event: undefined,
    properties: call.traits,
    groupId: undefined,
    label: call.type,
    ...guarded(call, call.traits, host),
  })
  call.validation = checked.ok ? 'valid' : 'invalid'
  if (!checked.ok) {
    if (!call.handed && checked.redacted) call.traits = checked.redacted
    call.issues = checked.error.issues
    host.report(checked.error)
  }
  // Checked after its handoff: those who follow calls (devtools) hear the verdict.
  if (call.handed) host.notify(call, 'handed')
  return true
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

/** True when the call's properties or traits hold something the guard may take for personal data. */
function suspectIn(host: Host, call: Call): boolean {
  return (
    !call.handed &&
    suspect(call.payload ? call.payload.properties : call.traits, personalKeysOf(call, host.events, true))
  )
}

/**
 * A call that goes before its check could run (the validation code failed to load, the page is
 * going, a logout hands what waited): what looks like personal data is redacted with the delivery
 * code's own detectors (see `redactIn`); the check, if its code loads, then reports it.
 */
export function redactUnchecked(host: Host, call: Call): void {
  if (call.handed || host.settings().validation === 'off') return
  const personal = personalKeysOf(call, host.events, true)
  if (call.payload) call.payload.properties = redactIn(call.payload.properties, personal)
  else if (call.traits) call.traits = redactIn(call.traits, personal)
}

/**
 * What the guard needs of a call: the detectors and the keys that may hold personal data; none
 * when nothing in `values` is suspect, the rule, so that the guard's walk runs only when it may
 * find something (see `suspect`).
 */
function guarded(call: Call, values: unknown, host: Host): Pick<CheckInput, 'detect' | 'personal'> {
  const personal = personalKeysOf(call, host.events, true)
  return suspect(values, personal) ? { detect, personal } : {}
}
