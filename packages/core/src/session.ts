/**
 * The session as one pure state machine: who the user is, which account is current, which accounts
 * the tag has been told of, the consent, and where a logout stands. `reduce` takes the state and a
 * command and gives the next state and the calls the tag must get, as data. It reads no clock, no
 * tag and no DOM: every rule of who an event belongs to is a row of its table test.
 */
import type { Consent, GroupTraits, Session, TrackerSnapshot } from './types'

/** A user or an account, with its traits and their key (the two by value: see the tracker's `keyOf`). */
export interface Known<T = Readonly<Record<string, unknown>>> {
  readonly id: string
  readonly traits: T | undefined
  readonly key: string
}

/**
 * Where a logout stands. `anonymous` or `identified` as the user is; `loggingOut` until its Signed
 * Out has settled (a second logout then returns the first one's promise); `loggedOut` after it,
 * until a sign-in (identify, or a Signed In or Signed Up event): a logout then sends nothing.
 */
export type Phase = 'anonymous' | 'identified' | 'loggingOut' | 'loggedOut'

export interface SessionState {
  readonly user: Known | undefined
  readonly account: Known<GroupTraits> | undefined
  /**
   * After a logout (or a reset), until the app identifies someone or sets an account: events no
   * longer inherit the account, and scopes' traits wait.
   */
  readonly held: boolean
  /** Every account the tag was told of since the last reset (the current one and scopes'), in order. */
  readonly told: ReadonlyMap<string, Known<GroupTraits>>
  readonly consent: Consent
  readonly phase: Phase
  /** What `sync` was last given, by id and key: a provider's re-render acts only on changes. */
  readonly declared: { readonly user?: Declared | undefined; readonly account?: Declared | undefined }
}

interface Declared {
  readonly id: string | undefined
  readonly key: string | undefined
}

/** What the session is asked to do. Ids are checked (non-empty strings) before they get here. */
export type Command =
  | { readonly type: 'identify'; readonly user: Known }
  | { readonly type: 'group'; readonly account: Known<GroupTraits>; readonly current: boolean }
  | {
      readonly type: 'sync'
      readonly user?: Declared & Partial<Known>
      readonly account?: Declared & Partial<Known<GroupTraits>>
    }
  | { readonly type: 'reset' }
  | { readonly type: 'logout'; readonly target: Target }
  | { readonly type: 'loggedOut' }
  | { readonly type: 'consent'; readonly consent: Consent }
  | { readonly type: 'event'; readonly name: string | undefined; readonly target: Target }

/** The account an event names: its own `groupId`, else its scope's `account`, else the current one. */
export interface Target {
  readonly groupId?: string | undefined
  readonly account?: string | undefined
}

/**
 * A call for the tag, as data: the tracker's shell carries it out. An event's call says whom it
 * belongs to (`userId`, `groupId`), and whether consent discards it.
 */
export type Effect =
  | { readonly type: 'identify'; readonly userId: string; readonly traits: Session['traits'] }
  | { readonly type: 'group'; readonly groupId: string; readonly traits: GroupTraits | undefined }
  | { readonly type: 'reset' }
  | { readonly type: 'consent'; readonly consent: Consent }
  | {
      readonly type: 'event'
      readonly userId: string | undefined
      readonly groupId: string | undefined
      /** No account, because a logout held the one the event would have inherited (for the error). */
      readonly afterLogout: boolean
      readonly discarded: boolean
    }

export interface Step {
  readonly state: SessionState
  readonly effects: readonly Effect[]
}

export const initialSession = (consent: Consent): SessionState => ({
  user: undefined,
  account: undefined,
  held: false,
  told: new Map(),
  consent,
  phase: 'anonymous',
  declared: {},
})

const SIGN_IN = ['Signed In', 'Signed Up']

/**
 * The next state and the calls for the tag. The state given is never changed: the next one is a
 * copy, changed here only (and `told` is copied before it changes).
 */
export function reduce(state: SessionState, command: Command): Step {
  const next = new Next(state)
  switch (command.type) {
    case 'identify':
      next.identify(command.user)
      break
    case 'group':
      next.group(command.account, command.current)
      break
    case 'sync':
      next.sync(command)
      break
    case 'reset':
      next.reset()
      break
    case 'logout':
      next.logout(command.target)
      break
    case 'loggedOut':
      if (next.state.phase === 'loggingOut') next.state.phase = 'loggedOut'
      break
    case 'consent':
      next.consent(command.consent)
      break
    case 'event':
      next.event(command.target)
      if (next.state.phase === 'loggedOut' && SIGN_IN.includes(command.name ?? '')) next.state.phase = 'anonymous'
  }
  return next
}

type Draft = { -readonly [K in keyof SessionState]: SessionState[K] }

/** One step being made: a copy of the state, and the calls for the tag, in order. */
class Next implements Step {
  readonly state: Draft
  readonly effects: Effect[] = []

