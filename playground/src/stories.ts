import type { ComponentType } from 'react'
import { AccountLifecycle } from './stories/AccountLifecycle.story'
import { AccountSwitcher } from './stories/AccountSwitcher.story'
import { BadInput } from './stories/BadInput.story'
import { InviteForm } from './stories/InviteForm.story'
import { Landing } from './stories/Landing.story'
import { LogoutButton } from './stories/LogoutButton.story'
import { SignInForm } from './stories/SignInForm.story'
import { SignUpForm } from './stories/SignUpForm.story'
import { TeamMembers } from './stories/TeamMembers.story'
import { TrialBanner } from './stories/TrialBanner.story'

/** One use of the library, as an app would wire it. */
export interface Story {
  /** Its address: `#id`. */
  readonly id: string
  readonly title: string
  readonly summary: string
  readonly Component: ComponentType
  /** The story's file under src/stories, and its text: the snippet shown beside it. */
  readonly file: string
  readonly source: string
}

const sources = import.meta.glob<string>('./stories/*.story.tsx', { query: '?raw', import: 'default', eager: true })

const story = (id: string, title: string, summary: string, Component: ComponentType, file: string): Story => ({
  id,
  title,
  summary,
  Component,
  file,
  source: sources[`./stories/${file}`] ?? '',
})

export const stories: readonly Story[] = [
  story(
    'sign-up',
    'Sign-up form',
    'Signed Up, organic or invited, with useTrackSignUp.',
    SignUpForm,
    'SignUpForm.story.tsx',
  ),
  story('sign-in', 'Sign-in form', 'Signed In with useTrackSignIn.', SignInForm, 'SignInForm.story.tsx'),
  story(
    'invite',
    'Invite a teammate',
    'Invite Sent with useInviteSent; a bulk invite with useTrackBatch.',
    InviteForm,
    'InviteForm.story.tsx',
  ),
  story('team', 'Team members', 'Account Added User and Account Removed User.', TeamMembers, 'TeamMembers.story.tsx'),
  story(
    'accounts',
    'Create and delete an account',
    'Account Created (a fresh id per account, passed as context.groupId) and Account Deleted.',
    AccountLifecycle,
    'AccountLifecycle.story.tsx',
  ),
  story(
    'switcher',
    'Account switcher',
    'The provider follows the current account; a nested AccountScope names a child account.',
    AccountSwitcher,
    'AccountSwitcher.story.tsx',
  ),
  story(
    'trial',
    'Trial banner',
    'Trial Started and Trial Ended, with ISO-8601 dates.',
    TrialBanner,
    'TrialBanner.story.tsx',
  ),
  story(
    'landing',
    'Sent on landing',
    'Trial Started from a banner as the page mounts; Account Created from the page an app redirects to.',
    Landing,
    'Landing.story.tsx',
  ),
  story(
    'logout',
    'Logout button',
    'useLogout: Signed Out, then a reset identity, within a bound.',
    LogoutButton,
    'LogoutButton.story.tsx',
  ),
  story(
    'bad-input',
    'Bad input',
    'An invalid email or date: the error names the path, never the value, and nothing is sent.',
    BadInput,
    'BadInput.story.tsx',
  ),
]
