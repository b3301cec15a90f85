/**
 * An in-page panel listing every event; dev-only, lazy, and absent from production builds.
 *
 * @example
 * ```tsx
 * import { IntileryDevtools } from '@intilery/react/devtools'
 * <IntileryProvider><App /><IntileryDevtools /></IntileryProvider>
 * ```
 *
 * @module @intilery/react/devtools
 */
'use client'
import { createElement, lazy, type ReactNode, Suspense, useEffect, useState } from 'react'
import { useIntileryContext } from '../context'
import { createEventLog } from './eventLog'
import type { IntileryDevtoolsProps } from './IntileryDevtoolsPanel'

export type { IntileryDevtoolsProps } from './IntileryDevtoolsPanel'

/**
 * The devtools outside production: events are followed from mount while the panel itself loads,
 * in its own chunk, once mounted in the browser. A function, so that when the production branch below is
 * folded away nothing references it and bundlers drop it with the `import()`.
 */
function lazyDevtools(): (props: IntileryDevtoolsProps) => ReactNode {
  const Panel = lazy(() =>
    import('./IntileryDevtoolsPanel').then((module) => ({ default: module.IntileryDevtoolsPanel })),
  )
  return function IntileryDevtools(props) {
    const { tracker } = useIntileryContext('IntileryDevtools')
    const [log] = useState(() => createEventLog(props.limit ?? 100))
    // Client only: nothing renders on the server or in hydration, so the markup always matches.
    const [mounted, setMounted] = useState(false)
    useEffect(() => setMounted(true), [])
    useEffect(() => tracker.subscribe((record) => record && log.add(record)), [tracker, log])
    return mounted ? createElement(Suspense, { fallback: null }, createElement(Panel, { ...props, log })) : null
  }
}

/**
 * An in-page panel listing every event the nearest `IntileryProvider` sends: its name, properties,
 * account, validation result and delivery state (queued, handed over, acknowledged, timed out,
 * failed…), updated live. It follows events from the moment it mounts (the panel's code loads
 * meanwhile) and keeps the newest `limit`. Payloads are shown as text, never as HTML.
 *
 * Development only: in a production build (`process.env.NODE_ENV === 'production'`) it renders
 * nothing and the panel's code is left out of the bundle. Outside production the panel is loaded
 * lazily, in its own chunk, when it first renders. Without a bundler to set `process.env.NODE_ENV`
 * (a page loading the files as they are), it renders nothing either.
 *
 * @example
 * ```tsx
 * import { IntileryDevtools } from '@intilery/react/devtools'
 *
 * root.render(
 *   <IntileryProvider groupId={account.id} userId={user.id}>
 *     <App />
 *     <IntileryDevtools initialIsOpen={false} />
 *   </IntileryProvider>,
 * )
 * ```
 */
export const IntileryDevtools: (props: IntileryDevtoolsProps) => ReactNode = devtoolsForThisBuild()

/**
 * The panel outside production, nothing in production or with no bundler. Bundlers write the mode in
 * place of `process.env.NODE_ENV`, so in a production build the test is a constant and `lazyDevtools`
 * (with its `import()`) is left unreferenced; with no bundler `process` is not defined, and reading it
 * throws, which here means "off" rather than a broken page.
 */
function devtoolsForThisBuild(): (props: IntileryDevtoolsProps) => ReactNode {
  try {
    if (process.env.NODE_ENV !== 'production') return lazyDevtools()
  } catch {
    // No bundler set the mode: stay off.
  }
  return () => null
}
