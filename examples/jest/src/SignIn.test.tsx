import { createRecordingTag, IntileryTestProvider } from '@intilery/react/testing'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { SignIn } from './SignIn'

it('tracks the sign-in', async () => {
  const tag = createRecordingTag()
  render(
    <IntileryTestProvider tag={tag} userId="019mr8mf4r">
      <SignIn username="pgibbons" />
    </IntileryTestProvider>,
  )
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))

  await waitFor(() => expect(tag).toHaveTracked('Signed In', { username: 'pgibbons' }))
  expect(tag).toHaveTrackedTimes('Signed In', 1)
  expect(tag).not.toHaveTracked('Signed Out')
  expect(tag.payloads()).toEqual([
    {
      userId: '019mr8mf4r',
      type: 'track',
      event: 'Signed In',
      properties: { username: 'pgibbons' },
      context: { groupId: 'acct_test' },
    },
  ])
})
