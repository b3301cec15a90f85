import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

// One row format for every benchmark, and the table that prints them.

/**
 * @typedef {object} Row
 * @property {string} metric       what is measured
 * @property {number} value        the figure
 * @property {string} unit         'KB gzip' | 'ns/event' | 'ms' | 'renders'
 * @property {string} [baseline]   the baseline's name, measured in the same run
 * @property {number} [baselineValue]
 * @property {number} [budget]     the most `value` may be; absent for reference rows
 * @property {string} [note]
 */

const digits = (value) => (value >= 100 ? 0 : value >= 10 ? 1 : 2)
export const format = (value) => value.toFixed(digits(Math.abs(value)))

/** 'pass' | 'FAIL' | '' (no budget). */
export function status(row) {
  if (row.budget === undefined) return ''
  return row.value <= row.budget ? 'pass' : 'FAIL'
}

export function ratio(row) {
  if (row.baselineValue === undefined || row.baselineValue === 0) return ''
  return `${(row.value / row.baselineValue).toFixed(row.value / row.baselineValue >= 100 ? 0 : 1)}×`
}

/** A Markdown table (readable in a terminal, pasteable in docs/performance.md). */
export function renderTable(rows) {
  const header = ['Metric', 'Value', 'Baseline (same run)', 'Ratio', 'Budget', 'Status']
  const lines = rows.map((row) => [
    row.metric,
    `${format(row.value)} ${row.unit}`,
    row.baseline === undefined ? '' : `${row.baseline}: ${format(row.baselineValue)} ${row.unit}`,
    ratio(row),
    row.budget === undefined ? '' : `≤ ${format(row.budget)} ${row.unit}`,
    status(row),
  ])
  const widths = header.map((cell, i) => Math.max(cell.length, ...lines.map((line) => line[i].length)))
  const pad = (cells) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`
  return [pad(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(pad)].join('\n')
}

export const failures = (rows) => rows.filter((row) => status(row) === 'FAIL')

/** True when this module is the script node was asked to run. */
export function isMain(url) {
  return process.argv[1] !== undefined && fileURLToPath(url) === resolve(process.argv[1])
}

/**
 * Prints a benchmark's result: its own table and notes, or with `--json` one JSON line for run.mjs.
 * Sets the exit code from the budgets.
 */
export function report({ rows, notes = [] }) {
  if (process.argv.includes('--json')) console.log(JSON.stringify({ rows, notes }))
  else {
    console.log(renderTable(rows))
    for (const note of notes) console.log(`- ${note}`)
  }
  process.exitCode = failures(rows).length > 0 ? 1 : 0
}
