'use client'
import type { EventRecord } from '@intilery/core'
import { type CSSProperties, type ReactNode, useId, useState, useSyncExternalStore } from 'react'
import type { EventLog } from './eventLog'

/**
 * Props of `IntileryDevtools`. All are optional.
 *
 * @example
 * ```tsx
 * const props: IntileryDevtoolsProps = { initialIsOpen: true, limit: 50, position: 'bottom-left' }
 * ```
 */
export interface IntileryDevtoolsProps {
  /** Open the panel at mount. Default `false`: only the toggle button shows. */
  initialIsOpen?: boolean | undefined
  /** The most events kept, newest first; older ones are forgotten. Default 100. Read once, at mount. */
  limit?: number | undefined
  /** The corner the toggle and the panel sit in. Default `'bottom-right'`. */
  position?: 'bottom-right' | 'bottom-left' | undefined
}

/** What each delivery state reads as in the panel. */
const stateLabel: Readonly<Record<EventRecord['state'], string>> = {
  queued: 'queued',
  handed: 'handed over',
  acknowledged: 'acknowledged',
  timeout: 'timed out',
  failed: 'failed',
  dropped: 'dropped (queue full)',
  discarded: 'discarded (no consent)',
  rejected: 'rejected (invalid)',
}

const stateColor: Readonly<Record<EventRecord['state'], string>> = {
  queued: '#8a6d00',
  handed: '#1f5fbf',
  acknowledged: '#1a7f37',
  timeout: '#b35900',
  failed: '#c62828',
  dropped: '#c62828',
  discarded: '#666',
  rejected: '#c62828',
}

const styles = {
  root: { position: 'fixed', bottom: 12, zIndex: 99999, font: '12px/1.4 system-ui, sans-serif', color: '#111' },
  toggle: { padding: '6px 10px', borderRadius: 6, border: '1px solid #888', background: '#fff', cursor: 'pointer' },
  panel: {
    marginTop: 6,
    width: 'min(900px, calc(100vw - 24px))',
    maxHeight: '50vh',
    overflow: 'auto',
    background: '#fff',
    border: '1px solid #888',
    borderRadius: 6,
    boxShadow: '0 4px 16px rgba(0,0,0,.2)',
  },
  table: { width: '100%', borderCollapse: 'collapse' },
  caption: { textAlign: 'left', padding: 8, fontWeight: 600 },
  cell: { borderTop: '1px solid #ddd', padding: '4px 8px', textAlign: 'left', verticalAlign: 'top' },
  pre: { margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', font: '11px/1.4 ui-monospace, monospace' },
} satisfies Record<string, CSSProperties>

/** What a value the plan marks as personal data shows as: its key stays, its value does not. */
const MASKED = '[personal data]'

/**
 * The properties as JSON text; rendered as a text node, so markup in a value stays text. The values
 * of `personal` keys (marked as personal data) are masked, as errors never show a value.
 */
function propertiesText(properties: Readonly<Record<string, unknown>>, personal: readonly string[] = []): string {
  try {
    const masked = personal.some((key) => Object.hasOwn(properties, key))
      ? Object.fromEntries(
          Object.entries(properties).map(([key, value]) => [key, personal.includes(key) ? MASKED : value]),
        )
      : properties
    return JSON.stringify(masked, null, 2) ?? '{}'
  } catch {
    return '(not serialisable)'
  }
}

/** What the first column shows: an event's name; for the other calls, what they are and name. */
function callText(record: EventRecord): string {
  switch (record.type) {
    case 'track':
      return record.event
    case 'page':
      return record.event === '' ? 'page view' : `page view: ${record.event}`
    case 'identify':
      return `identify ${record.userId ?? ''}`
    case 'group':
      return `group ${record.groupId ?? ''}`
    case 'reset':
      return 'reset'
  }
}

function validationText(record: EventRecord): string {
  if (record.validation !== 'invalid') return record.validation
  return `invalid: ${record.issues.map((issue) => `${issue.path} (${issue.message})`).join(', ')}`
}

/**
 * The devtools panel itself, showing what `log` holds. Loaded lazily by `IntileryDevtools`, which
 * fills the log from the tracker while this loads; import that instead.
 */
export function IntileryDevtoolsPanel({
  log,
  initialIsOpen = false,
  position = 'bottom-right',
}: IntileryDevtoolsProps & { readonly log: EventLog }): ReactNode {
  const [open, setOpen] = useState(initialIsOpen)
  const records = useSyncExternalStore(log.subscribe, log.getSnapshot, log.getSnapshot)
  const panelId = useId()

  const side = position === 'bottom-left' ? { left: 12 } : { right: 12 }
  return (
    <div data-intilery-devtools="" style={{ ...styles.root, ...side }}>
      <button
        type="button"
        style={styles.toggle}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {open ? 'Close Intilery devtools' : `Open Intilery devtools (${records.length})`}
      </button>
      {open && (
        <section id={panelId} aria-label="Intilery events" style={styles.panel}>
          <CallsTable records={records} onClear={log.clear} />
        </section>
      )}
    </div>
  )
}

const headings = ['Call', 'Properties or traits', 'Account', 'Validation', 'Delivery', 'Time']

/** The calls, newest first, one row each, under a caption with the button that clears them. */
function CallsTable({ records, onClear }: { records: readonly EventRecord[]; onClear: () => void }): ReactNode {
  return (
    <table style={styles.table}>
      <caption style={styles.caption}>
        Intilery calls (events, page views, identify, group, reset), newest first{' '}
        <button type="button" style={styles.toggle} onClick={onClear}>
          Clear events
        </button>
      </caption>
      <thead>
        <tr>
          {headings.map((heading) => (
            <th key={heading} scope="col" style={styles.cell}>
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {records.length === 0 && (
          <tr>
            <td colSpan={headings.length} style={styles.cell}>
              No event yet.
            </td>
          </tr>
        )}
        {records.map((record) => (
          <CallRow key={record.id} record={record} />
        ))}
      </tbody>
    </table>
  )
}

/** One call: what it is, its properties as text, its account, validation, delivery and time. */
function CallRow({ record }: { record: EventRecord }): ReactNode {
  return (
    <tr>
      <th scope="row" style={styles.cell} data-type={record.type}>
        {callText(record)}
      </th>
      <td style={styles.cell}>
        <pre style={styles.pre}>{propertiesText(record.properties, record.personal)}</pre>
      </td>
      <td style={styles.cell}>{record.groupId ?? '—'}</td>
      <td style={styles.cell}>{validationText(record)}</td>
      <td style={{ ...styles.cell, color: stateColor[record.state] }}>{stateLabel[record.state]}</td>
      <td style={styles.cell}>
        <time dateTime={new Date(record.time).toISOString()}>{new Date(record.time).toLocaleTimeString()}</time>
      </td>
    </tr>
  )
}
