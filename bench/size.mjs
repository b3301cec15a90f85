// Bundle sizes (issue 13). esbuild, minified ESM for the browser, NODE_ENV=production, code
// splitting on (as an app's bundler does it), gzip level 9 with node:zlib. Our packages are read
// from `src` through the `@intilery/source` condition, so no build is needed and what is measured
// is what is on disk. 1 KB = 1000 bytes (as size-limit and bundlers print it).
//
// - The initial bundle: the entry and every chunk it imports statically, counted as served: each
//   file gzipped on its own, then summed (what a browser downloads; one file gzipped whole is
//   printed beside it).
// - A lazy chunk (the engine, the validator): what its dynamic `import()` fetches that is not
//   already loaded. Both are imported by the initial bundle, side by side, so each is measured
//   against the initial bundle alone.
// - The consumer deltas: real Vite and Next.js builds of the packed tarballs against no-library
//   twins, read from what the last consumer test wrote (`pnpm test:consumer`,
//   `pnpm test:consumer:next`); that test enforces their budgets, this table prints them.
//
//   node bench/size.mjs [--why] [--json]   --why: bytes by module for every bundle, not only those over
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { benchDir, bundle, rootDir } from './lib/build.mjs'
import { isMain, report } from './lib/table.mjs'

const KB = 1000
const fixture = (name) => join(benchDir, 'fixtures', name)

/** What an app already has: its framework, and react-query (our peer). */
const appPeers = ['react', 'react/*', 'react-dom', 'react-dom/*', '@tanstack/*']

/** The ten event names, from the spec's example payloads, so a bundle that lost a hook is caught. */
const eventNames = JSON.parse(
  readFileSync(join(rootDir, 'packages/react/src/__tests__/fixtures/b2b-saas-examples.json'), 'utf8'),
).map((example) => example.event)

/** Modules the initial bundle must not hold: they load lazily, off the critical path. */
const lazyOnly = [
  /node_modules\/.*zod\//,
  /src\/validator\.ts$/,
  /src\/events\//,
  /src\/engine\.ts$/,
  /src\/engine\//,
  /src\/tracker\.ts$/,
  /src\/session\.ts$/,
  /src\/delivery\.ts$/,
]

