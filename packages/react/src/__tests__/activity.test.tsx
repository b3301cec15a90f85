// Page views per show (issue 20): a screen kept alive by React 19.2's <Activity> sends a page view
// each time it is shown again, under StrictMode too. React 18 has no <Activity>: the run against the
// oldest peers (scripts/test-oldest) leaves this file out, and the types below are read through a
// cast so that the file also compiles against React 18's types.
import { createRecordingTag } from '@intilery/core/testing'
import { act, render } from '@testing-library/react'
import * as React from 'react'
import { type ComponentType, type ReactNode, StrictMode, useState } from 'react'
import { describe, expect, it } from 'vitest'
import { usePageView } from '../index'
import { IntileryTestProvider } from '../testing'

const { Activity } = React as unknown as {
  Activity: ComponentType<{ mode: 'visible' | 'hidden'; children: ReactNode }>
}

describe('page views per show', () => {
  it('under StrictMode, each show of a screen kept alive by <Activity> is one page view', async () => {
    const tag = createRecordingTag()
    function Screen({ name }: { name: string }) {
      usePageView(name)
      return null
    }
    let show: (screen: string) => void = () => undefined
    function App(): ReactNode {
      const [current, setCurrent] = useState('Team')
      show = setCurrent
      return (
        <IntileryTestProvider tag={tag}>
          <Activity mode={current === 'Team' ? 'visible' : 'hidden'}>
            <Screen name="Team" />
          </Activity>
          <Activity mode={current === 'Billing' ? 'visible' : 'hidden'}>
            <Screen name="Billing" />
          </Activity>
        </IntileryTestProvider>
      )
    }
    render(
      <StrictMode>
        <App />
      </StrictMode>,
    )
    // Each navigation is a task of its own, as a click is.
    for (const screen of ['Billing', 'Team', 'Billing']) await act(async () => show(screen))
    expect(tag.messages.filter((m) => m.type === 'page').map((m) => m.name)).toEqual([
      'Team',
      'Billing',
      'Team',
      'Billing',
    ])
  })
})
