// @ts-check
// Debian's chromium, the one way every browser run of this repository starts it: the e2e suite, the
// consumer test and the burst benchmark. Never a downloaded browser.

/** Where Debian's package puts it (`apt-get install chromium`). */
export const chromiumPath = '/usr/bin/chromium'

/** Flags that keep it headless, quiet and off every outside host. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
