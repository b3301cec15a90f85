// @ts-check
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { after, before } from 'node:test'
import { chromium } from 'playwright-core'
import { createServer, preview } from 'vite'
import { startCdn } from '../collector/cdn.js'
import { chromiumArgs, chromiumPath } from './chromium.js'
import { collectorClient } from './received.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const configFile = join(root, 'vite.config.ts')

/** A running playground server: its page, its own collector, and how to stop both. */
/** @typedef {{ url: string, collectorUrl: string, close(): Promise<void> }} Site */

/** Asks a playground server where its collector is. */
const collectorOf = async (/** @type {string} */ url) =>
  /** @type {{ url: string }} */ (await (await fetch(`${url}__collector`)).json()).url

/**
 * Starts the playground's dev server (and with it the collector) on free ports of 127.0.0.1, and
 * Debian's chromium. Playwright gives the browser a fresh temporary profile (`--user-data-dir`) and
 * deletes it on close; each `browser.newContext()` is a new visitor with empty storage.
 * `close()` stops all of it. `plugins` are added to the playground's own (pages a test serves), and
 * `launch` to the browser's options.
 * @param {{ plugins?: import('vite').PluginOption[], launch?: import('playwright-core').LaunchOptions }} [options]
 */
export async function startPlayground({ plugins = [], launch = {} } = {}) {
  process.env.PLAYGROUND_PORT = '0'
  process.env.COLLECTOR_PORT = '0'
  const server = await createServer({ root, configFile, logLevel: 'warn', plugins })
  await server.listen()
  const url = server.resolvedUrls?.local[0]
  if (url === undefined) throw new Error('the playground server has no local URL')
  const collectorUrl = await collectorOf(url)

  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, ...launch })

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

/**
 * What the real-tag suites run against: the playground (see `startPlayground`), the local CDN the
 * tag's script and settings come from, and a client of the collector the tag sends to. `close()`
 * stops all of it.
 * @param {{ plugins?: import('vite').PluginOption[], launch?: import('playwright-core').LaunchOptions }} [options]
 */
export async function startStack(options) {
  const playground = await startPlayground(options)
  const cdn = await startCdn({ collectorUrl: playground.collectorUrl })
  return {
    playground,
    cdn,
    collector: collectorClient(playground.collectorUrl),
    async close() {
      await cdn.close()
      await playground.close()
    },
  }
}

/**
 * `startStack` for the tests of one file: started before the first, stopped after the last. Its
 * fields are there once the file's `before` hooks have run, that is in every test.
 * @param {Parameters<typeof startStack>[0]} [options]
 * @returns {Awaited<ReturnType<typeof startStack>>}
 */
export function stackForFile(options) {
  const stack = /** @type {Awaited<ReturnType<typeof startStack>>} */ ({})
  before(async () => void Object.assign(stack, await startStack(options)))
  after(() => stack.close?.())
  return stack
}

/**
 * What `pnpm --filter playground preview` serves, on free ports: the production build (made by
 * `vite build` in its own process, so it is built for production as a user's `vite build` would be,
 * into a temporary folder) served with the strict Content-Security-Policy, and its own collector.
 * @returns {Promise<Site>}
 */
export async function startPreview() {
  const outDir = await mkdtemp(join(tmpdir(), 'playground-dist-'))
  // The dev server in this process has set NODE_ENV=development: a build inheriting it would be a
  // development build.
  const env = { ...process.env }
  delete env.NODE_ENV
  await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'],
    { cwd: root, env },
  )
  process.env.PLAYGROUND_PORT = '0'
  process.env.COLLECTOR_PORT = '0'
  const server = await preview({ root, configFile, logLevel: 'warn', build: { outDir } })
  const url = server.resolvedUrls?.local[0]
  if (url === undefined) throw new Error('the preview server has no local URL')
  return {
    url,
    collectorUrl: await collectorOf(url),
    async close() {
      await server.close()
      await rm(outDir, { recursive: true, force: true })
    },
  }
}
