import { intileryMatchers } from '@intilery/react/testing'

expect.extend(intileryMatchers)
