import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { coverage, type CoverageReport } from '../cli/coverage'
import { COVERAGE_USAGE, formatCoverage, loadTypeScript, runCoverage, strictFailure } from '../cli/runCoverage'
import { runPlan } from '../cli/runPlan'

// Each run builds a TypeScript program (the fixture app reads the packages' sources): seconds, not
// milliseconds, on a shared two-core machine.
const slow = { timeout: 120_000 }
const fixtures = fileURLToPath(new URL('./fixtures/coverage', import.meta.url))
const app = join(fixtures, 'app')

/** The report in short: each event's call sites as `file:line:column via`. */
function sites(report: CoverageReport): Record<string, string[]> {
  return Object.fromEntries(
    report.events.map((event) => [
      `${event.event}${event.custom ? ' *' : ''}`,
      event.sites.map((site) => `${site.file}:${site.line}:${site.column} ${site.via}`),
    ]),
  )
}

function unresolved(report: CoverageReport): string[] {
  return report.unresolved.map((name) => `${name.file}:${name.line}:${name.column} ${name.via} ${name.type}`)
}

describe('intilery-plan coverage, on an app with every way to send', () => {
  let report: CoverageReport
  let stdout: string

  beforeAll(async () => {
    const run = await runPlan(['coverage', '--json'], app)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    stdout = run.stdout
    report = JSON.parse(run.stdout) as CoverageReport
  }, slow.timeout)

  it('finds each event where it is sent, and says which are never sent', () => {
    expect(sites(report)).toEqual({
      // intilery.useTrackAccountCreated(), through a namespace import
      'Account Created': ['src/Admin.tsx:8:19 useTrackAccountCreated'],
      // only in the parameter type of a wrapper (Team.tsx), which is never called with it, and in a
      // test's file (Admin.spec.tsx)
      'Account Deleted': [],
      // useTrackSignUp imported as useRegistration; useTrack's mutate, destructured and renamed
      'Signed Up': ['src/SignIn.tsx:6:20 useTrackSignUp', 'src/SignIn.tsx:12:30 useTrack'],
      // useTrackSignIn re-exported by a barrel as useSignIn; a class's method with a `this` parameter
      'Signed In': ['src/SignIn.tsx:5:18 useTrackSignIn', 'src/billing.ts:21:10 tracker.track'],
      'Signed Out': ['src/Logout.tsx:4:18 useLogout', 'src/trial.ts:20:10 tracker.logout'],
      'Invite Sent': [
        // useTrackBatch: what the map's callback returns
        'src/Team.tsx:15:5 useTrackBatch',
        // the useAnalytics() wrapper hook's send, called with a literal
        'src/Team.tsx:20:30 useTrack',
        // a useCallback wrapper of that wrapper, typed with two events and called with one
        'src/Team.tsx:22:30 useTrack',
      ],
      // a hook kept in an object; useTrack kept in one too
      'Account Added User': ['src/Admin.tsx:9:17 useTrackAccountAddedUser', 'src/Admin.tsx:17:30 useTrack'],
      // a hook kept in a variable
      'Account Removed User': ['src/Admin.tsx:10:19 useTrackAccountRemovedUser'],
      // a generic wrapper called with a union of literals; a callback given the array's literals
      'Trial Started': ['src/trial.ts:11:10 tracker.track', 'src/trial.ts:16:4 tracker.track'],
      // and a wrapper typed by an interface, called through it
      'Trial Ended': ['src/billing.ts:20:3 tracker.track', 'src/trial.ts:11:10 tracker.track'],
      // a custom event, named in a JSX attribute of a component that passes it to a wrapper hook
      'Report Exported *': ['src/Team.tsx:23:7 useTrackEvent'],
      'Seats Changed *': [],
    })
    expect(report.neverSent).toEqual(['Account Deleted', 'Seats Changed'])
    expect(report.project).toBe('tsconfig.json')
  })

  it('lists the names it cannot resolve, with their file and line, and counts them for no event', () => {
    expect(unresolved(report)).toEqual([
      // a string, cast to the catalogue's names, given to the wrapper
      'src/Search.tsx:9:30 useTrack string',
      'src/Search.tsx:10:35 tracker.track `${string} Searched`',
      // a literal the catalogue lacks, behind a cast
      'src/Search.tsx:11:35 tracker.track "Report Exportd"',
    ])
    // A wrapper nobody calls (unused.ts) counts for nothing, and reports nothing.
    expect(JSON.stringify(report)).not.toContain('unused.ts')
  })

  it('fails --strict on an event never sent or a name unresolved, either alone', () => {
    expect(strictFailure(report)).toBe('coverage --strict: 2 events never sent, 3 names unresolved')
    expect(strictFailure({ ...report, neverSent: [] })).toBe(
      'coverage --strict: 0 events never sent, 3 names unresolved',
    )
    expect(strictFailure({ ...report, unresolved: [] })).toBe(
      'coverage --strict: 2 events never sent, 0 names unresolved',
    )
    expect(strictFailure({ ...report, neverSent: [], unresolved: [] })).toBeUndefined()
  })

  it('prints a table for people, one call site a line', () => {
    expect(formatCoverage(report)).toBe(
      [
        'Event                 Sent from',
        'Account Created       src/Admin.tsx:8',
        'Account Deleted       never sent',
        'Signed Up             src/SignIn.tsx:6',
        '                      src/SignIn.tsx:12',
        'Signed In             src/SignIn.tsx:5',
        '                      src/billing.ts:21',
        'Signed Out            src/Logout.tsx:4',
        '                      src/trial.ts:20',
        'Invite Sent           src/Team.tsx:15',
        '                      src/Team.tsx:20',
        '                      src/Team.tsx:22',
        'Account Added User    src/Admin.tsx:9',
        '                      src/Admin.tsx:17',
        'Account Removed User  src/Admin.tsx:10',
        'Trial Started         src/trial.ts:11',
        '                      src/trial.ts:16',
        'Trial Ended           src/billing.ts:20',
        '                      src/trial.ts:11',
        'Report Exported *     src/Team.tsx:23',
        'Seats Changed *       never sent',
        '',
        '* the app’s own event (defineEvents)',
        '',
        'Unresolved: names the checker does not type as events of the catalogue',
        'src/Search.tsx:9   string (useTrack)',
        'src/Search.tsx:10  `${string} Searched` (tracker.track)',
        'src/Search.tsx:11  "Report Exportd" (tracker.track)',
        '',
        '10 of 12 events sent, 2 never sent, 3 names unresolved',
        '',
      ].join('\n'),
    )
    expect(stdout).toBe(`${JSON.stringify(report, null, 2)}\n`)
  })

  it('finds the same through the checker alone as through declarations first', slow, () => {
    const typed = coverage(ts, 'tsconfig.json', app, { typesOnly: true })
    expect(typed).toEqual(report)
  })
})

