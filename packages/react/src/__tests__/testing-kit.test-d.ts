import '@intilery/react/testing/vitest'
import { createRecordingTag, type IntileryMatchers, intileryMatchers } from '@intilery/react/testing'
import { describe, expect, expectTypeOf, it } from 'vitest'

describe('the testing kit’s types', () => {
  it('the vitest entry declares the matchers on expect(), with .not', () => {
    const tag = createRecordingTag()
    expectTypeOf(expect(tag).toHaveTracked).parameters.toEqualTypeOf<
      [event: Parameters<IntileryMatchers['toHaveTracked']>[0], properties?: Record<string, unknown>]
    >()
    expectTypeOf(expect(tag).not.toHaveTrackedTimes).parameter(1).toEqualTypeOf<number>()
    // @ts-expect-error a count is a number
    expect(tag).toHaveTrackedTimes('Signed In', '2')
    // @ts-expect-error properties are an object
    expect(tag).toHaveTracked('Signed In', 'pgibbons')
    // @ts-expect-error the event name is required
    expect(tag).toHaveTracked()
  })

  it('suggests the spec’s event names and takes an app’s own', () => {
    expectTypeOf<'Signed In'>().toExtend<Parameters<IntileryMatchers['toHaveTracked']>[0]>()
    expectTypeOf<'Report Exported'>().toExtend<Parameters<IntileryMatchers['toHaveTracked']>[0]>()
  })

  it('exports the matchers as an object for expect.extend in jest or vitest', () => {
    expectTypeOf(intileryMatchers).toHaveProperty('toHaveTracked')
    expectTypeOf(intileryMatchers).toHaveProperty('toHaveTrackedTimes')
    expectTypeOf<keyof typeof intileryMatchers>().toEqualTypeOf<keyof IntileryMatchers>()
  })
})
