// The consumer test: what a new user does with the packages, from the packed tarballs.
//
// Builds and packs @intilery/core and @intilery/react with pnpm, copies each app of `apps` below to a
// temporary folder, installs the tarballs there with npm (core through `overrides`, as a transitive
// dependency, the way the registry would give it), typechecks the app (strict, skipLibCheck: false),
// builds it for production, serves the build on 127.0.0.1 and, in Debian's chromium, clicks through
// it: every event it sends goes through the real tag to a collector on 127.0.0.1 and must equal the
// spec's example. It also records the gzip bytes of each build's initial JavaScript (the scripts its
// HTML loads) in a JSON file, for a size benchmark to compare with no-library twins, and fails when
// an app measured in this run outgrows its twin, measured in the same run, by more than `sizeBudgets`.
//
//   node scripts/consumer-test.mjs --only vite,vite-twin,jest,nextjs,nextjs-twin --next-bundlers turbopack
//                                                      # pnpm test:consumer, part of pnpm test
//   node scripts/consumer-test.mjs --only nextjs,nextjs-twin   # pnpm test:consumer:next: both bundlers
//   node scripts/consumer-test.mjs                     # every app
//   node scripts/consumer-test.mjs --sizes out.json    # where sizes go (default .tmp/consumer-sizes.json; merged)
//   node scripts/consumer-test.mjs --next-bundlers webpack  # which Next.js builds (default turbopack,webpack)
//   node scripts/consumer-test.mjs --no-build          # pack what packages/*/dist holds (pnpm test has just built it)
//
// Everything it starts listens on 127.0.0.1 and is stopped before it exits; its temporary folder is removed.
import { spawn } from 'node:child_process'
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, resolve } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../playground/e2e/chromium.js'
import { specFields } from '../playground/e2e/received.js'

/**
 * Size budgets (issue 13): the most gzip bytes of initial JS the library may add to a production
 * build over its no-library twin's, in KB of 1000 bytes. A pair is checked only when both builds
 * were measured in this run.
 */
const sizeBudgets = [
  { build: 'vite', twin: 'vite-twin', kb: 5 },
  { build: 'nextjs-turbopack', twin: 'nextjs-twin-turbopack', kb: 6 },
  { build: 'nextjs-webpack', twin: 'nextjs-twin-webpack', kb: 6 },
]

const root = new URL('..', import.meta.url).pathname
const specExamples = JSON.parse(
  await readFile(join(root, 'packages/react/src/__tests__/fixtures/b2b-saas-examples.json'), 'utf8'),
)

/** Strings only the devtools panel holds: none may reach a production page. */
const panelMarkers = ['data-intilery-devtools', 'Intilery events, newest first']

const args = process.argv.slice(2)
const option = (name) => {
  const index = args.indexOf(name)
  return index === -1 ? undefined : args[index + 1]
}
/** The Next.js bundlers to build with: both by default, `--next-bundlers turbopack` for one. */
const nextBundlers = option('--next-bundlers')?.split(',') ?? ['turbopack', 'webpack']

/**
 * What the Next.js app and its twin share: a build with each bundler (named `<name>-turbopack` and
 * `<name>-webpack`), the same clicks and events, and the App Router page-view recipe's first view.
 */
const nextApp = (name) => ({
  builds: nextBundlers.map((bundler) => ({
    name: `${name}-${bundler}`,
    build: ['npx', 'next', 'build', ...(bundler === 'webpack' ? ['--webpack'] : [])],
    env: (collector) => ({
      NEXT_PUBLIC_INTILERY_API_URL: `${collector}/v1`,
      NEXT_PUBLIC_INTILERY_WRITE_KEY: 'consumer-test',
    }),
    clean: ['.next'],
    serve: (dir) => serveNext(dir),
  })),
  clicks: ['Invite Peter', 'Log out'],
  events: ['Invite Sent', 'Signed Out'],
  page: '/',
})

/**
 * The apps. Each is copied from `dir`, installed and typechecked, then built by each of its `builds`
 * and served; `clicks` are the buttons pressed in order, `events` what the collector must then hold
 * (each the spec's example of that name). A twin for the size benchmark (the same app calling the
 * tag's `track` directly) is one more entry with its own `dir` and the same clicks and events.
 */
