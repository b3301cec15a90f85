import type { AnalyticsTag } from '@intilery/react'
import { AnalyticsBrowser } from '@segment/analytics-next'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ActivityScreen, LandingScreen, type NavigationSettings, StartScreen } from './NavigationApp'

// The navigation pages, served by the browser tests at /nav/<screen> (e2e/navigationPages.js):
//   /nav/start     the page a scenario starts on: `#go` runs `window.navAction` (see NavAction);
//   /nav/app       where a redirect lands: the tag loads and sends what the last page left it;
//   /nav/activity  two screens kept alive with <Activity>.
// The query string:
//   ?setup=snippet  the official snippet in <head> loads the tag onto window.analytics, and the
//                   provider finds it there;
//   ?setup=npm      the page loads AnalyticsBrowser from @segment/analytics-next and gives it to the
//                   provider as `tag`;
//   ?writeKey=, ?collector=   the tag's write key, and the collector it posts to (npm; the snippet's
//                   settings come from the local CDN);
//   ?user=, ?group=           the provider's user and account (none by default).

interface Recorder {
  watch<T>(tag: T): T
}

const page = window as unknown as { navRecorder?: Recorder; navTag?: () => AnalyticsTag | undefined }
const params = new URLSearchParams(window.location.search)
const screen = window.location.pathname.replace(/^\/nav\//, '')
const writeKey = params.get('writeKey') ?? 'navigation'

function loadNpmTag(): AnalyticsTag {
  const { host } = new URL(params.get('collector') ?? 'http://127.0.0.1:8787')
  const tag = AnalyticsBrowser.load(
    { writeKey, cdnSettings: { integrations: { 'Segment.io': { apiKey: writeKey } }, metrics: { sampleRate: 0 } } },
    { integrations: { 'Segment.io': { apiHost: `${host}/v1`, protocol: 'http' } } },
  )
  return page.navRecorder ? page.navRecorder.watch(tag) : tag
}

const npmTag = params.get('setup') === 'npm' ? loadNpmTag() : undefined
const windowTag = () => (window as { analytics?: AnalyticsTag }).analytics
page.navTag = () => npmTag ?? windowTag()

const settings: NavigationSettings = {
  tag: npmTag,
  directTag: () => npmTag ?? windowTag(),
  userId: params.get('user') ?? undefined,
  groupId: params.get('group') ?? undefined,
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {screen === 'app' ? (
      <LandingScreen />
    ) : screen === 'activity' ? (
      <ActivityScreen settings={settings} />
    ) : (
      <StartScreen settings={settings} />
    )}
  </StrictMode>,
)
