// Stands for your auth: who is signed in, to which account.
export const session = { userId: '019mr8mf4r', username: 'pgibbons', accountId: 'acct_123' }
