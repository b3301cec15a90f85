// `pnpm bench`: runs the size, CPU, burst and time-to-first-event benchmarks one after the other
// (each in its own process, so the CPU run's jsdom globals and production React do not leak into the
// others) and prints ONE table. Exits 1 when a budget is over, 2 when a benchmark could not run.
//   node bench/run.mjs [--why]   --why: add what each module costs in the bundles
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { benchDir } from './lib/build.mjs'
import { failures, renderTable } from './lib/table.mjs'

const benchmarks = [
  ['size', 'size.mjs', process.argv.includes('--why') ? ['--why'] : []],
  ['burst', 'burst.mjs', []],
  ['cpu', 'cpu.bench.mjs', []],
  ['ttfe', 'ttfe.mjs', []],
]

const started = Date.now()
const rows = []
const notes = []
let broken = false
for (const [name, file, args] of benchmarks) {
  const child = spawnSync(process.execPath, [join(benchDir, file), '--json', ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  })
  const line = child.stdout.trim().split('\n').at(-1) ?? ''
  let result
  try {
    result = JSON.parse(line)
  } catch {
    broken = true
    console.error(`[bench] ${name} did not finish (exit ${child.status}):\n${child.stderr || child.stdout}`)
    continue
  }
  rows.push(...result.rows)
  notes.push(...result.notes.map((note) => `${name}: ${note}`))
}

console.log(renderTable(rows))
for (const note of notes) console.log(`- ${note}`)
const over = failures(rows)
console.log(
  `\n${over.length === 0 ? 'All budgets pass' : `${over.length} over budget: ${over.map((row) => row.metric).join('; ')}`}` +
    ` (node ${process.version}, ${Math.round((Date.now() - started) / 1000)} s)`,
)
process.exitCode = broken ? 2 : over.length > 0 ? 1 : 0
