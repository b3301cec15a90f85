// `pnpm bench:coverage`: how long `intilery-plan coverage` takes on a large app. Generates an app of
// N components (1,000 by default) under bench/.tmp/coverage-app, builds the CLI from source, and
// times the whole command (Node's start, loading TypeScript, the program, the report) a few times.
//   node bench/coverage.mjs [--components 1000] [--runs 3] [--json]
// The app reads @intilery/react from the workspace's sources, as the tests do: the checker then
// reads the packages' TypeScript rather than their .d.ts, which is slower, not faster.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { bundle, externalButOurs, rootDir, tmpDir } from './lib/build.mjs'

const { values } = parseArgs({
  options: {
    components: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
})
const components = Number(values.components)
const runs = Number(values.runs)

const spec = [
  ['useTrackAccountCreated', 'Account Created', '{ properties: { account_name: label } }'],
  ['useTrackSignUp', 'Signed Up', "{ properties: { type: 'organic' } }"],
  ['useTrackSignIn', 'Signed In', '{ properties: { username: label } }'],
  ['useInviteSent', 'Invite Sent', '{ properties: { invitee_email: `${label}@example.com` } }'],
  ['useTrackAccountAddedUser', 'Account Added User', "{ properties: { role: 'Member' } }"],
  ['useTrackAccountRemovedUser', 'Account Removed User', 'undefined'],
  ['useTrackTrialStarted', 'Trial Started', "{ properties: { trial_plan_name: 'Business' } }"],
]

/** One component: a list, some state, an effect, and three or four ways of sending an event. */
function component(i) {
  const [hook, , args] = spec[i % spec.length]
  const child = i % 10 === 9 ? '' : `import { Component${i + 1} } from './Component${i + 1}'\n`
  const custom = i % 3 === 0 ? "'Report Exported'" : "'Seats Changed'"
  return `import { ${hook}, useTrack, useTrackBatch } from '@intilery/react'
import { useEffect, useMemo, useState } from 'react'
import { TrackedButton, useAnalytics } from '../analytics'
${child}
interface Row {
  id: string
  name: string
  seats: number
}

export function Component${i}({ label, rows }: { label: string; rows: readonly Row[] }) {
  const [selected, setSelected] = useState<string | undefined>()
  const [filter, setFilter] = useState('')
  const visible = useMemo(() => rows.filter((row) => row.name.includes(filter)), [rows, filter])
  const sent = ${hook}()
  const track = useTrack()
  const batch = useTrackBatch()
  const analytics = useAnalytics()
  useEffect(() => {
    if (selected !== undefined) document.title = \`\${label}: \${selected}\`
  }, [label, selected])
  const inviteAll = () =>
    batch.mutate(visible.map((row) => ({ event: 'Invite Sent', properties: { invitee_email: \`\${row.id}@example.com\` } })))
  return (
    <section>
      <h2>{label}</h2>
      <input value={filter} onChange={(event) => setFilter(event.target.value)} />
      <ul>
        {visible.map((row) => (
          <li key={row.id} onClick={() => setSelected(row.id)}>
            {row.name} ({row.seats})
          </li>
        ))}
      </ul>
      <button onClick={() => sent.mutate(${args === 'undefined' ? '' : args})}>Send</button>
      <button onClick={() => track.mutate({ event: 'Account Deleted', properties: { account_name: label } })}>Delete</button>
      <button onClick={inviteAll}>Invite all</button>
      <button onClick={() => analytics.send(${i % 2 === 0 ? "'Trial Ended'" : "'Signed Out'"})}>Wrapped</button>
      <TrackedButton event={${custom}} label="Export" />
${child ? `      <Component${i + 1} label={label} rows={visible} />\n` : ''}    </section>
  )
}
`
}

const analytics = `import { defineEvents, type RegisteredEvents, type TrackVariables, useTrack, useTrackEvent } from '@intilery/react'
import * as z from 'zod/mini'

export const plan = defineEvents({
  'Report Exported': z.object({ format: z.optional(z.enum(['csv', 'pdf'])) }),
  'Seats Changed': z.object({ seats: z.optional(z.number()) }),
})

declare module '@intilery/react' {
  interface Register {
    events: typeof plan
  }
}

export type AppEvent = Extract<keyof RegisteredEvents, string>

export function useAnalytics() {
  const track = useTrack()
  return {
    send<E extends AppEvent>(event: E) {
      track.mutate({ event } as TrackVariables)
    },
  }
}

export function TrackedButton({ event, label }: { event: AppEvent; label: string }) {
  const tracked = useTrackEvent(event)
  return <button onClick={() => tracked.mutate({} as never)}>{label}</button>
}
`

const app = join(tmpDir, 'coverage-app')
rmSync(app, { recursive: true, force: true })
mkdirSync(join(app, 'src', 'components'), { recursive: true })
writeFileSync(join(app, 'package.json'), '{ "name": "coverage-bench-app", "private": true, "type": "module" }\n')
writeFileSync(
  join(app, 'tsconfig.json'),
  `${JSON.stringify(
    {
      extends: relative(app, join(rootDir, 'tsconfig.base.json')),
      compilerOptions: {
        types: [],
        paths: { '@intilery/react': [relative(app, join(rootDir, 'packages/react/src/index.ts'))] },
      },
      include: ['src'],
    },
    null,
    2,
  )}\n`,
)
writeFileSync(join(app, 'src', 'analytics.tsx'), analytics)
for (let i = 0; i < components; i += 1) {
  writeFileSync(join(app, 'src', 'components', `Component${i}.tsx`), component(i))
}
const roots = Array.from({ length: Math.ceil(components / 10) }, (_, k) => k * 10)
writeFileSync(
  join(app, 'src', 'main.tsx'),
  `${roots.map((i) => `import { Component${i} } from './components/Component${i}'`).join('\n')}

export function App() {
  return (
    <>
${roots.map((i) => `      <Component${i} label="${i}" rows={[]} />`).join('\n')}
    </>
  )
}
`,
)

// The CLI, built from source as the other benchmarks are: no package build needed.
const cli = join(tmpDir, 'coverage-cli.mjs')
await bundle({
  entryPoints: [join(rootDir, 'packages/core/src/cli/plan.ts')],
  outfile: cli,
  platform: 'node',
  extraPlugins: [externalButOurs],
})

// The command's own CPU time (user + system, its threads included), printed as it exits: on a
// machine shared with other work, the wall time also counts the time spent waiting for a core.
const cpuAtExit =
  'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write(`\\ncpu-ms ${(u.user+u.system)/1000}\\n`)})'

const walls = []
const cpu = []
const loads = []
let report
for (let run = 0; run < runs; run += 1) {
  loads.push(loadavg()[0])
  const started = process.hrtime.bigint()
  const child = spawnSync(process.execPath, ['--import', cpuAtExit, cli, 'coverage', '--json'], {
    cwd: app,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })
  walls.push(Number(process.hrtime.bigint() - started) / 1e6)
  if (child.status !== 0) {
    console.error(`[bench] intilery-plan coverage exited ${child.status}:\n${child.stderr}`)
    process.exit(2)
  }
  cpu.push(Number(/cpu-ms (\S+)/.exec(child.stderr)?.[1]))
  report = JSON.parse(child.stdout)
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const sites = report.events.reduce((sum, event) => sum + event.sites.length, 0)
const summary = {
  components,
  runs,
  cpus: cpus().length,
  medianWallMs: Math.round(median(walls)),
  medianCpuMs: Math.round(median(cpu)),
  wallMs: walls.map(Math.round),
  cpuMs: cpu.map(Math.round),
  loadAverage: loads.map((load) => Number(load.toFixed(1))),
  events: report.events.length,
  neverSent: report.neverSent.length,
  sites,
  unresolved: report.unresolved.length,
}
const seconds = (ms) => (ms / 1000).toFixed(2)
if (values.json) console.log(JSON.stringify(summary))
else {
  console.log(`intilery-plan coverage on ${components} generated components, ${cpus().length} cores, ${runs} runs:`)
  console.log(`  wall: median ${seconds(median(walls))} s (${walls.map(seconds).join(', ')})`)
  console.log(`  CPU:  median ${seconds(median(cpu))} s (${cpu.map(seconds).join(', ')})`)
  console.log(`  load average at each start: ${summary.loadAverage.join(', ')}`)
  console.log(
    `  ${summary.events} events, ${sites} call sites, ${summary.neverSent} never sent, ${summary.unresolved} unresolved`,
  )
}
