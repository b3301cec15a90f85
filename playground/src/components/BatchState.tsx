import { type BatchResult, type IntileryError, IntileryValidationError } from '@intilery/react'

interface BatchMutationLike {
  readonly status: 'idle' | 'pending' | 'success' | 'error'
  readonly data: BatchResult | undefined
  readonly error: IntileryError | null
}

/**
 * The live state of a `useTrackBatch()` mutation: how many events the tag took, how they settled,
 * and each failed event by its index and failing paths, never its values.
 */
export function BatchState({ label, mutation }: { label: string; mutation: BatchMutationLike }) {
  const { data, error } = mutation
  const statuses = new Map<string, number>()
  for (const delivery of data?.delivered ?? []) statuses.set(delivery.status, (statuses.get(delivery.status) ?? 0) + 1)
  return (
    <section className="mutation" aria-label={label} data-status={mutation.status}>
      <header>
        <strong>{label}</strong> <span className={`pill ${mutation.status}`}>{mutation.status}</span>
        {data && (
          <span className="pill delivery" data-delivered={data.delivered.length} data-failed={data.failed.length}>
            {data.delivered.length} delivered, {data.failed.length} failed
          </span>
        )}
      </header>
      {data && data.delivered.length > 0 && (
        <p>
          Settled as: {[...statuses].map(([status, count]) => `${count} ${status}`).join(', ')}. One mutation for the
          whole batch.
        </p>
      )}
      {data && data.failed.length > 0 && (
        <ul className="issues" role="alert">
          {data.failed.map(({ index, error: failure }) => (
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
