import { defineEvents } from '@intilery/core/events'
import * as z from 'zod'

/**
 * The app's own events, beside the spec's ten. The browser gives the same object to the provider
 * (`<IntileryProvider events={plan}>`); here the server checks its events with it, and
 * `npm run plan` prints it as JSON Schema.
 */
export const plan = defineEvents({
  'Invoice Paid': z.strictObject({
    invoice_id: z.string().min(1),
    amount_cents: z.number().int().nonnegative(),
    currency: z.enum(['usd', 'eur', 'gbp']),
    plan_name: z.string(),
  }),
})
