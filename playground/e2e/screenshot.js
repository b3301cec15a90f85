// @ts-check
// Saves docs/playground.png: the sign-up story after one submit, with what the collector received,
// and inside the PNG the text it shows, which the browser suite checks (screenshot.test.js).
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { startPlayground } from './harness.js'
import { openScene, sceneText, withSceneText } from './screenshotScene.js'

const file = fileURLToPath(new URL('../../docs/playground.png', import.meta.url))
const playground = await startPlayground()
try {
  const page = await openScene(playground.browser, playground.url)
  const text = await sceneText(page)
  writeFileSync(file, withSceneText(await page.screenshot(), text))
  console.log(`saved ${file}, with the ${text.split('\n').length} lines of text it shows`)
} finally {
  await playground.close()
}