/** Bundles `entry` with splitting; returns the initial bundle and each lazy chunk by the module it loads. */
async function measureSplit(entry, external) {
  const result = await bundle({
    entryPoints: [entry],
    outdir: join(benchDir, '.tmp', 'size'),
    write: false,
    splitting: true,
    minify: true,
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    external,
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  const files = new Map(result.outputFiles.map((file) => [basename(file.path), file]))
  const outputs = new Map(Object.entries(result.metafile.outputs).map(([path, meta]) => [basename(path), meta]))
  /** The chunk and everything it imports statically, minus what is already loaded. */
  const closure = (name, loaded) => {
    const found = []
    const visit = (chunk) => {
      if (loaded.has(chunk) || found.includes(chunk)) return
      found.push(chunk)
      for (const { path, kind } of outputs.get(chunk).imports) {
        if (kind === 'import-statement' && outputs.has(basename(path))) visit(basename(path))
      }
    }
    visit(name)
    return found
  }
  const measure = (chunks) => {
    const code = Buffer.concat(chunks.map((chunk) => files.get(chunk).contents))
    const served = chunks.reduce((sum, chunk) => sum + gzipSync(files.get(chunk).contents, { level: 9 }).byteLength, 0)
    const inputs = chunks
      .flatMap((chunk) => Object.entries(outputs.get(chunk).inputs))
      .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
      .filter((input) => input.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes)
    return {
      chunks,
      code: code.toString(),
      minified: code.byteLength,
      gzip: gzipSync(code, { level: 9 }).byteLength,
      served,
      inputs,
    }
  }
  const chunkOf = (module) => {
    const found = [...outputs].find(([, meta]) => meta.entryPoint?.endsWith(module))
    if (!found) throw new Error(`[bench] no chunk loads ${module}: the lazy import is gone or renamed`)
    return found[0]
  }
  const entryChunk = [...outputs].find(([, meta]) => meta.entryPoint?.endsWith(basename(entry)))[0]
  const initial = closure(entryChunk, new Set())
  // The tracker's code and the delivery code load side by side, and every event needs both.
  const tracker = closure(chunkOf('src/tracker.ts'), new Set(initial))
  const delivery = closure(chunkOf('src/delivery.ts'), new Set([...initial, ...tracker]))
  const validator = closure(chunkOf('src/validator.ts'), new Set(initial))
  return { initial: measure(initial), engine: measure([...tracker, ...delivery]), validator: measure(validator) }
}

async function measureOne(entry) {
  const result = await bundle({
    entryPoints: [entry],
    write: false,
    minify: true,
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  const code = result.outputFiles[0].contents
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength }
}

/** The names our bundle imports from react-query, read from the bundle itself. */
function importsFrom(code, specifier) {
  const names = new Set()
  const pattern = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*["']${specifier.replace('/', '\\/')}["']`, 'g')
  for (const match of code.matchAll(pattern)) {
    for (const part of match[1].split(',')) names.add(part.trim().split(/\s+as\s+/)[0])
  }
  return [...names].filter(Boolean).sort()
}

/** Groups a bundle's inputs by package (ours per file), minified bytes each. */
function breakdown(inputs, total) {
  const groups = new Map()
  for (const { path, bytes } of inputs) {
    const pnpm = path.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/)
    const key = pnpm ? `${pnpm[1]} (${pnpm[2].split('/').slice(0, -1).join('/') || '.'})` : path
    groups.set(key, (groups.get(key) ?? 0) + bytes)
  }
  return [...groups].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => ({ name, bytes, share: bytes / total }))
}

/** The consumer test's measured deltas, as rows (no budget here: the consumer test enforces them). */
function consumerRows() {
  let apps
  try {
    apps = JSON.parse(readFileSync(join(rootDir, '.tmp', 'consumer-sizes.json'), 'utf8')).apps
  } catch {
    return {
      rows: [],
      notes: ['no consumer sizes yet: `pnpm test:consumer` and `pnpm test:consumer:next` measure real builds'],
    }
  }
  const pairs = [
    ['vite', 'Vite', 5],
    ['nextjs-turbopack', 'Next.js (Turbopack)', 6],
    ['nextjs-webpack', 'Next.js (webpack)', 6],
  ]
  const rows = []
  const notes = []
  for (const [name, label, budget] of pairs) {
    const app = apps[name]
    const twin = apps[name.replace(/^(vite|nextjs)/, '$1-twin')]
    if (!app || !twin) {
      notes.push(`${label}: not measured yet (run the consumer test)`)
      continue
    }
    rows.push({
      metric: `${label} build from the tarballs: initial JS added over its twin`,
      value: (app.gzip - twin.gzip) / KB,
      unit: 'KB gzip',
      note: `measured ${app.measuredAt.slice(0, 16).replace('T', ' ')} UTC by the consumer test (budget ${budget} KB enforced there)`,
    })
    if (app.later && twin.later) {
      rows.push({
        metric: `${label} build: JS fetched after load over its twin (the lazy chunks)`,
        value: (app.later.gzip - twin.later.gzip) / KB,
        unit: 'KB gzip',
        note: 'off the critical path, beside the tag; not budgeted',
      })
    }
  }
  return { rows, notes }
}

export async function measureSize() {
  const [split, floor] = await Promise.all([measureSplit(fixture('app.js'), appPeers), measureOne(fixture('floor.js'))])
  const { initial, engine, validator } = split
  const queryImports = importsFrom(initial.code + engine.code, '@tanstack/react-query')

  const missing = eventNames.filter((name) => !initial.code.includes(name))
  if (missing.length > 0) throw new Error(`[bench] the initial bundle lost events: ${missing.join(', ')}`)
  const leaked = initial.inputs.filter(({ path }) => lazyOnly.some((pattern) => pattern.test(path)))
  if (leaked.length > 0) {
    throw new Error(`[bench] the initial bundle holds what must load lazily: ${leaked.map((i) => i.path).join(', ')}`)
  }
  if (!validator.inputs.some(({ path }) => /zod\//.test(path))) {
    throw new Error('[bench] the validation chunk holds no zod: the measure is stale')
  }
  if (queryImports.length === 0)
    throw new Error('[bench] our code imports nothing from react-query: the parse is stale')

  const vsFloor = { baseline: 'floor (10 × window.analytics.track)', baselineValue: floor.gzip / KB }
  const consumer = consumerRows()
  const rows = [
    {
      metric: 'initial bundle, as served: provider + 10 hooks + useLogout + usePageView (peers external)',
      value: initial.served / KB,
      unit: 'KB gzip',
      ...vsFloor,
      budget: 4.3,
      note: `${initial.chunks.length} file(s) gzipped one by one; ${(initial.gzip / KB).toFixed(2)} KB as one file`,
    },
    {
      metric: 'validation chunk, lazy: zod + the spec schemas + checks',
      value: validator.served / KB,
      unit: 'KB gzip',
      ...vsFloor,
      // 7.00 until issue 22 put the personal-data guard here, and allowed 7.50 for it.
      budget: 7.5,
    },
    {
      metric: 'tracker and delivery chunks, lazy: the session, ordered queue, tag connection, deadlines',
      value: engine.served / KB,
      unit: 'KB gzip',
      ...vsFloor,
      note: 'loads beside the validation chunk and the tag, off the critical path; not budgeted',
    },
    ...consumer.rows,
  ]
  return {
    rows,
    notes: consumer.notes,
    details: {
      initial: { ...initial, breakdown: breakdown(initial.inputs, initial.minified) },
      validator: { ...validator, breakdown: breakdown(validator.inputs, validator.minified) },
      engine: { ...engine, breakdown: breakdown(engine.inputs, engine.minified) },
      queryImports,
    },
  }
}

/** What costs what, for the bundles over budget (or all with `--why`). */
export function explainSize({ rows, details }, all = false) {
  const out = []
  const sections = [
    ['initial', rows[0]],
    ['validator', rows[1]],
    ['engine', rows[2]],
  ]
  for (const [key, row] of sections) {
    if (!all && !(row.value > row.budget)) continue
    const { minified, gzip, chunks, breakdown: parts } = details[key]
    out.push(
      `\n${row.metric}: ${chunks.length} chunk(s), ${minified} B minified, ${gzip} B gzip as one file, ${details[key].served} B as served. Minified bytes by module:`,
    )
    for (const part of parts.slice(0, 14)) {
      out.push(`  ${String(part.bytes).padStart(6)} B  ${(part.share * 100).toFixed(1).padStart(5)}%  ${part.name}`)
    }
    if (parts.length > 14) out.push(`  … ${parts.length - 14} more`)
  }
  if (out.length > 0) out.push(`\nreact-query names our code imports: ${details.queryImports.join(', ')}`)
  return out.join('\n')
}

if (isMain(import.meta.url)) {
  const result = await measureSize()
  const why = explainSize(result, process.argv.includes('--why'))
  report({ rows: result.rows, notes: [...result.notes, ...(why ? [why.trim()] : [])] })
}
