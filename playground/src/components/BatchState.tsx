import { type BatchResult, type IntileryError, IntileryValidationError } from '@intilery/react'

interface BatchMutationLike {
  readonly status: 'idle' | 'pending' | 'success' | 'error'
  readonly data: BatchResult | undefined
  readonly error: IntileryError | null
}

/**
 * The live state of a `useTrackBatch()` mutation: how many events were sent, how they settled, and
 * the first failed events by their index and failing paths, never their values.
 */
export function BatchState({ label, mutation }: { label: string; mutation: BatchMutationLike }) {
  const { data, error } = mutation
  const settled = data && Object.entries(data.counts).filter(([status, count]) => status !== 'failed' && count > 0)
  return (
    <section className="mutation" aria-label={label} data-status={mutation.status}>
      <header>
        <strong>{label}</strong> <span className={`pill ${mutation.status}`}>{mutation.status}</span>
        {data && (
          <span
            className="pill delivery"
            data-delivered={data.total - data.counts.failed}
            data-failed={data.counts.failed}
            data-acknowledged={data.counts.acknowledged}
            data-timeout={data.counts.timeout}
          >
            {data.total - data.counts.failed} sent, {data.counts.failed} failed
          </span>
        )}
      </header>
      {settled && settled.length > 0 && (
        <p>
          Settled as: {settled.map(([status, count]) => `${count} ${status}`).join(', ')}. One mutation for the whole
          batch.
        </p>
      )}
      {data && data.failures.length > 0 && (
        <ul className="issues" role="alert">
          {data.failures.map(({ index, error: failure }) => (
            <li key={index}>
              #{index}: <code>{failure.name}</code>{' '}
              {failure instanceof IntileryValidationError
                ? failure.issues.map((issue) => issue.path).join(', ')
                : failure.message}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert">
          <code>{error.name}</code> {error.message}
        </p>
      )}
    </section>
  )
}