  constructor(state: SessionState) {
    this.state = { ...state }
  }

  identify(user: Known): void {
    const next = this.state
    if (next.user?.key === user.key) return
    const { account } = next
    const regroup = next.held && account
    next.user = user
    next.phase = 'identified'
    next.held = false
    this.#tell({ type: 'identify', userId: user.id, traits: user.traits })
    // The account held since a logout is the new user's: the tag, reset since, is told again.
    if (regroup) this.group(account, true)
  }

  group(account: Known<GroupTraits>, current: boolean): void {
    const next = this.state
    // A scope's traits after a logout wait for the app to set an account or identify someone.
    if (!current && next.held) return
    if (current) {
      next.account = account
      next.held = false
    }
    if (next.told.get(account.id)?.key === account.key) return
    next.told = new Map(next.told).set(account.id, account)
    this.#tell({ type: 'group', groupId: account.id, traits: account.traits })
  }

  /**
   * A declared user or account (a provider's props) compared with the last one: a new id tells the
   * tag; new traits for the same id tell it again while the tracker still holds that user (not after
   * a logout) or while no logout holds the account. An account id becoming undefined leaves no
   * current account; a user id becoming undefined resets no one.
   */
  sync({ user, account }: Extract<Command, { type: 'sync' }>): void {
    const next = this.state
    const last = next.declared
    if (user && (user.id !== last.user?.id || user.key !== last.user?.key)) {
      next.declared = { ...next.declared, user: { id: user.id, key: user.key } }
      if (user.id !== undefined && (user.id !== last.user?.id || next.user?.id === user.id))
        this.identify(user as Known)
    }
    if (account && (account.id !== last.account?.id || account.key !== last.account?.key)) {
      next.declared = { ...next.declared, account: { id: account.id, key: account.key } }
      if (account.id === undefined) next.account = undefined
      else if (account.id !== last.account?.id || !next.held) this.group(account as Known<GroupTraits>, true)
    }
  }

  reset(): void {
    const next = this.state
    next.user = undefined
    next.held = true
    next.told = new Map()
    if (next.phase === 'identified') next.phase = 'anonymous'
    // A reset sends nothing and clears what the tag stored of the user: it goes out whatever the consent.
    this.effects.push({ type: 'reset' })
  }

  /** Signed Out belongs to the user; the reset after it, in the same step, clears them for what follows. */
  logout(target: Target): void {
    if (this.state.phase === 'loggingOut' || this.state.phase === 'loggedOut') return
    this.event(target)
    this.reset()
    this.state.phase = 'loggingOut'
  }

  /** A new consent. Leaving a denial tells the tag who the user and the accounts are now, the current account first. */
  consent(consent: Consent): void {
    const next = this.state
    if (consent === next.consent) return
    const denied = next.consent === 'denied'
    next.consent = consent
    this.effects.push({ type: 'consent', consent })
    if (!denied) return
    const { user, account } = next
    if (user) this.#tell({ type: 'identify', userId: user.id, traits: user.traits })
    const accounts = [...next.told.values()].sort((a, b) => +(b.id === account?.id) - +(a.id === account?.id))
    for (const known of accounts) this.#tell({ type: 'group', groupId: known.id, traits: known.traits })
  }

  event({ groupId, account }: Target): void {
    const next = this.state
    const held = next.held && groupId === undefined
    const inherited = account ?? next.account?.id
    this.effects.push({
      type: 'event',
      userId: next.user?.id,
      groupId: groupId ?? (held ? undefined : inherited),
      afterLogout: held && inherited !== undefined,
      discarded: next.consent === 'denied',
    })
  }

  /** A call for the tag, unless consent is denied (nothing is told then; leaving the denial tells again). */
  #tell(effect: Effect): void {
    if (this.state.consent !== 'denied') this.effects.push(effect)
  }
}

/** The session as subscribers see it: the account a logout holds is none. */
export function snapshotOf({ user, account, consent, phase, held }: SessionState): TrackerSnapshot {
  const current = held ? undefined : account
  return {
    userId: user?.id,
    traits: user?.traits,
    groupId: current?.id,
    groupTraits: current?.traits,
    consent,
    loggedOut: phase === 'loggingOut' || phase === 'loggedOut',
  }
}

/**
 * Keys users and accounts with their traits by value: the same JSON is the same. Traits JSON cannot
 * hold (a cycle, a BigInt) are keyed by reference, through ids kept here.
 */
export class Keys {
  readonly #references = new WeakMap<object, number>()
  #count = 0

  known<T>(id: string, traits: T | undefined): Known<T> & { readonly traits: T | undefined } {
    let key: string
    try {
      key = JSON.stringify([id, traits ?? null])
    } catch {
      let reference = this.#references.get(traits as object)
      if (reference === undefined) this.#references.set(traits as object, (reference = ++this.#count))
      key = `${id}\u0000#${reference}`
    }
    return { id, traits, key }
  }
}
