import type { Stamp } from '../call'
import { isProduction } from '../env'
import { detect, REDACTED, scrub } from '../events/detect'
import { pageNow } from './stamp'

/** The page's five fields, as analytics.js tags read them and `context.page` carries them. */
export type Page = Stamp['page']

/** Query parameters redacted by name, whatever their value (an app's `redactQueryParams` adds to them). */
export const QUERY_PARAMS: readonly string[] = ['email', 'token', 'code', 'password', 'key', 'secret']

const FIELDS = ['url', 'path', 'search', 'referrer', 'title'] as const

/**
 * Redacts the page a call carries to the tag, in every validation mode: the app cannot change
 * the address it is on, so a value that looks like personal data (see events/detect.ts) is
 * replaced by `[redacted]` wherever it shows. In the URL and the referrer: a path segment; a query
 * parameter by its value, or by its name when a word of it is in the list (`email`, `reset_token`,
 * `apiKey`); the fragment. The search string likewise; in the title, the part that looks like it.
 * Outside production, the console says so once per field and parameter, naming the parameter,
 * never the value. The last page is kept: most calls carry the same one.
 */
export class PageRedactor {
  #names: readonly string[] = QUERY_PARAMS
  #extra: readonly string[] | undefined
  /** The last page redacted, as it was read, and redacted. */
  #raw: Page | undefined
  #page: Page | undefined
  /** What the page was last read by (see `current`). */
  #url: string | undefined
  #title: string | undefined
  /** Whether there is a page to read (a browser, or a DOM with a location, as jsdom gives). */
  #browser: boolean | undefined
  readonly #warned = new Set<string>()

  /** The query parameter names redacted whatever their value: the defaults and `extra`. */
  names(extra: readonly string[] | undefined): void {
    if (extra === this.#extra) return
    this.#extra = extra
    const names = extra === undefined ? QUERY_PARAMS : [...QUERY_PARAMS, ...extra.map((name) => name.toLowerCase())]
    if (names.join() === this.#names.join()) return
    this.#names = names
    this.#raw = undefined
    this.#url = undefined
  }

  /**
   * The page now, redacted; undefined outside a browser. Most calls are made on the page of the
   * call before: the page is read in full (see `pageNow`) and redacted again only when the
   * document's address or title has changed (its referrer cannot). `document.URL` follows the
   * address (a router's `pushState` too) and costs a twentieth of `location.href` in Chromium
   * (86 ns, 1.6 µs).
   */
  current(): Page | undefined {
    // `location` is looked up once: the lookup alone costs half a microsecond in Chromium.
    this.#browser ??= typeof location !== 'undefined' && typeof document !== 'undefined'
    if (!this.#browser) return undefined
    let url: string, title: string
    try {
      url = document.URL
      title = document.title
    } catch {
      return undefined
    }
    if (url !== this.#url || title !== this.#title) {
      const raw = pageNow()
      if (raw === undefined) return undefined
      this.page(raw)
      this.#url = url
      this.#title = title
    }
    return this.#page
  }

  /** `raw` with its five fields redacted (the last one is remembered: most calls carry the same page). */
  page(raw: Page): Page {
    const last = this.#raw
    const same = last !== undefined && FIELDS.every((field) => last[field] === raw[field])
    if (!same) {
      this.#page = this.fields(raw)
      this.#raw = raw
    }
    return this.#page!
  }

  /** The same five fields redacted in a page view's properties (an app may pass `search`, `url`…). */
  fields<T extends Partial<Record<(typeof FIELDS)[number], unknown>>>(values: T): T {
    let out: T | undefined
    for (const field of FIELDS) {
      const value = values[field]
      if (typeof value !== 'string') continue
      const redacted = field === 'title' ? this.#text(value) : this.#address(value, field)
      if (redacted !== value) (out ??= { ...values })[field] = redacted
    }
    return out ?? values
  }

  #text(title: string): string {
    const redacted = scrub(title)
    if (redacted !== title) this.#warn('title', 'its title')
    return redacted
  }

  /** A URL, a path or a search string: its path segments, its query and its fragment. */
  #address(address: string, field: string): string {
    const [rest = '', fragment] = splitAt(address, '#')
    const [path = '', query] = splitAt(rest, '?')
    let out = path
      .split('/')
      .map((segment) => (this.#found(segment, field, 'a segment of its path') ? REDACTED : segment))
      .join('/')
    if (query !== undefined) out += `?${this.#query(query, field)}`
    if (fragment === undefined) return out
    // A fragment may hold parameters too (`#access_token=…`).
    if (fragment.includes('=')) return `${out}#${this.#query(fragment, field)}`
    return `${out}#${this.#found(fragment, field, 'its fragment') ? REDACTED : fragment}`
  }

  /** True, with a warning, when a part of an address looks like personal data. */
  #found(part: string, field: string, where: string): boolean {
    if (!looks(part)) return false
    this.#warn(field, where)
    return true
  }

  #query(query: string, field: string): string {
    return query
      .split('&')
      .map((pair) => {
        const equals = pair.indexOf('=')
        const name = decode(equals === -1 ? pair : pair.slice(0, equals))
        if (this.#found(name, field, 'the name of a query parameter')) return REDACTED
        if (equals === -1) return pair
        if (!this.#secret(name) && !looks(pair.slice(equals + 1))) return pair
        this.#warn(field, `its query parameter "${name}"`)
        return `${pair.slice(0, equals)}=${REDACTED}`
      })
      .join('&')
  }

  /** True when a word of the name is in the list: `token`, `reset_token`, `resetToken`, `api-key`. */
  #secret(name: string): boolean {
    const words = name
      .replace(/([a-z\d])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z\d]+/)
    return words.some((word) => this.#names.includes(word))
  }

  #warn(field: string, where: string): void {
    const said = `${field} ${where}`
    if (isProduction() || this.#warned.has(said)) return
    this.#warned.add(said)
    console.warn(
      `[intilery] the page's ${field} had personal data or a secret in ${where}: it was replaced by ${REDACTED} before the tag saw it`,
    )
  }
}

/** The text before the first `mark` and, if there is one, the text after it. */
function splitAt(text: string, mark: string): [string, string | undefined] {
  const at = text.indexOf(mark)
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)]
}

/**
 * True when a part of an address looks like personal data, read both ways a `+` can be meant: as
 * a space (a form's query), or, before a number, as itself (`?phone=+14155550123`,
 * `+1+415+555+0123`, `tel:+1…`, a path segment `/u/+14155550123`).
 */
function looks(part: string): boolean {
  if (detect(decode(part)) !== undefined) return true
  return part.includes('+') && detect(decode(part.replace(/\+(?!\d)|(?<=\d)\+/g, ' '), false)) !== undefined
}

/** A URL's part as text: `+` and percent-escapes read (a broken escape is taken as it is). */
function decode(part: string, plusIsSpace = true): string {
  try {
    return decodeURIComponent(plusIsSpace ? part.replace(/\+/g, ' ') : part)
  } catch {
    return part
  }
}
