import { type Delivery, type IntileryError, IntileryValidationError, type LogoutResult } from '@intilery/react'

interface MutationLike {
  readonly status: 'idle' | 'pending' | 'success' | 'error'
  readonly data: Delivery | LogoutResult | undefined
  readonly error: IntileryError | null
}

/**
 * The live state of one hook's mutation: its status, what became of the event (the `Delivery`), and
 * any error. Validation errors list each failing path and what is wrong, never the value.
 */
export function MutationState({ label, mutation }: { label: string; mutation: MutationLike }) {
  const delivery = mutation.data && ('signedOut' in mutation.data ? mutation.data.signedOut : mutation.data)
  const error = mutation.error
  return (
    <section className="mutation" aria-label={label} data-status={mutation.status}>
      <header>
        <strong>{label}</strong> <span className={`pill ${mutation.status}`}>{mutation.status}</span>
        {delivery && (
          <span className="pill delivery" data-delivery={delivery.status}>
            tag: {delivery.status}
          </span>
        )}
      </header>
      {mutation.data && !delivery && <p>No Signed Out sent: the user was already logged out.</p>}
      {delivery && (
        <>
          <p>{describeDelivery(delivery.status)}</p>
          <details>
            <summary>Payload handed to the tag</summary>
            <pre>{JSON.stringify(delivery.payload, null, 2)}</pre>
          </details>
        </>
      )}
      {error && (
        <div role="alert">
          <p>
            <code>{error.name}</code> {describeError(error)}
          </p>
          {error instanceof IntileryValidationError && (
            <ul className="issues">
              {error.issues.map((issue) => (
                <li key={issue.path}>
                  <code>{issue.path}</code>: {issue.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  )
}

function describeDelivery(status: Delivery['status']): string {
  switch (status) {
    case 'acknowledged':
      return 'The tag took this payload. Whether the collector got it, the event log says.'
    case 'timeout':
      return 'Handed to the tag, which did not confirm in time.'
    case 'queued':
      return 'Not handed to the tag yet (it has not loaded, or consent is pending): the event waits in order and goes out when it can.'
    case 'discarded':
      return 'Consent is denied: nothing was sent.'
  }
}

function describeError(error: IntileryError): string {
  if (error instanceof IntileryValidationError) return 'Not sent: the tag never saw this event.'
  return error.message
}