const apps = [
  {
    name: 'vite',
    dir: 'examples/vite',
    typecheck: [['npx', 'tsc', '-p', '.']],
    builds: [
      {
        name: 'vite',
        build: ['npx', 'vite', 'build', '--logLevel', 'warn'],
        env: (collector) => ({ VITE_INTILERY_API_URL: `${collector}/v1`, VITE_INTILERY_WRITE_KEY: 'consumer-test' }),
        serve: (dir) => serveStatic(join(dir, 'dist')),
      },
      {
        // The same app built for development: the devtools panel must be there.
        name: 'vite-development',
        development: true,
        build: ['npx', 'vite', 'build', '--logLevel', 'error', '--outDir', 'dist-development'],
        env: (collector) => ({
          NODE_ENV: 'development',
          VITE_INTILERY_API_URL: `${collector}/v1`,
          VITE_INTILERY_WRITE_KEY: 'consumer-test',
        }),
        serve: (dir) => serveStatic(join(dir, 'dist-development')),
      },
    ],
    clicks: ['Sign in as pgibbons', 'Invite Peter', 'Log out'],
    events: ['Signed In', 'Invite Sent', 'Signed Out'],
    // Its node_modules also serve the checks of module resolution and of devtools with no bundler.
    packageChecks: true,
  },
  {
    // The no-library twin of the Vite app, for the size benchmark: the same clicks, the same events.
    name: 'vite-twin',
    dir: 'bench/twins/vite',
    typecheck: [], // a measuring fixture, not for users: the click-through is its check
    builds: [
      {
        name: 'vite-twin',
        build: ['npx', 'vite', 'build', '--logLevel', 'warn'],
        env: (collector) => ({ VITE_INTILERY_API_URL: `${collector}/v1`, VITE_INTILERY_WRITE_KEY: 'consumer-test' }),
        serve: (dir) => serveStatic(join(dir, 'dist')),
      },
    ],
    clicks: ['Sign in as pgibbons', 'Invite Peter', 'Log out'],
    events: ['Signed In', 'Invite Sent', 'Signed Out'],
  },
  {
    name: 'nextjs',
    dir: 'examples/nextjs',
    typecheck: [
      ['npx', 'next', 'typegen'],
      ['npx', 'tsc', '-p', '.'],
    ],
    ...nextApp('nextjs'),
  },
  {
    // The no-library twin of the Next.js app, for the size benchmark: the same clicks, the same events.
    name: 'nextjs-twin',
    dir: 'bench/twins/nextjs',
    typecheck: [], // a measuring fixture, not for users: the click-through is its check
    ...nextApp('nextjs-twin'),
  },
  {
    name: 'jest',
    dir: 'examples/jest',
    typecheck: [['npx', 'tsc', '-p', '.']],
    tests: [['npx', 'jest', '--ci']],
    builds: [],
  },
]

const only = option('--only')?.split(',')
const sizesFile = resolve(root, option('--sizes') ?? '.tmp/consumer-sizes.json')
const selected = apps.filter((app) => only === undefined || only.includes(app.name))
if (selected.length === 0) throw new Error(`[consumer] no app named ${only?.join(', ')}`)

/** Child processes' environment: non-interactive, and no telemetry, audit, fund or update-notifier requests. */
const quiet = {
  NEXT_TELEMETRY_DISABLED: '1',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  CI: 'true',
}

const started = performance.now()
/** Runs `step`, printing and recording how long it took. */
async function timed(label, step) {
  const start = performance.now()
  try {
    return await step()
  } finally {
    console.log(`[consumer] ${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`)
  }
}

/** This process's environment less NODE_ENV: a build is for production unless it says otherwise. */
const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV'))

/** Runs a command to completion; its output is shown only when it fails. */
function run([command, ...commandArgs], { cwd, env = {} }) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, commandArgs, { cwd, env: { ...inherited, ...quiet, ...env }, stdio: 'pipe' })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolvePromise(output)
      else reject(new Error(`${command} ${commandArgs.join(' ')} failed (exit ${code}) in ${cwd}:\n${output}`))
    })
  })
}

