import { createRecordingTag, type RecordingTagOptions } from '@intilery/core/testing'
import { renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { IntileryProvider, type IntileryProviderProps } from '../index'

/** Renders a hook under a provider with a recording tag; returns both. */
export function renderWithTag<T>(
  hook: () => T,
  props: Omit<IntileryProviderProps, 'children' | 'tag'> = {},
  tagOptions: RecordingTagOptions = {},
) {
  const tag = createRecordingTag(tagOptions)
  const wrapper = ({ children }: { children: ReactNode }) => (
    <IntileryProvider tag={tag} {...props}>
      {children}
    </IntileryProvider>
  )
  return { tag, ...renderHook(hook, { wrapper }) }
}
