import type { ReceivedCall } from '../collector/collector'

export type { ReceivedCall }

/** Where the collector is and whether it is up, as the dev server reports it. */
export interface CollectorStatus {
  readonly url: string
  readonly up: boolean
}

/** Asks the dev server for the collector's address and state. */
export async function collectorStatus(): Promise<CollectorStatus> {
  return (await fetch('/__collector')).json() as Promise<CollectorStatus>
}

/** Takes the collector down (it refuses connections) or brings it back up. */
export async function setCollectorUp(up: boolean): Promise<CollectorStatus> {
  return (
    await fetch(up ? '/__collector/up' : '/__collector/down', { method: 'POST' })
  ).json() as Promise<CollectorStatus>
}

/** Everything the collector received, oldest first. Rejects while it is down. */
export async function fetchReceived(collectorUrl: string): Promise<ReceivedCall[]> {
  return (await fetch(`${collectorUrl}/events`)).json() as Promise<ReceivedCall[]>
}

/** Makes the collector forget what it received. */
export async function clearReceived(collectorUrl: string): Promise<void> {
  await fetch(`${collectorUrl}/events`, { method: 'DELETE' })
}
