import type { AnalyticsTag } from '@intilery/react'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { SnippetApp, type SnippetSettings } from './SnippetApp'

// The page of the snippet install path (`/snippet.html`), driven by the browser tests. The snippet
// (snippet.js) has run before this module: window.analytics is its stub until the tag's script loads.
//   ?tag=window   the provider finds window.analytics itself (no `tag` prop);
//   ?tag=prop     the provider gets tag={window.analytics}, read here, while it is still the stub;
//   ?user=, ?group=                  the signed-in user and the account (default u1, acct_1);
//   ?deliveryTimeout=, ?readyTimeout=, ?logoutTimeout=   the provider's bounds, in ms (default: the library's);
//   ?personalData=omit   the provider's personalData (default: the library's, send).
// Any other parameter is left to the page's address, as an invite link's ?email=…&token=… would be.
const params = new URLSearchParams(window.location.search)
const number = (name: string): number | undefined => (params.has(name) ? Number(params.get(name)) : undefined)
const stub = (window as { analytics?: AnalyticsTag }).analytics

const settings: SnippetSettings = {
  tag: params.get('tag') === 'prop' ? stub : undefined,
  userId: params.get('user') ?? 'u1',
  groupId: params.get('group') ?? 'acct_1',
  deliveryTimeout: number('deliveryTimeout'),
  readyTimeout: number('readyTimeout'),
  logoutTimeout: number('logoutTimeout'),
  personalData: params.get('personalData') === 'omit' ? 'omit' : undefined,
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SnippetApp settings={settings} />
  </StrictMode>,
)
