import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

// A wait (`waitFor`, `findBy…`) ends as soon as what it waits for is true; its timeout only says when
// to give up. Testing Library's default, 1 s, is shorter than a busy machine can take to load a lazy
// chunk or run ten thousand mutations, so a wait that would pass could fail: give up after 10 s.
configure({ asyncUtilTimeout: 10_000 })

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup()
})
