// Bundle sizes (issue 5, item 1). esbuild, minified ESM for the browser, NODE_ENV=production,
// gzip level 9 with node:zlib. Our packages are read from `src` through the `@intilery/source`
// condition, so no build is needed and what is measured is what is on disk.
// 1 KB = 1000 bytes (as size-limit and bundlers print it).
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { benchDir, bundle } from './lib/build.mjs'
import { isMain, report } from './lib/table.mjs'

const KB = 1000
const fixture = (name) => join(benchDir, 'fixtures', name)

const peers = ['react', 'react/*', 'react-dom', 'react-dom/*', '@tanstack/*', 'zod', 'zod/*']
const appPeers = ['react', 'react/*', 'react-dom', 'react-dom/*', '@tanstack/*']

/** The ten event names, read from the spec table, so a bundle that lost a hook is caught. */
const eventNames = [
  'Account Created',
  'Account Deleted',
  'Signed Up',
  'Signed In',
  'Signed Out',
  'Invite Sent',
  'Account Added User',
  'Account Removed User',
  'Trial Started',
  'Trial Ended',
]

async function measure({ entry, contents, external }) {
  const result = await bundle({
    ...(entry ? { entryPoints: [entry] } : { stdin: { contents, resolveDir: benchDir, loader: 'js' } }),
    outfile: undefined,
    outdir: undefined,
    write: false,
    minify: true,
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    external,
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  const output = result.outputFiles[0]
  const code = output.contents
  const [meta] = Object.values(result.metafile.outputs)
  return {
    code: output.text,
    minified: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    inputs: Object.entries(meta.inputs)
      .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
      .filter((input) => input.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes),
  }
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

export async function measureSize() {
  const [own, app, floor, mini, classic] = await Promise.all([
    measure({ contents: "export * from '@intilery/react'", external: peers }),
    measure({ entry: fixture('app.js'), external: appPeers }),
    measure({ entry: fixture('floor.js'), external: [] }),
    measure({ entry: fixture('mini-zod-schemas.js'), external: [] }),
    measure({ entry: fixture('classic-zod-schemas.js'), external: [] }),
  ])
  const queryImports = importsFrom(app.code, '@tanstack/react-query')
  const query = await measure({
    contents: `export { ${queryImports.join(', ')} } from '@tanstack/react-query'`,
    external: ['react', 'react/*', 'react-dom', 'react-dom/*'],
  })

  const missing = eventNames.filter((name) => !app.code.includes(name))
  if (missing.length > 0) throw new Error(`[bench] the app bundle lost events: ${missing.join(', ')}`)
  if (queryImports.length === 0)
    throw new Error('[bench] the app bundle imports nothing from react-query: the parse is stale')

  const floorKB = floor.gzip / KB
  const vsFloor = { baseline: 'floor (10 × window.analytics.track)', baselineValue: floorKB }
  const rows = [
    {
      metric: 'size (a) @intilery/react + core, peers external',
      value: own.gzip / KB,
      unit: 'KB gzip',
      ...vsFloor,
      budget: 2,
    },
    {
      metric: 'size (b) app: provider + 10 hooks + zod/mini',
      value: app.gzip / KB,
      unit: 'KB gzip',
      ...vsFloor,
      budget: 7,
    },
    {
      metric: `size (b′) react-query, what we import (${queryImports.length} names)`,
      value: query.gzip / KB,
      unit: 'KB gzip',
      ...vsFloor,
      note: 'usually already in the app; not budgeted',
    },
    {
      metric: 'size ref: zod/mini, the 10 spec schemas + safeParse',
      value: mini.gzip / KB,
      unit: 'KB gzip',
      ...vsFloor,
    },
    { metric: 'size ref: classic zod, the same 10 schemas', value: classic.gzip / KB, unit: 'KB gzip', ...vsFloor },
  ]
  return {
    rows,
    details: {
      own: { ...own, breakdown: breakdown(own.inputs, own.minified) },
      app: { ...app, breakdown: breakdown(app.inputs, app.minified) },
      queryImports,
    },
  }
}

/** What costs what, for the bundles over budget (or all with `--why`). */
export function explainSize({ rows, details }, all = false) {
  const out = []
  const sections = [
    ['own', rows[0]],
    ['app', rows[1]],
  ]
  for (const [key, row] of sections) {
    if (!all && row.value <= row.budget) continue
    const { minified, gzip, breakdown: parts } = details[key]
    out.push(`\n${row.metric}: ${minified} B minified, ${gzip} B gzip. Minified bytes by module:`)
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
  report({ rows: result.rows, notes: why ? [why.trim()] : [] })
}
