import { clearReceived } from '../collectorApi'
import { specView } from './specView'
import { useReceived } from './useReceived'

/** Every call the collector received, newest first, printed the way the spec prints its examples. */
export function EventLog({ collectorUrl }: { collectorUrl: string }) {
  const { calls, reachable } = useReceived(collectorUrl)
  return (
    <section className="event-log" aria-label="Event log">
      <header>
        <h2>Received by the collector ({calls.length})</h2>
        <button type="button" onClick={() => void clearReceived(collectorUrl)} disabled={!reachable}>
          Clear
        </button>
      </header>
      {!reachable && <p className="warning">The collector is down: it receives nothing until it is back.</p>}
      {calls.length === 0 && <p className="muted">Nothing yet. Submit a form.</p>}
      <ol reversed>
        {[...calls].reverse().map((call) => (
          <li key={call.seq} data-path={call.path}>
            <p className="muted">
              #{call.seq} POST {call.path} at {call.receivedAt.slice(11, 23)}
              {call.retry !== undefined && ` (retry ${call.retry})`} · anonymousId{' '}
              <code>{String((call.body as { anonymousId?: unknown }).anonymousId)}</code>
            </p>
            <pre>{JSON.stringify(specView(call.body), null, 2)}</pre>
            <details>
              <summary>Full payload</summary>
              <pre>{JSON.stringify(call.body, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ol>
    </section>
  )
}
