// @ts-check
// The analytics.js snippet, as a site pastes it into its <head>: a plain script that runs before the
// app. Written for this page from what a snippet has to do; the query string picks its form:
//   ?stub=classic     the 4.x stub: every call is pushed onto the window.analytics array, nothing more;
//   ?stub=forwarding  the 5.x stub: the same until the real tag has replaced window.analytics and
//                     initialised; from then on a call on the stub goes straight to the real tag.
//   ?cdn=<origin>     where the tag's script and settings come from (the local CDN of the tests).
//   ?writeKey=<key>   default 'snippet'.
// When the script has loaded, the tag replaces window.analytics with its own instance and replays what
// the array holds. Whoever kept the stub object itself keeps calling the stub.
// Unlike the official snippet (`page: true`), it sends no page() of its own as it loads: that one would
// go straight to the tag with the raw URL (an invite link's ?email=…&token=…). The app's usePageView
// sends the first page view, through the library, which redacts the URL (docs/recipes.md).
;(function () {
  const params = new URLSearchParams(window.location.search)
  const forwarding = params.get('stub') === 'forwarding'
  const cdn = params.get('cdn') ?? ''
  const writeKey = params.get('writeKey') ?? 'snippet'

  /** @type {any} */
  const page = window
  /** @type {any} */
  const analytics = (page.analytics = page.analytics || [])
  // The real tag is already here, or a snippet ran before this one: leave it.
  if (analytics.initialize || analytics.invoked) return
  analytics.invoked = true

  const methods = [
    'track',
    'identify',
    'group',
    'page',
    'alias',
    'screen',
    'reset',
    'ready',
    'on',
    'once',
    'off',
    'setAnonymousId',
    'addSourceMiddleware',
    'addDestinationMiddleware',
    'register',
    'debug',
  ]
  for (const method of methods) {
    analytics[method] = function (/** @type {unknown[]} */ ...args) {
      const current = page.analytics
      if (forwarding && current !== analytics && current && current.initialized) {
        return current[method](...args)
      }
      analytics.push([method, ...args])
      return analytics
    }
  }

  analytics.load = function (/** @type {string} */ key, /** @type {object | undefined} */ options) {
    const script = document.createElement('script')
    script.async = true
    script.src = `${analytics._cdn}/analytics.js/v1/${encodeURIComponent(key)}/analytics.min.js`
    const first = document.getElementsByTagName('script')[0]
    if (first?.parentNode) first.parentNode.insertBefore(script, first)
    else document.head.append(script)
    analytics._loadOptions = options
  }
  analytics._writeKey = writeKey
  analytics._cdn = cdn
  analytics.load(writeKey)
})()
