import { IntileryDevtools } from '@intilery/react/devtools'
import { createRecordingTag, IntileryTestProvider } from '@intilery/react/testing'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('server rendering of the devtools and the test provider (node, no window)', () => {
  it('renders nothing of the panel on the server, calls no tag and logs nothing', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const tag = createRecordingTag()
    expect(typeof window).toBe('undefined')
    const html = renderToString(
      <IntileryTestProvider tag={tag} userId="019mr8mf4r">
        <p>app</p>
        <IntileryDevtools initialIsOpen />
      </IntileryTestProvider>,
    )
    expect(html).toBe('<p>app</p>')
    expect(tag.messages).toEqual([])
    expect(errors).not.toHaveBeenCalled()
  })
})
