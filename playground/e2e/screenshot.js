// @ts-check
// Saves docs/playground.png: the sign-up story after one submit, with what the collector received.
import { fileURLToPath } from 'node:url'
import { startPlayground } from './harness.js'

const file = fileURLToPath(new URL('../../docs/playground.png', import.meta.url))
const playground = await startPlayground()
try {
  const page = await playground.browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.goto(`${playground.url}#sign-up`)
  await page.getByRole('region', { name: 'Event log' }).getByText('"type": "group"').first().waitFor()
  await page.getByRole('button', { name: 'Sign up' }).click()
  await page.getByRole('region', { name: 'Event log' }).getByText('"event": "Signed Up"').first().waitFor()
  await page.locator('section.mutation[data-status="success"]').waitFor()
  await page.screenshot({ path: file })
  console.log(`saved ${file}`)
} finally {
  await playground.close()
}
