// The user, the account and the event both pages of the time-to-first-event benchmark send.
export const user = { id: '019mr8mf4r', username: 'pgibbons' }
export const account = 'acct_123'
export const event = 'Signed In'
