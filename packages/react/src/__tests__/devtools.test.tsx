import '@intilery/react/testing/vitest'
import { IntileryDevtools } from '@intilery/react/devtools'
import {
  createRecordingTag,
  IntileryTestProvider,
  type IntileryTestProviderProps,
  type RecordingTag,
} from '@intilery/react/testing'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type EventMutation, useTracker, useTrackSignIn, useTrackSignUp } from '../index'
import { flush, manualClock } from './harness'

afterEach(() => {
  vi.unstubAllEnvs()
  vi.resetModules()
})

interface Hooks {
  signIn: EventMutation<'Signed In'>
  signUp: EventMutation<'Signed Up'>
  tracker: ReturnType<typeof useTracker>
}

/** Renders the devtools beside a component holding two event hooks; returns the hooks and the tag. */
async function renderDevtools(
  props: Omit<IntileryTestProviderProps, 'children'> = {},
  devtools: Parameters<typeof IntileryDevtools>[0] = { initialIsOpen: true },
  tag: RecordingTag = createRecordingTag(),
) {
  const hooks = {} as Hooks
  function Events() {
    hooks.signIn = useTrackSignIn()
    hooks.signUp = useTrackSignUp()
    hooks.tracker = useTracker()
    return null
  }
  render(
    <IntileryTestProvider tag={tag} {...props}>
      <Events />
      <IntileryDevtools {...devtools} />
    </IntileryTestProvider>,
  )
  await screen.findByRole('button', { name: /Intilery devtools/ })
  return { hooks, tag }
}

/** The provider's own call when it mounts: it tells the tag the account, and the panel lists it. */
const providerGroup = ['group acct_test', '{}', 'acct_test', 'unchecked', 'handed over']

/** The panel's row of one call, by its first cell. */
const row = (call: string) => rows().find((cells) => cells[0] === call)

/** The panel's rows as text cells: event, properties, account, validation, delivery. */
function rows(): string[][] {
  const table = screen.getByRole('table', { name: /Intilery calls/ })
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].slice(0, 5).map((cell) => cell.textContent ?? ''))
}

