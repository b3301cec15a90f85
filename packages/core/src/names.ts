import type { EventName } from './events/catalog'

/**
 * The spec's ten event names, without their schemas: what the initial bundle needs to know of the
 * catalogue (the schemas load with the validator).
 */
export const specEventNames = [
  'Account Created',
  'Account Deleted',
  'Signed Up',
  'Signed In',
  'Signed Out',
  'Invite Sent',
  'Account Added User',
  'Account Removed User',
  'Trial Started',
  'Trial Ended',
] as const satisfies readonly EventName[]

// Every event of the catalogue is named here: an event added to the schemas and not here fails to compile.
const everyEventIsNamed: Exclude<EventName, (typeof specEventNames)[number]> extends never ? true : never = true
void everyEventIsNamed
