/** What one run of `intilery-plan` prints, and its exit code: the plan's and the coverage's alike. */
export interface PlanRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}