/** Listens on a free port of 127.0.0.1 and answers with `handler`. */
function listen(handler) {
  return new Promise((resolvePromise, reject) => {
    const server = createServer(handler)
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      resolvePromise({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}

/** A stand-in for Intilery's collector: records every JSON body POSTed under /v1/ and answers CORS preflights. */
async function startCollector() {
  const received = []
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'content-type, authorization, x-retry-count',
  }
  const server = await listen(async (request, response) => {
    if (request.method === 'POST' && request.url?.startsWith('/v1/')) {
      let text = ''
      for await (const chunk of request) text += chunk
      try {
        received.push(JSON.parse(text))
      } catch {
        response.writeHead(400, cors).end()
        return
      }
    }
    response.writeHead(request.method === 'OPTIONS' ? 204 : 200, { ...cors, 'content-type': 'application/json' })
    response.end(request.method === 'OPTIONS' ? undefined : '{"success":true}')
  })
  return { ...server, received }
}

const contentTypes = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' }

/** Serves a folder of static files (a `vite build`), with index.html for `/`. */
async function serveStatic(dir) {
  return listen(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname
    const file = join(dir, path === '/' ? 'index.html' : path)
    if (!file.startsWith(dir)) return response.writeHead(403).end()
    try {
      const body = await readFile(file)
      response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' })
      response.end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
}

/** Finds a free port of 127.0.0.1 (for a server that must be told its port). */
async function freePort() {
  const server = await listen(() => {})
  await server.close()
  return Number(new URL(server.url).port)
}

/** `next start` on 127.0.0.1, in its own process group so that stopping it stops all it started. */
async function serveNext(dir) {
  const port = await freePort()
  const child = spawn('npx', ['next', 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: dir,
    env: { ...inherited, ...quiet },
    stdio: 'pipe',
    detached: true,
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const exited = new Promise((done) => child.on('exit', done))
  const url = `http://127.0.0.1:${port}`
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    process.kill(-child.pid, 'SIGTERM')
    await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))])
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL')
  }
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      if ((await fetch(url)).ok) return { url, close }
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await close()
      throw new Error(`[consumer] next start did not come up on ${url}:\n${output}`)
    }
    await new Promise((done) => setTimeout(done, 200))
  }
}

/** Waits until the collector holds a `track` of `event`, and returns it as the spec prints it. */
async function receivedEvent(collector, event) {
  const deadline = Date.now() + 10_000
  for (;;) {
    const body = collector.received.find((message) => message.type === 'track' && message.event === event)
    if (body !== undefined) return specFields(body)
    if (Date.now() > deadline) {
      const names = collector.received.map((message) => `${message.type} ${message.event ?? ''}`.trim())
      throw new Error(
        `[consumer] the collector received no "${event}" in 10 s; it has: ${names.join(', ') || 'nothing'}`,
      )
    }
    await new Promise((done) => setTimeout(done, 50))
  }
}

/** Waits for a page view of `path` by the signed-in user, in the account (the example's session). */
async function receivedPageView(collector, path) {
  const deadline = Date.now() + 10_000
  const isIt = (message) =>
    message.type === 'page' &&
    message.properties?.path === path &&
    message.userId === '019mr8mf4r' &&
    message.context?.groupId === 'acct_123'
  while (!collector.received.some(isIt)) {
    if (Date.now() > deadline) {
      const pages = collector.received.filter((message) => message.type === 'page')
      throw new Error(
        `[consumer] no page view of ${path} by the user in the account in 10 s; page views: ` +
          JSON.stringify(
            pages.map(({ userId, properties, context }) => ({
              userId,
              path: properties?.path,
              groupId: context?.groupId,
            })),
          ),
      )
    }
    await new Promise((done) => setTimeout(done, 50))
  }
}

