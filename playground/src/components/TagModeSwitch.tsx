import { setCollectorUp } from '../collectorApi'
import type { TagMode } from '../tag'
import { RadioSwitch } from './RadioSwitch'

const modes: { mode: TagMode; label: string; explain: string }[] = [
  {
    mode: 'normal',
    label: 'Normal',
    explain: 'The real tag posts each event to the collector; the event log shows what arrived.',
  },
  {
    mode: 'blocked',
    label: 'Blocked',
    explain:
      'As with an ad blocker, the tag’s code never loads: the app holds a tag that never becomes ready and nothing reaches the network. Forms keep working: events settle as "queued" after 1 s (readyTimeout), logout after 1 s (logoutTimeout).',
  },
  {
    mode: 'down',
    label: 'Collector down',
    explain:
      'The collector refuses connections. The tag still takes each event (the mutation says "acknowledged") and retries with backoff: switch back to Normal and watch the retries arrive.',
  },
]

/**
 * Switches what happens to the tag. Blocked reloads the page (an ad blocker acts when the page
 * loads); Collector down stops the collector itself, without a reload.
 */
export function TagModeSwitch({ mode, onChange }: { mode: TagMode; onChange: (mode: TagMode) => void }) {
  const choose = async (next: TagMode): Promise<void> => {
    const reload = (next === 'blocked') !== (mode === 'blocked')
    if (!reload) onChange(next)
    await setCollectorUp(next !== 'down')
    if (reload) {
      const url = new URL(window.location.href)
      if (next === 'blocked') url.searchParams.set('tag', 'blocked')
      else url.searchParams.delete('tag')
      window.location.assign(url)
    }
  }
  return (
    <RadioSwitch
      legend="Tag"
      name="tag-mode"
      values={modes.map((option) => option.mode)}
      value={mode}
      onChange={(next) => void choose(next)}
      label={(value) => modes.find((option) => option.mode === value)?.label}
      explain={modes.find((option) => option.mode === mode)?.explain}
    />
  )
}
