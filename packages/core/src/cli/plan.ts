#!/usr/bin/env node
// The `intilery-plan` bin: prints the catalogue as JSON Schema. See runPlan.ts, or run it with --help.
import { runPlan } from './runPlan'

const run = await runPlan(process.argv.slice(2), process.cwd())
process.stdout.write(run.stdout)
process.stderr.write(run.stderr)
process.exitCode = run.code
