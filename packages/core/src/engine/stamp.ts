import type { Stamp } from '../call'

/**
 * Where and when a call is made, as an analytics.js tag reads them when called (the canonical URL
 * wins), in a browser; nothing elsewhere. A call that has to wait keeps this, so the tag does not
 * give it the page and time of its handoff.
 */
export function stamp(now: number): Stamp | undefined {
  const page = pageNow()
  return page && { timestamp: new Date(now), page }
}

/**
 * The page as an analytics.js tag reads it when called (the canonical URL wins), in a browser;
 * undefined elsewhere. Every call is handed the page it was made on (redacted: see redact.ts), so
 * the tag never reads it for itself.
 */
export function pageNow(): Stamp['page'] | undefined {
  if (typeof location === 'undefined' || typeof document === 'undefined') return undefined
  try {
    const { href, pathname, search } = location
    const canonical = document.querySelector("link[rel='canonical']")?.getAttribute('href')
    let path = pathname
    let url = href.split('#')[0]!
    if (canonical) {
      url = canonical.includes('?') ? canonical : canonical + search
      try {
        path = new URL(canonical).pathname
      } catch {
        path = canonical.startsWith('/') ? canonical : `/${canonical}`
      }
    }
    return { path, referrer: document.referrer, search, title: document.title, url }
  } catch {
    return undefined
  }
}