describe('IntileryDevtools', () => {
  it('shows each event once with its name, properties, account, validation and delivery, updated live', async () => {
    const tag = createRecordingTag({ ready: 'manual' })
    const { hooks } = await renderDevtools({ readyTimeout: 10_000 }, { initialIsOpen: true }, tag)
    const table = screen.getByRole('table', { name: /Intilery calls/ })
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Call', 'Properties or traits', 'Account', 'Validation', 'Delivery', 'Time'])
    expect(within(table).getByText('No event yet.')).toBeTruthy()

    act(() => hooks.signIn.mutate({ properties: { username: 'pgibbons' } }))
    await waitFor(() =>
      expect(rows()).toEqual([['Signed In', '{\n  "username": "[personal data]"\n}', 'acct_test', 'valid', 'queued']]),
    )

    act(() => tag.load())
    await waitFor(() => expect(row('Signed In')?.[4]).toBe('acknowledged'))
    expect(rows()).toEqual([
      providerGroup,
      ['Signed In', '{\n  "username": "[personal data]"\n}', 'acct_test', 'valid', 'acknowledged'],
    ])
    expect(tag).toHaveTracked('Signed In', { username: 'pgibbons' })
  })

  it('lists page views, identify, group and reset beside events, in the order they were made', async () => {
    const { hooks, tag } = await renderDevtools()
    act(() => {
      void hooks.tracker.page('Settings', { path: '/settings' })
      hooks.tracker.identify('u2', { plan: 'pro' })
      hooks.tracker.group('acct_9', { name: 'Initrode' })
      hooks.tracker.reset()
    })
    await waitFor(() =>
      expect(rows()).toEqual([
        ['reset', '{}', '—', 'unchecked', 'handed over'],
        // Traits are checked for personal data, as properties are.
        ['group acct_9', '{\n  "name": "Initrode"\n}', 'acct_9', 'valid', 'handed over'],
        ['identify u2', '{\n  "plan": "pro"\n}', '—', 'valid', 'handed over'],
        ['page view: Settings', '{\n  "path": "/settings"\n}', 'acct_test', 'valid', 'acknowledged'],
        providerGroup,
      ]),
    )
    expect(tag.messages.map((m) => m.type).slice(-4)).toEqual(['page', 'identify', 'group', 'reset'])
  })

  it('shows an event handed over until the tag answers, then timed out', async () => {
    const clock = manualClock()
    const { hooks } = await renderDevtools(
      { deliveryTimeout: 100, clock },
      { initialIsOpen: true },
      createRecordingTag({ acknowledge: 'never' }),
    )
    act(() => hooks.signIn.mutate({ properties: { username: 'pgibbons' } }))
    await waitFor(() => expect(row('Signed In')?.[4]).toBe('handed over'))
    // deliveryTimeout and its 50 ms of grace, on the test's clock.
    act(() => clock.advance(149))
    await flush()
    expect(row('Signed In')?.[4]).toBe('handed over')
    act(() => clock.advance(1))
    await waitFor(() => expect(row('Signed In')?.[4]).toBe('timed out'))
  })

  it('shows a tag that threw as failed', async () => {
    const { hooks } = await renderDevtools({}, { initialIsOpen: true }, createRecordingTag({ throws: true }))
    act(() => hooks.signIn.mutate({ properties: { username: 'pgibbons' } }))
    await waitFor(() => expect(row('Signed In')?.[4]).toBe('failed'))
  })

  it('shows an invalid event as rejected, with the failing paths and no message of its value', async () => {
    const { hooks, tag } = await renderDevtools()
    act(() => hooks.signUp.mutate({ properties: { email: 'not-an-email' } }))
    await waitFor(() =>
      expect(row('Signed Up')?.slice(3)).toEqual(['invalid: properties.email (invalid email)', 'rejected (invalid)']),
    )
    expect(tag).not.toHaveTracked('Signed Up')
  })

  it('shows an event with no account as such', async () => {
    const { hooks } = await renderDevtools({ validation: 'off', groupId: null })
    act(() => hooks.signIn.mutate({ properties: {} }))
    await waitFor(() => expect(row('Signed In')?.slice(2, 4)).toEqual(['—', 'unchecked']))
  })

  it('renders payload text as text, never as HTML', async () => {
    const { hooks } = await renderDevtools()
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
    // Signed Up's `type`: a property the plan does not mark as personal data, so the panel shows it.
    act(() => hooks.signUp.mutate({ properties: { type: hostile } }))
    await waitFor(() => expect(row('Signed Up')).toBeDefined())
    const panel = screen.getByRole('region', { name: 'Intilery events' })
    expect(document.querySelector('img')).toBeNull()
    expect(panel.querySelector('script')).toBeNull()
    expect(panel.querySelector('pre')?.textContent).toBe(JSON.stringify({ type: hostile }, null, 2))
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()
  })

  it('keeps only the newest events, up to its limit, newest first', async () => {
    const { hooks } = await renderDevtools({}, { initialIsOpen: true, limit: 3 })
    for (const type of ['a', 'b', 'c', 'd', 'e']) {
      await act(() => hooks.signUp.mutateAsync({ properties: { type } }))
    }
    await waitFor(() =>
      expect(rows().map((row) => JSON.parse(row[1] ?? '') as unknown)).toEqual([
        { type: 'e' },
        { type: 'd' },
        { type: 'c' },
      ]),
    )
  })

  it('follows events sent before its panel has loaded or opened', async () => {
    const { hooks } = await renderDevtools({}, {})
    const toggle = screen.getByRole('button', { name: /Intilery devtools/ })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(screen.queryByRole('table')).toBeNull()
    await act(() => hooks.signIn.mutateAsync({ properties: { username: 'pgibbons' } }))
    expect(toggle.textContent).toBe('Open Intilery devtools (2)')

    fireEvent.click(toggle)
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    expect(screen.getByRole('region', { name: 'Intilery events' }).id).toBe(toggle.getAttribute('aria-controls'))
    expect(rows()).toEqual([row('Signed In'), providerGroup])

    fireEvent.click(screen.getByRole('button', { name: 'Clear events' }))
    expect(screen.getByText('No event yet.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Close Intilery devtools' }))
    expect(screen.queryByRole('table')).toBeNull()
  })

  it('names itself when used outside a provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    expect(() => render(<IntileryDevtools />)).toThrow(
      '[intilery] IntileryDevtools must be used inside <IntileryProvider>',
    )
    vi.mocked(console.error).mockRestore()
  })

  it('renders nothing in production, where the development build shows its panel', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    vi.resetModules()
    const production = await import('@intilery/react/devtools')
    vi.unstubAllEnvs()
    render(
      <IntileryTestProvider>
        <div data-testid="production">
          <production.IntileryDevtools initialIsOpen />
        </div>
        <div data-testid="development">
          <IntileryDevtools initialIsOpen />
        </div>
      </IntileryTestProvider>,
    )
    // The development panel loads lazily: once it shows, the production one has had its chance.
    await screen.findByRole('region', { name: 'Intilery events' })
    expect(screen.getByTestId('development').innerHTML).not.toBe('')
    expect(screen.getByTestId('production').innerHTML).toBe('')
  })
})
