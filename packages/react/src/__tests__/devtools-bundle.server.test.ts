import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/** Strings only the panel holds: none may reach a production bundle. */
const panelMarkers = [
  'data-intilery-devtools',
  'Intilery calls (events, page views, identify, group, reset), newest first',
  'handed over',
]

/** Bundles an app entry that renders the devtools, as an app's bundler would for `mode`. */
async function bundle(mode: 'development' | 'production', splitting = false): Promise<{ entry: string; all: string }> {
  const result = await build({
    stdin: {
      contents: "export { IntileryDevtools } from '@intilery/react/devtools'",
      // The package resolves itself by name from its own folder, through its exports map.
      resolveDir: fileURLToPath(new URL('../..', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    minify: true,
    ...(splitting ? { splitting: true, outdir: 'out' } : { outfile: 'out/app.js' }),
    conditions: ['@intilery/source'],
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/*', 'zod', 'zod/*'],
    logLevel: 'silent',
  })
  const [entry, ...chunks] = result.outputFiles
  if (entry === undefined) throw new Error('esbuild wrote nothing')
  return { entry: entry.text, all: [entry, ...chunks].map((file) => file.text).join('\n') }
}

describe('IntileryDevtools in an app’s bundle', () => {
  it('is absent from a production bundle, present in a development one', async () => {
    const development = await bundle('development')
    const production = await bundle('production')
    for (const marker of panelMarkers) {
      expect(development.entry).toContain(marker)
      expect(production.entry).not.toContain(marker)
    }
    // What is left in production is the stub that renders nothing: no lazy import, no store.
    expect(production.entry).not.toContain('import(')
    expect(production.entry).not.toContain('subscribe')
    expect(production.entry.length).toBeLessThan(development.entry.length / 10)
  })

  it('with code splitting, the production entry loads no panel chunk; the development one does, lazily', async () => {
    const development = await bundle('development', true)
    const production = await bundle('production', true)
    expect(development.entry).toContain('import(')
    expect(development.all).toContain(panelMarkers[0])
    for (const marker of panelMarkers) expect(development.entry).not.toContain(marker)
    expect(production.entry).not.toContain('import(')
    for (const marker of panelMarkers) expect(production.entry).not.toContain(marker)
  })
})
