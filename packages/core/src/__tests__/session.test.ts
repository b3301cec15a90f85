// The session's state machine, alone: every rule of who an event belongs to (docs/guarantees.md) is
// a row of this table. Each row runs commands from a fresh session and names the calls for the tag
// that the last one produced, and what the session holds after it.
import { describe, expect, it } from 'vitest'
import { type Command, type Effect, initialSession, reduce, type SessionState } from '../session'
import type { Consent } from '../types'

const user = (id: string, traits?: Record<string, unknown>) => ({
  id,
  traits,
  key: JSON.stringify([id, traits ?? null]),
})
const account = user
const identify = (id: string, traits?: Record<string, unknown>): Command => ({
  type: 'identify',
  user: user(id, traits),
})
const group = (id: string, traits?: Record<string, unknown>, current = true): Command => ({
  type: 'group',
  account: account(id, traits),
  current,
})
const event = (target: { groupId?: string; account?: string } = {}, name = 'Invite Sent'): Command => ({
  type: 'event',
  name,
  target,
})
const sync = (userId?: string, groupId?: string, traits?: Record<string, unknown>): Command => ({
  type: 'sync',
  user: userId === undefined ? { id: undefined, key: undefined } : user(userId, traits),
  account: groupId === undefined ? { id: undefined, key: undefined } : account(groupId),
})
const logout: Command = { type: 'logout', target: {} }
const reset: Command = { type: 'reset' }
const consent = (value: Consent): Command => ({ type: 'consent', consent: value })

/** The calls one effect list makes, shortly: `identify u1`, `group a`, `reset`, `event u1 a`, `consent pending`. */
const shown = (effects: readonly Effect[]) =>
  effects.map((effect) => {
    switch (effect.type) {
      case 'identify':
        return `identify ${effect.userId}`
      case 'group':
        return `group ${effect.groupId}`
      case 'consent':
        return `consent ${effect.consent}`
      case 'reset':
        return 'reset'
      case 'event':
        return `event ${effect.userId ?? '-'} ${effect.groupId ?? '-'}${effect.afterLogout ? ' (after logout)' : ''}${effect.discarded ? ' discarded' : ''}`
    }
  })

function run(commands: Command[]): { effects: readonly Effect[]; state: SessionState } {
  let state = initialSession('granted')
  let effects: readonly Effect[] = []
  for (const command of commands) ({ state, effects } = reduce(state, command))
  return { effects, state }
}

interface Row {
  readonly rule: string
  readonly commands: Command[]
  readonly calls: string[]
  readonly phase?: SessionState['phase']
}

