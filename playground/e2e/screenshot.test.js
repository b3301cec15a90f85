// @ts-check
// docs/playground.png, which the README shows, must still show the playground: the scene it was
// taken from is rendered again and the text visible in it compared with the text kept in the PNG
// (words, not pixels, so that fonts and anti-aliasing cannot make it flaky).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, test } from 'node:test'
import { startPlayground } from './harness.js'
import { openScene, sceneText, sceneTextOf } from './screenshotScene.js'

const picture = new URL('../../docs/playground.png', import.meta.url)

/** @type {Awaited<ReturnType<typeof startPlayground>>} */
let playground

before(async () => {
  playground = await startPlayground()
})
after(() => playground?.close())

test('docs/playground.png shows the playground as it is (else: pnpm --filter playground screenshot)', async (t) => {
  const kept = sceneTextOf(readFileSync(picture))
  assert.ok(
    kept !== undefined,
    'docs/playground.png holds no scene text: re-take it with pnpm --filter playground screenshot',
  )
  const page = await openScene(playground.browser, playground.url)
  t.after(() => page.close())
  assert.equal(
    await sceneText(page),
    kept,
    'the playground no longer looks like docs/playground.png: re-take it with pnpm --filter playground screenshot',
  )
})
