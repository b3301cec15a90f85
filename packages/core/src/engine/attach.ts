import type { Call, Host, Outcome } from '../call'
import { IntileryError } from '../errors'
import { invalid, readQueueLimit, readSettings, type Settings } from '../settings'
import { isThenable } from '../tag'
import type { Attached, Front } from '../call'
import type { EventRecord, TrackerOptions } from '../types'
import type { Validator } from '../validator'
import { personalKeysOf } from './personal'
import { DeliveryPipeline } from './pipeline'

/**
 * The delivery code taking over a tracker's calls: it reads and checks the settings (and says what
 * is wrong with them), follows the validation code as it loads, tells subscribers of each call's
 * life, and runs the pipeline.
 */
export function attach(front: Front): Attached {
  return new Delivery(front)
}

class Delivery implements Attached {
  readonly #front: Front
  readonly #pipeline: DeliveryPipeline
  #raw: TrackerOptions
  #settings: Settings
  #privacy: ReturnType<Host['privacy']>
  #ids = 0
  /** The validation code: undefined while it loads (or while validation is off), null if it could not. */
  #validator: Validator | null | undefined
  #followed: unknown

  constructor(front: Front) {
    this.#front = front
    this.#raw = front.options
    this.#settings = readSettings({ ...front.options, consent: front.consent }, front.report)
    this.#privacy = readPrivacy(front.options, front.report)
    const host: Host = {
      clock: front.clock,
      getTag: front.getTag,
      settings: () => this.#settings,
      limit: readQueueLimit(front.options.queueLimit, front.report),
      validator: () => {
        if (this.#validator === undefined && front.validator !== undefined && !isThenable(front.validator)) {
          this.#validator = front.validator
        }
        return this.#validator
      },
      events: front.options.events,
      privacy: () => this.#privacy,
      report: front.report,
      notify: (call, state) => this.#notify(call, state),
      finish: (call, outcome, state) => this.#finish(call, outcome, state),
    }
    this.#pipeline = new DeliveryPipeline(host, front.consent)
    this.#follow()
  }

  push(call: Call): void {
    if (call.id === undefined && this.#front.listeners.size > 0) call.id = this.#ids++
    // Traits are checked for personal data, as events' properties are.
    if (call.traits !== undefined && this.#settings.validation !== 'off') call.validation = 'pending'
    this.#pipeline.push(call)
  }

  consent(consent: Settings['consent']): void {
    this.#settings = { ...this.#settings, consent }
    this.#pipeline.consent(consent)
  }

  configure(options: TrackerOptions): void {
    // Only what changed is read again (a provider forwards its props on every commit).
    const raw = this.#raw
    const keys = Object.keys({ ...raw, ...options }) as (keyof TrackerOptions)[]
    if (keys.some((key) => key !== 'onError' && key !== 'tag' && !Object.is(options[key], raw[key]))) {
      this.#settings = readSettings({ ...options, consent: this.#settings.consent }, this.#front.report)
      this.#privacy = readPrivacy(options, this.#front.report)
    }
    this.#raw = options
    this.#follow()
  }

  dispose(): void {
    this.#pipeline.dispose()
  }

  settings(): Settings {
    return this.#settings
  }

  /** The validation code loading beside this code, asked for now or later (validation turned on). */
  #follow(): void {
    const loading = this.#front.validator
    if (!isThenable(loading) || this.#followed === loading) return
    this.#followed = loading
    loading.then(
      (loaded) => {
        this.#validator = loaded
        this.#pipeline.flush()
      },
      (error: unknown) => {
        this.#validator = null
        const skipped = 'validation was skipped: its code could not be loaded; events are sent unchecked'
        this.#front.report(new IntileryError(skipped, undefined, { cause: error }))
        this.#pipeline.flush()
      },
    )
  }

  #finish(call: Call, outcome: Outcome, state?: EventRecord['state']): void {
    call.settle?.(outcome)
    this.#notify(call, state ?? (outcome instanceof IntileryError ? 'failed' : outcome))
  }

  #notify(call: Call, state: EventRecord['state']): void {
    if (call.id === undefined) return
    const { payload } = call
    const record: EventRecord = {
      id: call.id,
      type: call.type,
      event: payload?.event ?? '',
      properties: payload?.properties ?? (call.traits as Record<string, unknown> | undefined) ?? {},
      personal: [...personalKeysOf(call, this.#front.options.events)],
      userId: call.type === 'identify' ? call.target : undefined,
      groupId: payload ? payload.context.groupId : call.type === 'group' ? call.target : undefined,
      validation: call.validation ?? 'unchecked',
      issues: call.issues ?? [],
      state,
      time: this.#front.clock.now(),
    }
    for (const listener of this.#front.listeners) {
      try {
        listener(record)
      } catch {
        // A subscriber that throws must not break delivery.
      }
    }
  }
}

/**
 * `personalData` and `redactQueryParams` as given, checked: an unknown `personalData` counts as
 * `'omit'` (the safe side), with an error, as a wrong setting is.
 */
function readPrivacy(options: TrackerOptions, report: (error: IntileryError) => void): ReturnType<Host['privacy']> {
  const { personalData, redactQueryParams: params } = options
  if (personalData !== undefined && personalData !== 'send' && personalData !== 'omit') {
    invalid('personalData must be one of send, omit; using omit', report)
  }
  const names = Array.isArray(params) && params.every((name) => typeof name === 'string') ? params : undefined
  if (params !== undefined && names === undefined) invalid('redactQueryParams must be a list of names; ignored', report)
  return { omit: personalData !== undefined && personalData !== 'send', params: names }
}
