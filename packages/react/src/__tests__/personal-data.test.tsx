import '@intilery/react/testing/vitest'
import { engine } from '@intilery/core/engine'
import { validator } from '@intilery/core/events'
import { IntileryDevtools } from '@intilery/react/devtools'
import { createRecordingTag, type RecordingTag } from '@intilery/react/testing'
import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { IntileryProvider, type PersonalDataMode, useTrackSignUp } from '../index'

const signUp = {
  type: 'invited',
  first_name: 'Peter',
  last_name: 'Gibbons',
  email: 'pgibbons@example.com',
  phone: '+1 410 555 9412',
  username: 'pgibbons',
  title: 'Mr',
}

function provider(tag: RecordingTag, personalData?: PersonalDataMode, children?: ReactNode) {
  return (
    <IntileryProvider
      tag={tag}
      engine={engine}
      validator={validator}
      userId="u1"
      traits={{ email: 'pgibbons@example.com', name: 'Peter Gibbons', plan: 'pro' }}
      groupId="acct_123"
      personalData={personalData}
    >
      {children}
    </IntileryProvider>
  )
}

describe('personal data through the provider', () => {
  it("personalData='omit' delivers Signed Up without email, names, phone or username, and the identify without personal traits", async () => {
    const tag = createRecordingTag()
    const { result } = renderHook(() => useTrackSignUp(), {
      wrapper: ({ children }) => provider(tag, 'omit', children),
    })
    const delivery = await act(() => result.current.mutateAsync({ properties: signUp }))
    expect(delivery.status).toBe('acknowledged')
    expect(tag.tracks().map((message) => message.properties)).toEqual([{ type: 'invited', title: 'Mr' }])
    expect(tag.messages.find((message) => message.type === 'identify')?.traits).toEqual({ plan: 'pro' })
  })

  it('the devtools show marked properties and personal traits masked, the others as they are', async () => {
    const tag = createRecordingTag()
    function Send() {
      const signUpEvent = useTrackSignUp()
      return (
        <button type="button" onClick={() => signUpEvent.mutate({ properties: signUp })}>
          send
        </button>
      )
    }
    render(
      provider(
        tag,
        undefined,
        <>
          <Send />
          <IntileryDevtools initialIsOpen />
        </>,
      ),
    )
    act(() => screen.getByRole('button', { name: 'send' }).click())
    const table = await screen.findByRole('table', { name: /Intilery calls/ })
    await waitFor(() => expect(table.textContent).toContain('Signed Up'))
    const text = table.textContent ?? ''
    for (const value of ['pgibbons@example.com', 'Gibbons', '410 555', 'Peter']) expect(text).not.toContain(value)
    expect(text).toContain('"email": "[personal data]"')
    expect(text).toContain('"type": "invited"')
    expect(text).toContain('"plan": "pro"')
    // What the tag got is unchanged: masking is the panel's.
    expect(tag.tracks()[0]?.properties).toEqual(signUp)
  })

  it('the testing matchers name keys and never print a marked value', async () => {
    const tag = createRecordingTag()
    const { result } = renderHook(() => useTrackSignUp(), {
      wrapper: ({ children }) => provider(tag, 'send', children),
    })
    await act(() => result.current.mutateAsync({ properties: signUp }))
    let message = ''
    try {
      expect(tag).toHaveTracked('Signed Up', { email: 'mbolton@example.com' })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('email (differs)')
    for (const value of ['pgibbons@example.com', 'mbolton@example.com', 'Gibbons']) expect(message).not.toContain(value)
  })
})