/** The scripts a page's HTML loads (module and classic scripts, module/preloads; not `nomodule` ones), gzip level 9. */
async function initialJs(url) {
  const html = await (await fetch(url)).text()
  const sources = new Set()
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = /\ssrc="([^"]+)"/.exec(tag)?.[1]
    if (src !== undefined && !/\snomodule\b/i.test(tag)) sources.add(src)
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    const href = /\shref="([^"]+)"/.exec(tag)?.[1]
    const preload = /\srel="modulepreload"/.test(tag) || (/\srel="preload"/.test(tag) && /\sas="script"/.test(tag))
    if (href !== undefined && preload) sources.add(href)
  }
  const files = []
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer())
    files.push({ src, bytes: body.byteLength, gzip: gzipSync(body, { level: 9 }).byteLength })
  }
  const sum = (key) => files.reduce((total, file) => total + file[key], 0)
  return { bytes: sum('bytes'), gzip: sum('gzip'), files }
}

/**
 * Opens the served build in chromium, clicks through it and checks each event the collector got
 * against the spec, with no page error. A production build must show no devtools panel and load no
 * script holding the panel's code; a development build must show the panel (the control: the check
 * can tell the two apart).
 */
async function clickThrough(browser, site, collector, app, development) {
  collector.received.length = 0
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const errors = []
    const scripts = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') {
        scripts.push(
          response.text().then(
            (code) => ({ url: response.url(), code }),
            () => ({ url: response.url(), code: '' }),
          ),
        )
      }
    })
    await page.goto(site.url, { waitUntil: 'load' })
    for (const name of app.clicks) await page.getByRole('button', { name }).click()
    for (const event of app.events) {
      const got = await receivedEvent(collector, event)
      const want = specExamples.find((example) => example.event === event)
      if (!isDeepStrictEqual(got, want)) {
        throw new Error(
          `[consumer] ${event} differs from the spec:\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`,
        )
      }
    }
    if (app.page !== undefined) await receivedPageView(collector, app.page)
    if (errors.length > 0) throw new Error(`[consumer] page errors: ${errors.join('; ')}`)
    const panel = page.locator('[data-intilery-devtools]')
    if (development) {
      await panel.waitFor({ state: 'attached', timeout: 10_000 })
    } else if ((await panel.count()) > 0) {
      throw new Error('[consumer] the devtools panel is on a production page')
    }
    const loaded = await Promise.all(scripts)
    const leaked = panelMarkers.filter((marker) => loaded.some(({ code }) => code.includes(marker)))
    if (!development && leaked.length > 0) {
      throw new Error(`[consumer] a production page loaded the devtools panel (${leaked.join(', ')})`)
    }
    return loaded
  } finally {
    await context.close()
  }
}

/**
 * `@intilery/react/devtools` in a page with no bundler (an import map stands in for React, so no
 * `process` exists): importing it must not throw, and the devtools are off. With `process.env.NODE_ENV`
 * set to development the same file gives the lazy panel: the check can tell the two apart.
 */
