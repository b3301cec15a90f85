import type { Plugin } from 'vite'
import { type Collector, startCollector } from './collector.ts'

/**
 * Runs the collector inside the Vite dev server, so `pnpm dev` is one process that starts and stops
 * both. The page asks `GET /__collector` where the collector is, and switches it off and on with
 * `POST /__collector/down` and `POST /__collector/up` (a collector that is down refuses connections).
 */
export function collectorPlugin(port: number): Plugin {
  return {
    name: 'intilery-collector',
    apply: 'serve',
    async configureServer(server) {
      const collector = await startWithRetry(port)
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
    },
  }
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
