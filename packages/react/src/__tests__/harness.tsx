import { createRecordingTag, type RecordingTagOptions } from '@intilery/core/testing'
import { renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { IntileryTestProvider, type IntileryTestProviderProps } from '../testing'

/**
 * Renders a hook under the library's own `IntileryTestProvider` (validation 'throw', account
 * `acct_test` unless given, short timeouts) with a recording tag of its own; returns both.
 */
export function renderWithTag<T>(
  hook: () => T,
  props: Omit<IntileryTestProviderProps, 'children' | 'tag'> = {},
  tagOptions: RecordingTagOptions = {},
) {
  const tag = createRecordingTag(tagOptions)
  const wrapper = ({ children }: { children: ReactNode }) => (
    <IntileryTestProvider tag={tag} {...props}>
      {children}
    </IntileryTestProvider>
  )
  return { tag, ...renderHook(hook, { wrapper }) }
}
