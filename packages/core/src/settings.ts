import { isProduction } from './env'
import { IntileryError } from './errors'

/** The settings a tracker runs with, every one checked and filled in. */
export interface Settings {
  readonly validation: 'throw' | 'report' | 'off'
  readonly deliveryTimeout: number
  readonly readyTimeout: number
  readonly logoutTimeout: number
  readonly consent: 'granted' | 'pending' | 'denied'
  readonly eventNaming: 'spec' | 'object-action'
}

type Raw = { readonly [K in keyof Settings]?: unknown } & { readonly queueLimit?: unknown }

const choices = {
  validation: ['throw', 'report', 'off'],
  consent: ['granted', 'pending', 'denied'],
  eventNaming: ['spec', 'object-action'],
} as const

/** Timeouts must be numbers a timer can keep: finite, not negative. */
type Timeout = 'deliveryTimeout' | 'readyTimeout' | 'logoutTimeout'

/**
 * Reads settings as given (by a provider's props, say), keeping each valid one and replacing each
 * invalid one by its default, with a clear error to `report` — and to the console outside
 * production, where no `onError` may be listening. Never throws: a bad prop must not unmount an app.
 */
export function readSettings(raw: Raw, report: (error: IntileryError) => void): Settings {
  const problem = (name: string, rule: string, fallback: unknown): void => {
    const error = new IntileryError(`${name} must be ${rule}; using ${String(fallback)}`)
    if (!isProduction()) console.error(error.message)
    report(error)
  }
  const pick = <K extends keyof typeof choices>(name: K, fallback: (typeof choices)[K][number]) => {
    const value = raw[name]
    if (value === undefined) return fallback
    if ((choices[name] as readonly unknown[]).includes(value)) return value as (typeof choices)[K][number]
    problem(name, `one of ${choices[name].map((choice) => `'${choice}'`).join(', ')}`, `'${fallback}'`)
    return fallback
  }
  const number = (name: Timeout, fallback: number): number => {
    const value = raw[name]
    if (value === undefined) return fallback
    if (typeof value === 'number' && value >= 0 && value < Number.POSITIVE_INFINITY) return value
    problem(name, 'a finite number of milliseconds, 0 or more', fallback)
    return fallback
  }
  return {
    validation: pick('validation', isProduction() ? 'report' : 'throw'),
    deliveryTimeout: number('deliveryTimeout', 300),
    readyTimeout: number('readyTimeout', 1000),
    logoutTimeout: number('logoutTimeout', 1000),
    consent: pick('consent', 'granted'),
    eventNaming: pick('eventNaming', 'spec'),
  }
}

/** The queue limit: a whole number of at least 1 (default 1000), read once, at creation. */
export function readQueueLimit(raw: unknown, report: (error: IntileryError) => void): number {
  if (raw === undefined) return 1000
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1) return raw
  const error = new IntileryError('queueLimit must be a whole number of at least 1; using 1000')
  if (!isProduction()) console.error(error.message)
  report(error)
  return 1000
}
