import { IntileryProvider, type AnalyticsTag } from '@intilery/react'
import { IntileryDevtools } from '@intilery/react/devtools'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { HashRouter, Link, useLocation } from 'react-router'
import { ConsentSwitch, consents } from './components/ConsentSwitch'
import { NamingSwitch, namings } from './components/NamingSwitch'
import { PageViews } from './components/PageViews'
import { PersonalDataSwitch, personalDataModes } from './components/PersonalDataSwitch'
import { StoryFrame } from './components/StoryFrame'
import { TagModeSwitch } from './components/TagModeSwitch'
import { useSearchParam } from './components/useSearchParam'
import { accountTraits, SessionContext, useSessionState } from './session'
import { stories } from './stories'
import type { TagMode } from './tag'

// The app's own client, as most apps have one: analytics never shows in it.
const queryClient = new QueryClient()

export function App({
  tag,
  initialMode,
  collectorUrl,
}: {
  tag: AnalyticsTag
  initialMode: TagMode
  collectorUrl: string
}) {
  return (
    <HashRouter>
      <Playground tag={tag} initialMode={initialMode} collectorUrl={collectorUrl} />
    </HashRouter>
  )
}

function Playground({
  tag,
  initialMode,
  collectorUrl,
}: {
  tag: AnalyticsTag
  initialMode: TagMode
  collectorUrl: string
}) {
  const session = useSessionState()
  const [mode, setMode] = useState(initialMode)
  const [consent, setConsent] = useSearchParam('consent', consents, 'granted')
  const [naming, setNaming] = useSearchParam('naming', namings, 'spec')
  const [personalData, setPersonalData] = useSearchParam('personalData', personalDataModes, 'send')
  const { pathname } = useLocation()
  const current = stories.find((story) => pathname === `/${story.id}`) ?? stories[0]!

  return (
    <QueryClientProvider client={queryClient}>
      <SessionContext.Provider value={session}>
        {/* validation="throw" is the default outside production; said here so that the production
            build (`pnpm preview`) behaves as `pnpm dev` does: Bad input sends nothing in both. */}
        <IntileryProvider
          tag={tag}
          userId={session.userId}
          groupId={session.groupId}
          groupTraits={accountTraits(session.groupId)}
          consent={consent}
          eventNaming={naming}
          personalData={personalData}
          validation="throw"
        >
          <PageViews />
          <IntileryDevtools position="bottom-left" />
          <div className="layout">
            <nav aria-label="Stories">
              <p className="brand">intilery-react playground</p>
              <p className="muted" data-testid="session">
                userId <code>{session.userId ?? 'none'}</code> · groupId <code>{session.groupId}</code>
              </p>
              <TagModeSwitch mode={mode} onChange={setMode} />
              <ConsentSwitch consent={consent} onChange={setConsent} />
              <NamingSwitch naming={naming} onChange={setNaming} />
              <PersonalDataSwitch mode={personalData} onChange={setPersonalData} />
              <ul>
                {stories.map((story) => (
                  <li key={story.id}>
                    <Link to={`/${story.id}`} aria-current={story === current ? 'page' : undefined}>
                      {story.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <StoryFrame story={current} collectorUrl={collectorUrl} />
          </div>
        </IntileryProvider>
      </SessionContext.Provider>
    </QueryClientProvider>
  )
}
