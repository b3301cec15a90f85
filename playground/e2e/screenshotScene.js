// @ts-check
// What docs/playground.png shows, in one place: the scene (the sign-up story after one submit, at
// 1440 × 900), the text visible in it, and where that text is kept, inside the PNG itself. The
// screenshot script stores the text with the picture; the browser suite renders the scene again and
// fails when the visible text differs, so a picture that no longer shows the playground is caught
// by words, not pixels (fonts and anti-aliasing differ between machines; words do not).
import { crc32 } from 'node:zlib'

/** @typedef {import('playwright-core').Browser} Browser */
/** @typedef {import('playwright-core').Page} Page */

/** The picture's size: the README shows it at this width. */
export const viewport = { width: 1440, height: 900 }

/** The PNG text chunk's keyword under which the scene's visible text is kept. */
const KEYWORD = 'intilery-playground-scene'

/**
 * Opens the scene in a fresh tab (empty storage): the sign-up story, submitted once, once the
 * collector has the payload and the mutation has settled. Close the page when done.
 */
export async function openScene(/** @type {Browser} */ browser, /** @type {string} */ url) {
  const page = await browser.newPage({ viewport })
  await page.goto(`${url}#sign-up`)
  const log = page.getByRole('region', { name: 'Event log' })
  // identify, group and the page view arrive before the click, so the event log's numbers hold.
  await log.getByText('"type": "group"').first().waitFor()
  await log.locator('li[data-path="/v1/p"]').first().waitFor()
  await page.getByRole('button', { name: 'Sign up' }).click()
  await log.getByText('"event": "Signed Up"').first().waitFor()
  await page.locator('section.mutation[data-status="success"]').waitFor()
  // Fonts and layout settle before the picture or the text is taken.
  await page.evaluate(() => document.fonts.ready)
  return page
}

/**
 * The text the scene shows inside the viewport, line by line: every line of rendered text that
 * intersects it. What changes from run to run is masked: times, ids, durations and the tag's
 * delivery status (which a loaded machine can turn into a timeout).
 */
export async function sceneText(/** @type {Page} */ page) {
  const lines = await page.evaluate(({ width, height }) => {
    const shown = []
    // Not what a closed <details>, a hidden element or a transparent one holds.
    const visibility = { contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true }
    const inView = (/** @type {Range} */ range) =>
      [...range.getClientRects()].some(
        (rect) =>
          rect.width > 0 &&
          rect.height > 0 &&
          rect.bottom > 0 &&
          rect.right > 0 &&
          rect.top < height &&
          rect.left < width,
      )
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? ''
      if (text.trim() === '' || !node.parentElement?.checkVisibility(visibility)) continue
      // Line by line: a long <pre> is cut by the picture's edge.
      let at = 0
      for (const line of text.split('\n')) {
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + line.length)
        at += line.length + 1
        if (line.trim() !== '' && inView(range)) shown.push(line.trim())
      }
    }
    return shown
  }, viewport)
  return mask(lines.join('\n'))
}

/** Masks what differs between two runs of the same scene. */
function mask(/** @type {string} */ text) {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<timestamp>')
    .replace(/\b\d{2}:\d{2}:\d{2}(\.\d+)?\b/g, '<time>')
    .replace(/\b\d+(\.\d+)? ?ms\b/g, '<ms>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(/ajs-next-\d+/g, 'ajs-next-<time>')
    .replace(/^tag:\n\w+$/m, 'tag:\n<status>')
}

/** The PNG with the scene's text in an `iTXt` chunk (UTF-8) before its end, any earlier one replaced. */
export function withSceneText(/** @type {Buffer} */ png, /** @type {string} */ text) {
  const chunks = readChunks(png).filter((chunk) => chunk.keyword !== KEYWORD)
  // keyword, NUL, no compression (0, 0), no language tag, NUL, no translated keyword, NUL, text.
  const data = Buffer.concat([Buffer.from(`${KEYWORD}\0\0\0\0\0`, 'latin1'), Buffer.from(text, 'utf8')])
  const end = chunks.findIndex((chunk) => chunk.type === 'IEND')
  chunks.splice(end, 0, { type: 'iTXt', keyword: KEYWORD, data })
  return Buffer.concat([png.subarray(0, 8), ...chunks.map(encodeChunk)])
}

/** The scene's text kept in a PNG, or undefined when the picture has none. */
export function sceneTextOf(/** @type {Buffer} */ png) {
  const chunk = readChunks(png).find((c) => c.type === 'iTXt' && c.keyword === KEYWORD)
  return chunk?.data.subarray(KEYWORD.length + 5).toString('utf8')
}

/** @typedef {{ type: string, keyword: string | undefined, data: Buffer }} Chunk */

/** The chunks of a PNG, after its 8-byte signature; text chunks with their keyword. */
function readChunks(/** @type {Buffer} */ png) {
  if (png.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG')
  /** @type {Chunk[]} */
  const chunks = []
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at)
    const type = png.subarray(at + 4, at + 8).toString('latin1')
    const data = png.subarray(at + 8, at + 8 + length)
    const text = type === 'tEXt' || type === 'iTXt' || type === 'zTXt'
    chunks.push({ type, keyword: text ? data.subarray(0, data.indexOf(0)).toString('latin1') : undefined, data })
    at += 12 + length
  }
  return chunks
}

/** A chunk as PNG stores it: length, type, data, and the CRC of type and data. */
function encodeChunk(/** @type {Chunk} */ { type, data }) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}
