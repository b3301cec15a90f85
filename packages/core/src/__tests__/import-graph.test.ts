// No two modules of core import each other in a circle, type imports and lazy `import()` included:
// each module can be read, and tested, from its own imports down (issue 19).
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const src = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Every source module of core (tests and the CLI's fixtures aside), by its path under src. */
function modules(dir = src): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : modules(path)
    return /\.tsx?$/.test(entry.name) && !/\.test(-d)?\.tsx?$/.test(entry.name) ? [relative(src, path)] : []
  })
}

/** The modules of core that `file` imports: static, type-only, re-exported or lazy. */
function importsOf(file: string, known: Set<string>): string[] {
  // Comments aside: a doc comment may show an import.
  const text = readFileSync(join(src, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
  const found = new Set<string>()
  for (const [, specifier] of text.matchAll(/(?:from\s*|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const base = join(dirname(file), specifier!).replace(/\.js$/, '')
    const target = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => known.has(candidate))
    if (target !== undefined) found.add(target)
  }
  return [...found]
}

/** The first circle found in the graph, as the path that closes it, or undefined. */
function findCircle(graph: Map<string, string[]>): string[] | undefined {
  const done = new Set<string>()
  const visit = (node: string, path: string[]): string[] | undefined => {
    const at = path.indexOf(node)
    if (at !== -1) return [...path.slice(at), node]
    if (done.has(node)) return undefined
    for (const next of graph.get(node) ?? []) {
      const circle = visit(next, [...path, node])
      if (circle) return circle
    }
    done.add(node)
    return undefined
  }
  for (const node of graph.keys()) {
    const circle = visit(node, [])
    if (circle) return circle
  }
  return undefined
}

describe('the modules of core', () => {
  const files = modules()
  const known = new Set(files)
  const graph = new Map(files.map((file) => [file, importsOf(file, known)]))

  it('are read from the tree: the engine, the front and the public types among them', () => {
    expect(files).toEqual(expect.arrayContaining(['createTracker.ts', 'types.ts', 'engine/pipeline.ts']))
    expect(graph.get('createTracker.ts')?.length).toBeGreaterThan(0)
  })

  it('import each other in no circle', () => {
    expect(findCircle(graph)?.join(' → ')).toBeUndefined()
  })

  it('a circle would be found: the check sees one made on purpose', () => {
    const withCircle = new Map(graph)
    withCircle.set('types.ts', [...(graph.get('types.ts') ?? []), 'createTracker.ts'])
    expect(findCircle(withCircle)).toBeDefined()
  })
})
