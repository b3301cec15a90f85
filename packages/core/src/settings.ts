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

/** The values a setting of choices takes; a timeout takes a finite number of milliseconds, 0 or more. */
const choices: Partial<Record<keyof Settings, readonly string[]>> = {
  validation: ['throw', 'report', 'off'],
  consent: ['granted', 'pending', 'denied'],
  eventNaming: ['spec', 'object-action'],
}

/**
 * Reads settings as given (by a provider's props, say), keeping each valid one and replacing each
 * invalid one by its default, with a clear error to `report` — and to the console outside
 * production, where no `onError` may be listening. Never throws: a bad prop must not unmount an app.
 */
export function readSettings(
  raw: { readonly [K in keyof Settings]?: unknown },
  report: (error: IntileryError) => void,
): Settings {
  const settings: Record<string, unknown> = {
    validation: isProduction() ? 'report' : 'throw',
    deliveryTimeout: 300,
    readyTimeout: 1000,
    logoutTimeout: 1000,
    consent: 'granted',
    eventNaming: 'spec',
  }
  for (const name of Object.keys(settings) as (keyof Settings)[]) {
    const value = raw[name]
    const allowed = choices[name]
    if (value === undefined) continue
    if (allowed ? allowed.includes(value as string) : typeof value === 'number' && value >= 0 && value < Infinity) {
      settings[name] = value
    } else {
      // A consent that cannot be read is no consent: calls wait, nothing is sent, until a valid one.
      if (name === 'consent') settings[name] = 'pending'
      invalid(
        `${name} must be ${allowed ? `one of ${allowed.join(', ')}` : 'a finite number of milliseconds, 0 or more'}; using ${String(settings[name])}`,
        report,
      )
    }
  }
  return settings as unknown as Settings
}

/** The queue limit: a whole number of at least 1 (default 1000), read once, at creation. */
export function readQueueLimit(raw: unknown, report: (error: IntileryError) => void): number {
  if (raw === undefined || (Number.isInteger(raw) && (raw as number) >= 1)) return (raw as number | undefined) ?? 1000
  invalid('queueLimit must be a whole number of at least 1; using 1000', report)
  return 1000
}

/** Says what is wrong with a setting: to `report`, and to the console outside production. */
export function invalid(message: string, report: (error: IntileryError) => void): void {
  const error = new IntileryError(message)
  if (!isProduction()) console.error(error.message)
  report(error)
}
