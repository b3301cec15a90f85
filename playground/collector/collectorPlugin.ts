import type { Connect, Logger, Plugin } from 'vite'
import { type Collector, startCollector } from './collector.ts'

/**
 * The Content-Security-Policy `pnpm --filter playground preview` serves the built playground with:
 * scripts only from the page's own origin (no inline script, no eval), requests only to the page's
 * origin and the collector.
 */
export const contentSecurityPolicy = (collectorUrl: string): string =>
  `script-src 'self'; connect-src 'self' ${new URL(collectorUrl).origin}`

/**
 * Runs the collector inside Vite's server, so `pnpm dev` (and `preview`) is one process that starts
 * and stops both. The page asks `GET /__collector` where the collector is, and switches it off and on
 * with `POST /__collector/down` and `POST /__collector/up` (a collector that is down refuses
 * connections).
 *
 * The dev server sends no CSP: its React refresh preamble is an inline script, which
 * `script-src 'self'` forbids. The preview server (the production build) sends
 * {@link contentSecurityPolicy} with every response.
 */
export function collectorPlugin(port: number): Plugin {
  return {
    name: 'intilery-collector',
    apply: 'serve',
    async configureServer(server) {
      const collector = await startWithRetry(port)
      attach(server, collector)
    },
    async configurePreviewServer(server) {
      const collector = await startWithRetry(port)
      const policy = contentSecurityPolicy(collector.url)
      server.middlewares.use((_request, response, next) => {
        response.setHeader('content-security-policy', policy)
        next()
      })
      attach(server, collector)
    },
  }
}

interface AnyServer {
  readonly middlewares: Connect.Server
  readonly httpServer: { once(event: 'close', listener: () => void): unknown } | null
  readonly config: { readonly logger: Logger }
  printUrls(): void
}

function attach(server: AnyServer, collector: Collector): void {
  server.httpServer?.once('close', () => void collector.stop())
  const printUrls = server.printUrls.bind(server)
  server.printUrls = () => {
    printUrls()
    server.config.logger.info(`  ➜  Collector: ${collector.url}/events`)
  }

  server.middlewares.use('/__collector', (request, response) => {
    const action = request.method === 'POST' ? request.url : undefined
    const done = action === '/down' ? collector.stop() : action === '/up' ? collector.start() : Promise.resolve()
    done.then(
      () => {
        response.setHeader('content-type', 'application/json')
        response.end(JSON.stringify({ url: collector.url, up: collector.isUp }))
      },
      (error: unknown) => {
        response.statusCode = 500
        response.end(JSON.stringify({ error: String(error) }))
      },
    )
  })
}

/** When Vite restarts (its config changed), the new server starts before the old one has let go of the port. */
async function startWithRetry(port: number): Promise<Collector> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await startCollector(port)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw error
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
  }
}
