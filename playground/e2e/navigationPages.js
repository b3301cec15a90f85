// @ts-check
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { min } from '@segment/snippet'

const root = fileURLToPath(new URL('..', import.meta.url))

/**
 * The official analytics.js snippet (`@segment/snippet` 5.2.1, minified, without its own `page()`)
 * for `writeKey`, loading the tag from the local CDN at `cdn` (an origin): its script address and
 * `analytics._cdn` (where the tag takes its settings and lazy chunks from) name that host. The
 * snippet writes `https://` before it; the local CDN speaks http, so that is the one change.
 */
export function officialSnippet(/** @type {string} */ writeKey, /** @type {string} */ cdn) {
  const { host } = new URL(cdn)
  return min({ apiKey: writeKey, host, useHostForBundles: true, page: false }).replaceAll('https://', 'http://')
}

/**
 * A Vite plugin for the browser tests: serves `navigation.html` at `/nav/<screen>` (any screen,
 * so that a redirect lands on a page of the same origin with a path of its own), with the official
 * snippet in `<head>` when the query says `setup=snippet` (and `writeKey=`, `cdn=`), and after
 * `serve=<ms>` when given: how long a real server takes to answer, during which the page that
 * navigated is still running.
 * @returns {import('vite').Plugin}
 */
export function navigationPages() {
  return {
    name: 'intilery-navigation-pages',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const url = new URL(request.url ?? '/', 'http://site')
        if (!url.pathname.startsWith('/nav/')) return next()
        const query = url.searchParams
        const snippet =
          query.get('setup') === 'snippet'
            ? `<script>${officialSnippet(query.get('writeKey') ?? 'navigation', query.get('cdn') ?? '')}</script>`
            : ''
        const serve = Number(query.get('serve') ?? 0)
        readFile(join(root, 'navigation.html'), 'utf8')
          .then((html) =>
            server.transformIndexHtml(
              url.pathname,
              html.replace('<!-- tag -->', () => snippet),
            ),
          )
          .then(async (html) => {
            if (serve > 0) await new Promise((resolve) => setTimeout(resolve, serve))
            response.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' })
            response.end(html)
          })
          .catch(next)
      })
    },
  }
}
