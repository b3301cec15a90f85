import type { Track } from './track.js'

/** Who a billing event is about: the user, and the account (the spec's `context.groupId`). */
interface Customer {
  readonly user_id: string
  readonly account_id: string
}

/** The webhooks this example's billing provider sends (parsed from its JSON, not yet checked). */
export type BillingWebhook =
  | {
      readonly type: 'trial.ended'
      readonly customer: Customer
      readonly trial: { readonly plan: string; readonly started_at: string; readonly ended_at: string }
    }
  | { readonly type: 'account.deleted'; readonly customer: Customer; readonly account_name: string }
  | {
      readonly type: 'invoice.paid'
      readonly customer: Customer
      readonly invoice: {
        readonly id: string
        readonly amount_cents: number
        readonly currency: 'usd' | 'eur' | 'gbp'
        readonly plan: string
      }
    }

/**
 * Turns one billing webhook into its lifecycle event. The user and the account come from the
 * webhook, per call. Throws an `IntileryValidationError` if the event does not match the
 * catalogue; nothing is sent then.
 */
export function handleBillingWebhook(webhook: BillingWebhook, track: Track): void {
  const userId = webhook.customer.user_id
  const groupId = webhook.customer.account_id
  switch (webhook.type) {
    case 'trial.ended':
      return track({
        event: 'Trial Ended',
        userId,
        groupId,
        properties: {
          trial_start_date: webhook.trial.started_at,
          trial_end_date: webhook.trial.ended_at,
          trial_plan_name: webhook.trial.plan,
        },
      })
    case 'account.deleted':
      return track({ event: 'Account Deleted', userId, groupId, properties: { account_name: webhook.account_name } })
    case 'invoice.paid':
      return track({
        event: 'Invoice Paid',
        userId,
        groupId,
        properties: {
          invoice_id: webhook.invoice.id,
          amount_cents: webhook.invoice.amount_cents,
          currency: webhook.invoice.currency,
          plan_name: webhook.invoice.plan,
        },
      })
  }
}
