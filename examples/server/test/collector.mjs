// A stand-in for Intilery's collector: records every request on 127.0.0.1 and answers 200.
// It closes itself after a minute at the latest.
import { createServer } from 'node:http'

export async function startCollector() {
  const requests = []
  const server = createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      requests.push({ method: request.method, url: request.url, headers: request.headers, body })
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}')
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const close = () =>
    new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  setTimeout(close, 60_000).unref()
  const { port } = server.address()
  return { url: `http://127.0.0.1:${port}`, requests, close }
}
