// @ts-check
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { createServer } from 'vite'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Flags that keep Debian's chromium headless, quiet and off every outside host. */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Starts the playground's dev server (and with it the collector) on free ports of 127.0.0.1, and
 * Debian's chromium. Playwright gives the browser a fresh temporary profile (`--user-data-dir`) and
 * deletes it on close; each `browser.newContext()` is a new visitor with empty storage.
 * `close()` stops all of it.
 */
export async function startPlayground() {
  process.env.PLAYGROUND_PORT = '0'
  process.env.COLLECTOR_PORT = '0'
  const server = await createServer({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn' })
  await server.listen()
  const url = server.resolvedUrls?.local[0]
  if (url === undefined) throw new Error('the playground server has no local URL')
  const collectorUrl = /** @type {{ url: string }} */ (await (await fetch(`${url}__collector`)).json()).url

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs })

  return {
    url,
    collectorUrl,
    browser,
    async close() {
      await browser.close()
      await server.close()
    },
  }
}
