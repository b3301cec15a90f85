import { useEffect, useState } from 'react'
import { fetchReceived, type ReceivedCall } from '../collectorApi'

/** What the collector received, polled a few times a second; `reachable` is false while it is down. */
export function useReceived(collectorUrl: string): { calls: readonly ReceivedCall[]; reachable: boolean } {
  const [state, setState] = useState<{ calls: readonly ReceivedCall[]; reachable: boolean }>({
    calls: [],
    reachable: true,
  })
  useEffect(() => {
    let stopped = false
    const poll = async (): Promise<void> => {
      try {
        const calls = await fetchReceived(collectorUrl)
        if (!stopped)
          setState((old) => (sameCalls(old.calls, calls) && old.reachable ? old : { calls, reachable: true }))
      } catch {
        if (!stopped) setState((old) => (old.reachable ? { ...old, reachable: false } : old))
      }
      if (!stopped) setTimeout(() => void poll(), 250)
    }
    void poll()
    return () => {
      stopped = true
    }
  }, [collectorUrl])
  return state
}

function sameCalls(a: readonly ReceivedCall[], b: readonly ReceivedCall[]): boolean {
  return a.length === b.length && a.at(-1)?.seq === b.at(-1)?.seq
}