async function devtoolsWithoutBundler(browser, packageDir) {
  const reactStub = [
    'export const createContext = () => ({}), useContext = () => null, createElement = () => null',
    'export const lazy = (load) => load, Suspense = {}, useEffect = () => {}, useState = (value) => [value]',
  ].join('\n')
  const page = (processScript) =>
    `<!doctype html><script type="importmap">{"imports":{"react":"/react.js"}}</script>${processScript}` +
    `<script type="module">import('/pkg/dist/devtools/index.js').then((m) => {` +
    `const devtools = m.IntileryDevtools; window.result = devtools.name === 'IntileryDevtools' ? 'panel' : devtools({}) === null ? 'off' : 'other'` +
    `}).catch((error) => { window.result = 'threw: ' + error })</script>`
  const pages = {
    '/': page(''),
    '/development': page(`<script>window.process = { env: { NODE_ENV: 'development' } }</script>`),
  }
  const site = await listen(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname
    if (path in pages) return response.writeHead(200, { 'content-type': 'text/html' }).end(pages[path])
    if (path === '/react.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(reactStub)
    const file = join(packageDir, path.replace(/^\/pkg\//, ''))
    if (!path.startsWith('/pkg/dist/') || !file.startsWith(packageDir)) return response.writeHead(404).end()
    try {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(file))
    } catch {
      response.writeHead(404).end()
    }
  })
  const context = await browser.newContext()
  try {
    const results = {}
    for (const path of Object.keys(pages)) {
      const tab = await context.newPage()
      await tab.goto(`${site.url}${path}`)
      await tab.waitForFunction(() => 'result' in window, undefined, { timeout: 5000 })
      results[path] = await tab.evaluate(() => window.result)
    }
    if (results['/'] !== 'off' || results['/development'] !== 'panel') {
      throw new Error(
        `[consumer] devtools without a bundler: ${JSON.stringify(results)} (want off, and panel in development)`,
      )
    }
  } finally {
    await context.close()
    await site.close()
  }
}

/**
 * What the README says of TypeScript's module resolution, checked against the installed packages:
 * `node16` from an ES module and `nodenext` even from a CommonJS one resolve every entry point;
 * `node16` from CommonJS is refused with TS1479 (the control: this check can tell them apart).
 */
async function moduleResolution(dir, nodeModules) {
  const source = [
    "import { useTrackSignIn } from '@intilery/react'",
    "import { createRecordingTag } from '@intilery/react/testing'",
    "import { IntileryDevtools } from '@intilery/react/devtools'",
    "import { createTracker } from '@intilery/core'",
    'export const used = [useTrackSignIn, createRecordingTag, IntileryDevtools, createTracker]',
  ].join('\n')
  const cases = [
    { module: 'node16', type: 'module', error: undefined },
    { module: 'nodenext', type: 'commonjs', error: undefined },
    { module: 'node16', type: 'commonjs', error: 'TS1479' },
  ]
  // Side by side: each is a tsc of its own, mostly reading the same declarations.
  const check = async ({ module, type, error }) => {
    const project = join(dir, `${module}-${type}`)
    await mkdir(project, { recursive: true })
    await symlink(nodeModules, join(project, 'node_modules'))
    await writeFile(join(project, 'package.json'), JSON.stringify({ type }))
    await writeFile(join(project, 'use.ts'), source)
    const compilerOptions = { module, moduleResolution: module, target: 'ES2022', strict: true, noEmit: true }
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...compilerOptions, skipLibCheck: true, types: [] }, files: ['use.ts'] }),
    )
    const result = await run([join(nodeModules, '.bin/tsc'), '-p', '.'], { cwd: project }).then(
      () => 'ok',
      (failure) => failure.message,
    )
    const passed = error === undefined ? result === 'ok' : result.includes(`error ${error}`)
    if (!passed) throw new Error(`[consumer] ${module} from ${type}: want ${error ?? 'no error'}, got ${result}`)
  }
  await Promise.all(cases.map(check))
}

const work = await mkdtemp(join(tmpdir(), 'intilery-consumer-'))
const cleanups = [() => rm(work, { recursive: true, force: true })]
const cleanUp = async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {})
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void cleanUp().then(() => process.exit(1))
  })
}