const rows: Row[] = [
  // Who the user is
  {
    rule: 'an event carries the user identified and the current account',
    commands: [identify('u1'), group('a'), event()],
    calls: ['event u1 a'],
  },
  { rule: 'identify tells the tag once', commands: [identify('u1')], calls: ['identify u1'], phase: 'identified' },
  {
    rule: 'the same user and traits again tell the tag nothing',
    commands: [identify('u1', { p: 1 }), identify('u1', { p: 1 })],
    calls: [],
  },
  {
    rule: 'new traits for the same user tell the tag again',
    commands: [identify('u1', { p: 1 }), identify('u1', { p: 2 })],
    calls: ['identify u1'],
  },
  { rule: 'an event before any identify carries no user', commands: [group('a'), event()], calls: ['event - a'] },
  // Which account
  { rule: 'a group tells the tag once per account and traits', commands: [group('a'), group('a')], calls: [] },
  {
    rule: "a scope's account wins over the current one",
    commands: [group('a'), event({ account: 's' })],
    calls: ['event - s'],
  },
  {
    rule: "a call's own account wins over its scope",
    commands: [group('a'), event({ groupId: 'x', account: 's' })],
    calls: ['event - x'],
  },
  {
    rule: "a scope's traits tell the tag, and the current account stays",
    commands: [group('a'), group('s', { n: 1 }, false), event()],
    calls: ['event - a'],
  },
  { rule: 'with no account at all an event has none', commands: [event()], calls: ['event - -'] },
  // Logout
  {
    rule: 'logout: Signed Out with the user and account, then the reset',
    commands: [identify('u1'), group('a'), logout],
    calls: ['event u1 a', 'reset'],
    phase: 'loggingOut',
  },
  {
    rule: 'after logout an event carries no user and inherits no account',
    commands: [identify('u1'), group('a'), logout, event()],
    calls: ['event - - (after logout)'],
  },
  {
    rule: "after logout a call's own account still holds",
    commands: [identify('u1'), group('a'), logout, event({ groupId: 'x' })],
    calls: ['event - x'],
  },
  {
    rule: "after logout a scope's account is held too",
    commands: [identify('u1'), group('a'), logout, event({ account: 's' })],
    calls: ['event - - (after logout)'],
  },
  {
    rule: "after logout a scope's traits wait",
    commands: [identify('u1'), group('a'), logout, group('s', { n: 1 }, false)],
    calls: [],
  },
  {
    rule: 'the next user identified is told the held account again (the tag was reset)',
    commands: [identify('u1'), group('a'), logout, identify('u2')],
    calls: ['identify u2', 'group a'],
    phase: 'identified',
  },
  {
    rule: 'the app setting an account after logout ends the hold',
    commands: [identify('u1'), group('a'), logout, group('b'), event()],
    calls: ['event - b'],
  },
  {
    rule: 'the same user identified again after logout is told again',
    commands: [identify('u1'), logout, identify('u1')],
    calls: ['identify u1'],
  },
  {
    rule: 'a second logout while one runs sends nothing',
    commands: [identify('u1'), logout, logout],
    calls: [],
    phase: 'loggingOut',
  },
  {
    rule: 'a logout once logged out sends nothing',
    commands: [identify('u1'), logout, { type: 'loggedOut' }, logout],
    calls: [],
    phase: 'loggedOut',
  },
  {
    rule: 'a sign-in (identify) lets the next logout send Signed Out',
    commands: [identify('u1'), logout, { type: 'loggedOut' }, identify('u2'), logout],
    calls: ['event u2 -', 'reset'],
  },
  {
    rule: 'a Signed In event lets the next logout send Signed Out',
    commands: [identify('u1'), logout, { type: 'loggedOut' }, event({ groupId: 'a' }, 'Signed In'), logout],
    calls: ['event - -', 'reset'],
  },
  {
    rule: 'a reset clears the user and holds the account',
    commands: [identify('u1'), group('a'), reset, event()],
    calls: ['event - - (after logout)'],
  },
  // Consent
  {
    rule: 'pending: calls are made, for the pipeline to hold',
    commands: [consent('pending'), identify('u1')],
    calls: ['identify u1'],
  },
  {
    rule: 'denied: identify and group tell the tag nothing',
    commands: [consent('denied'), identify('u1'), group('a')],
    calls: [],
  },
  {
    rule: 'denied: an event is discarded',
    commands: [consent('denied'), event({ groupId: 'a' })],
    calls: ['event - a discarded'],
  },
  {
    rule: 'denied: a logout still resets',
    commands: [identify('u1'), consent('denied'), logout],
    calls: ['event u1 - discarded', 'reset'],
  },
  {
    rule: 'leaving denied tells the user, the current account, then the scopes',
    commands: [identify('u1'), group('s', { n: 1 }, false), group('a'), consent('denied'), consent('granted')],
    calls: ['consent granted', 'identify u1', 'group a', 'group s'],
  },
  {
    rule: 'a scope grouped while pending, then denied, then granted, is told',
    commands: [consent('pending'), group('s', { n: 1 }, false), consent('denied'), consent('granted')],
    calls: ['consent granted', 'group s'],
  },
  { rule: 'the same consent again changes nothing', commands: [consent('pending'), consent('pending')], calls: [] },
  // A declared session (a provider's props)
  {
    rule: 'a declared user and account tell the tag once',
    commands: [sync('u1', 'a')],
    calls: ['identify u1', 'group a'],
  },
  { rule: 'the same declaration again tells nothing', commands: [sync('u1', 'a'), sync('u1', 'a')], calls: [] },
  {
    rule: 'a declared user becoming undefined resets no one',
    commands: [sync('u1', 'a'), sync(undefined, 'a'), event()],
    calls: ['event u1 a'],
  },
  {
    rule: 'a declared account becoming undefined leaves no current account',
    commands: [sync('u1', 'a'), sync('u1', undefined), event()],
    calls: ['event u1 -'],
  },
  {
    rule: 'new declared traits for the user held tell the tag again',
    commands: [sync('u1', 'a', { p: 1 }), sync('u1', 'a', { p: 2 })],
    calls: ['identify u1'],
  },
  {
    rule: 'new declared traits after a logout do not identify the logged-out user',
    commands: [sync('u1', 'a', { p: 1 }), logout, sync('u1', 'a', { p: 2 })],
    calls: [],
  },
  {
    rule: 'a new declared user after a logout is identified, with the held account',
    commands: [sync('u1', 'a'), logout, sync('u2', 'a')],
    calls: ['identify u2', 'group a'],
  },
]

describe('the session state machine', () => {
  it.each(rows)('$rule', ({ commands, calls, phase }) => {
    const { effects, state } = run(commands)
    expect(shown(effects)).toEqual(calls)
    if (phase) expect(state.phase).toBe(phase)
  })

  it('never changes the state it is given', () => {
    const start = run([identify('u1'), group('a'), group('s', { n: 1 }, false)]).state
    const copy = { ...start, told: new Map(start.told), declared: { ...start.declared } }
    for (const command of [logout, reset, consent('denied'), identify('u2'), sync('u3', 'b'), event()]) {
      reduce(start, command)
    }
    expect(start).toEqual(copy)
  })
})
