import { createRecordingTag, type RecordedMessage, type RecordingTagOptions } from '@intilery/core/testing'
import { renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { IntileryProvider, type IntileryProviderProps } from '../index'

/** The fields the spec's examples print, picked from what the tag recorded. */
export function asSpecPayload(message: RecordedMessage | undefined): Record<string, unknown> {
  if (message === undefined) throw new Error('no message was recorded')
  const { userId, type, event, properties, context } = message
  return { ...(userId === undefined ? {} : { userId }), type, event, properties, context }
}

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