const sizes = {}
try {
  if (!args.includes('--no-build')) await timed('build both packages', () => run(['pnpm', 'build'], { cwd: root }))
  const tarballs = join(work, 'tarballs')
  await mkdir(tarballs)
  await timed('pack both packages', async () => {
    for (const pkg of ['core', 'react']) {
      await run(['pnpm', 'pack', '--pack-destination', tarballs], { cwd: join(root, 'packages', pkg) })
    }
  })
  const packed = await readdir(tarballs)
  const tarball = (name) =>
    join(
      tarballs,
      packed.find((file) => file.startsWith(`intilery-${name}-`)),
    )

  const collector = await startCollector()
  cleanups.push(collector.close)

  // Installs run side by side (mostly waiting on the network); the rest runs one app at a time.
  const installed = selected.map((app) =>
    timed(`${app.name}: npm install`, async () => {
      const dir = join(work, app.name)
      await cp(join(root, app.dir), dir, {
        recursive: true,
        filter: (source) => !/[\\/](node_modules|dist|\.next)$/.test(source),
      })
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))
      if ('@intilery/react' in manifest.dependencies) {
        manifest.dependencies['@intilery/react'] = `file:${tarball('react')}`
        manifest.overrides = { '@intilery/core': `file:${tarball('core')}` }
      }
      await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2))
      await run(['npm', 'install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error'], { cwd: dir })
      return dir
    }),
  )
  const dirs = await Promise.all(installed)

  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  cleanups.push(() => browser.close())

  for (const [index, app] of selected.entries()) {
    const dir = dirs[index]
    if (app.typecheck.length > 0) {
      await timed(`${app.name}: typecheck (strict, skipLibCheck: false)`, async () => {
        for (const command of app.typecheck) await run(command, { cwd: dir })
      })
    }
    for (const command of app.tests ?? []) {
      await timed(`${app.name}: ${command.slice(1).join(' ')}`, () => run(command, { cwd: dir }))
    }
    for (const build of app.builds) {
      for (const path of build.clean ?? []) await rm(join(dir, path), { recursive: true, force: true })
      await timed(`${build.name}: ${build.build.slice(1).join(' ')}`, () =>
        run(build.build, { cwd: dir, env: build.env(collector.url) }),
      )
      const site = await timed(`${build.name}: start the server`, () => build.serve(dir))
      try {
        const scripts = await timed(`${build.name}: click through in chromium`, () =>
          clickThrough(browser, site, collector, app, build.development === true),
        )
        if (build.development) {
          console.log(
            `[consumer] ${build.name}: ${app.events.join(', ')} arrived as the spec prints them; the devtools panel is there`,
          )
        } else {
          const initial = await initialJs(site.url)
          // What the page fetched beyond its HTML's scripts: the lazy chunks (the library's engine
          // and validator), off the critical path but still bytes the user downloads.
          const later = scripts
            .filter(({ url }) => !initial.files.some((file) => new URL(file.src, site.url).href === url))
            .map(({ url, code }) => ({ src: new URL(url).pathname, gzip: gzipSync(code, { level: 9 }).byteLength }))
          sizes[build.name] = {
            ...initial,
            later: { gzip: later.reduce((sum, file) => sum + file.gzip, 0), files: later },
          }
          console.log(
            `[consumer] ${build.name}: ${app.events.join(', ')} arrived as the spec prints them; ` +
              `${scripts.length} scripts loaded, no devtools panel; initial JS ${initial.files.length} files, ` +
              `${(initial.gzip / 1000).toFixed(1)} KB gzip; ${later.length} more loaded later, ` +
              `${(sizes[build.name].later.gzip / 1000).toFixed(1)} KB gzip`,
          )
        }
      } finally {
        await site.close()
      }
    }
  }

  // Checks of the packages themselves, not of an app: once, with the app that asks for them.
  const host = selected.findIndex((app) => app.packageChecks)
  if (host !== -1) {
    await timed('TypeScript: node16 and nodenext resolution', () =>
      moduleResolution(join(work, 'resolution'), join(dirs[host], 'node_modules')),
    )
    await timed('devtools in a page with no bundler', () =>
      devtoolsWithoutBundler(browser, join(dirs[host], 'node_modules/@intilery/react')),
    )
  }

  if (Object.keys(sizes).length > 0) {
    // Merged with what an earlier run measured of other apps (`--only` runs them apart).
    const earlier = await readFile(sizesFile, 'utf8').then(JSON.parse, () => ({ apps: {} }))
    const measuredAt = new Date().toISOString()
    for (const entry of Object.values(sizes)) entry.measuredAt = measuredAt
    await mkdir(join(sizesFile, '..'), { recursive: true })
    await writeFile(sizesFile, JSON.stringify({ apps: { ...earlier.apps, ...sizes } }, null, 2) + '\n')
    console.log(`[consumer] initial JS sizes written to ${sizesFile}`)
  }

  // The budgets, of the pairs both measured in this run (an earlier run's sizes may be stale).
  const overBudget = []
  for (const { build, twin, kb } of sizeBudgets) {
    if (sizes[build] === undefined || sizes[twin] === undefined) continue
    const added = (sizes[build].gzip - sizes[twin].gzip) / 1000
    const line = `${build} adds ${added.toFixed(2)} KB gzip to the initial JS over its twin (budget ${kb} KB)`
    console.log(`[consumer] size: ${line}`)
    if (added > kb) overBudget.push(`${line}: ${(added - kb).toFixed(2)} KB over`)
  }
  if (overBudget.length > 0) {
    throw new Error(`[consumer] over the size budget:\n  ${overBudget.join('\n  ')}`)
  }
  console.log(`[consumer] all passed in ${((performance.now() - started) / 1000).toFixed(1)} s`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await cleanUp()
}
