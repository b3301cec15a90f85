import type { IntileryMatchers } from '@intilery/react/testing'

declare global {
  namespace jest {
    interface Matchers<R> extends IntileryMatchers<R> {}
  }
}
