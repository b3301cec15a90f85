/**
 * True in a production build. Bundlers replace `process.env.NODE_ENV`; where nothing does and
 * `process` is not defined (plain ESM in a browser), this is a development build.
 */
export function isProduction(): boolean {
  try {
    return process.env.NODE_ENV === 'production'
  } catch {
    return false
  }
}
