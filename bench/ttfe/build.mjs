// Production builds of the two pages of the time-to-first-event benchmark (bench/ttfe.mjs), with
// Vite as an app builds them: minified, code split, NODE_ENV=production. `@intilery/*` is read from
// the sources of the checkout given (`root`: this one, or an older commit's worktree), through the
// `@intilery/source` condition; React, react-query and zod come from this checkout, once.
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { build, defaultClientConditions } from 'vite'

const pagesDir = import.meta.dirname

/** Resolves `@intilery/*` as the checkout's playground does (it links both packages). */
const intileryFrom = (root) => ({
  name: 'intilery-from-checkout',
  enforce: 'pre',
  resolveId(source, _importer, options) {
    if (!source.startsWith('@intilery/')) return null
    return this.resolve(source, join(root, 'playground', 'index.html'), { ...options, skipSelf: true })
  },
})

/**
 * Builds `page` (`app` or `twin`) into `outDir`, served under `/<name>/`, the app with `validation`. Resolves with what
 * {@link readBuild} reads of it.
 */
export async function buildPage({ page, name, root, outDir, validation }) {
  await build({
    configFile: false,
    logLevel: 'error',
    mode: 'production',
    root: pagesDir,
    base: `/${name}/`,
    plugins: [intileryFrom(root), react()],
    // The app's `validation` prop: undefined (the default) unless the benchmark is told otherwise.
    define: { 'import.meta.env.TTFE_VALIDATION': JSON.stringify(validation) ?? 'undefined' },
    resolve: {
      conditions: ['@intilery/source', ...defaultClientConditions],
      dedupe: ['react', 'react-dom', '@tanstack/react-query', 'zod'],
    },
    build: {
      outDir,
      emptyOutDir: true,
      manifest: true,
      rollupOptions: { input: join(pagesDir, `${page}.mjs`) },
    },
  })
  return readBuild(outDir, name, root)
}

/**
 * The build's files from its manifest: those that load with the entry (`initial`), and for each
 * dynamic `import()` the source module it loads and the files it fetches that are not loaded yet.
 */
function readBuild(outDir, name, root) {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'))
  const chunks = Object.entries(manifest)
  /** A source's path in the checkout it comes from: the library's, or this one for the pages. */
  const named = (path) =>
    relative(root, path).startsWith('..') ? relative(join(pagesDir, '../..'), path) : relative(root, path)
  const file = (key) => {
    const chunk = manifest[key]
    const gzip = gzipSync(readFileSync(join(outDir, chunk.file)), { level: 9 }).byteLength
    const source = chunk.src && named(join(pagesDir, chunk.src))
    return { path: `/${name}/${chunk.file}`, gzip, ...(source ? { source } : {}) }
  }
  /** The chunk and every chunk it imports statically, but those in `loaded`. */
  const closure = (key, loaded = new Set()) => {
    const found = new Set()
    const visit = (at) => {
      if (loaded.has(at) || found.has(at)) return
      found.add(at)
      for (const imported of manifest[at].imports ?? []) visit(imported)
    }
    visit(key)
    return found
  }
  const [entryKey, entry] = chunks.find(([, chunk]) => chunk.isEntry)
  const initialKeys = closure(entryKey)
  const lazy = chunks
    .filter(([, chunk]) => chunk.isDynamicEntry)
    .map(([key]) => ({ source: file(key).source, files: [...closure(key, initialKeys)].map(file) }))
  return { entry: `/${name}/${entry.file}`, initial: [...initialKeys].map(file), lazy }
}