describe('intilery-plan coverage, exit codes and projects', () => {
  it(
    'exits 0 with --strict when every event is sent and every name resolved (@intilery/core alone)',
    slow,
    async () => {
      // --project names a tsconfig or its directory; paths are relative to where the command runs.
      const run = await runPlan(['coverage', '--project', 'core', '--strict'], fixtures)
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/\n10 of 10 events sent, 0 never sent, 0 names unresolved\n$/)
      // The for…of reads a const array: each of its members counts, at that call.
      expect(run.stdout).toContain(
        'Account Created       core/src/jobs.ts:14\nAccount Deleted       core/src/jobs.ts:14\n',
      )
    },
  )

  it('exits 0 without --strict however little is sent, and 1 with it', slow, async () => {
    const plain = await runPlan(['coverage'], join(fixtures, 'none'))
    expect(plain.code).toBe(0)
    expect(plain.stdout).toMatch(/^Event {17}Sent from\nAccount Created {7}never sent\n/)
    expect(plain.stdout).toMatch(/\n0 of 10 events sent, 10 never sent, 0 names unresolved\n$/)
    const strict = await runPlan(['coverage', '--strict', '--json'], join(fixtures, 'none'))
    expect(strict.code).toBe(1)
    expect(strict.stderr).toBe('[intilery] coverage --strict: 10 events never sent, 0 names unresolved\n')
    expect((JSON.parse(strict.stdout) as CoverageReport).neverSent).toHaveLength(10)
  })

  it('follows the projects a tsconfig references', slow, async () => {
    const run = await runPlan(['coverage', '--json', '-p', 'solution/tsconfig.json'], fixtures)
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as CoverageReport
    expect(report.project).toBe('solution/tsconfig.json')
    expect(report.neverSent).toEqual([])
    expect(sites(report)['Signed Out']).toEqual(['core/src/jobs.ts:19:9 tracker.logout'])
  })

  it('says what is wrong with its arguments or the tsconfig, and exits 2', async () => {
    const missing = await runCoverage([], fixtures)
    expect(missing).toEqual({ code: 2, stdout: '', stderr: '[intilery] cannot find tsconfig.json\n' })
    expect((await runCoverage(['-p', 'nowhere/tsconfig.json'], fixtures)).stderr).toBe(
      '[intilery] cannot find nowhere/tsconfig.json\n',
    )
    const unknown = await runCoverage(['--out', 'x'], fixtures)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('[intilery] unknown option --out')
    expect((await runCoverage(['--project'], fixtures)).stderr).toContain('[intilery] --project needs a path')
    expect((await runCoverage(['app'], fixtures)).stderr).toContain('[intilery] unexpected argument app')
    expect(await runPlan(['coverage', '--help'], fixtures)).toEqual({ code: 0, stdout: COVERAGE_USAGE, stderr: '' })
  })

  it('says how to install TypeScript when it cannot be loaded', async () => {
    const run = await runCoverage([], app, () =>
      Promise.reject(new Error('intilery-plan coverage needs the typescript package')),
    )
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: '[intilery] intilery-plan coverage needs the typescript package\n',
    })
  })
})

describe('loadTypeScript', () => {
  const dir = mkdtempSync(join(tmpdir(), 'intilery-coverage-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('loads the project’s own typescript', async () => {
    const loaded = await loadTypeScript(app)
    expect(loaded.version).toBe(ts.version)
    expect(typeof loaded.createProgram).toBe('function')
  })

  it('refuses a typescript without the compiler API (TypeScript 7’s native build)', async () => {
    const fake = join(dir, 'node_modules', 'typescript')
    mkdirSync(fake, { recursive: true })
    writeFileSync(join(fake, 'package.json'), '{ "name": "typescript", "version": "7.0.0", "main": "index.js" }\n')
    writeFileSync(join(fake, 'index.js'), 'module.exports = { version: "7.0.0" }\n')
    await expect(loadTypeScript(dir)).rejects.toThrow(
      'intilery-plan coverage needs the TypeScript compiler API (typescript 5.x or 6.x); the typescript package found has none',
    )
  })
})
