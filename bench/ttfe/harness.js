// The page harness of the time-to-first-event benchmark (bench/ttfe.mjs), a classic script in the
// <head> of both pages. It loads the real tag first, the way a site's snippet does (a stub on
// `window.analytics`, then analytics-next's standalone build from this origin), and says when the
// tag has loaded. It then waits: `window.ttfe.start()` (called by the benchmark once the network is
// throttled) notes the time and adds the page's own script. The first `track` the real tag is
// handed, by the app or by the twin, is noted with its time: that is the first event.
;(function () {
  const harness = document.currentScript
  const entry = harness.dataset.entry
  const writeKey = new URLSearchParams(window.location.search).get('writeKey') ?? 'ttfe'
  const state = { tagReadyAt: undefined, startedAt: undefined, trackedAt: undefined, event: undefined, calls: [] }

  // The snippet's stub: calls are pushed onto it until the tag's script replaces it and replays them.
  const stub = (window.analytics = [])
  for (const method of ['track', 'identify', 'group', 'page', 'reset', 'ready']) {
    stub[method] = (...args) => {
      stub.push([method, ...args])
      return stub
    }
  }
  stub._writeKey = writeKey
  stub._cdn = window.location.origin

  /** Notes every call on the real tag, and the time of the first `track`; changes nothing else. */
  function watch(tag) {
    for (const method of ['track', 'identify', 'group', 'page', 'reset']) {
      const real = tag[method]
      tag[method] = function (...args) {
        state.calls.push(method)
        if (method === 'track' && state.trackedAt === undefined) {
          state.trackedAt = performance.now()
          state.event = args[0]
        }
        return real.apply(this, args)
      }
    }
  }

  stub.ready(() => {
    watch(window.analytics)
    state.tagReadyAt = performance.now()
  })
  const script = document.createElement('script')
  script.async = true
  script.src = `${stub._cdn}/analytics.js/v1/${encodeURIComponent(writeKey)}/analytics.min.js`
  document.head.append(script)

  window.ttfe = {
    state,
    /** Adds the page's code; the time it is asked for is the origin of every figure. */
    start() {
      state.startedAt = performance.now()
      const app = document.createElement('script')
      app.type = 'module'
      app.src = entry
      document.head.append(app)
    },
    /** The JavaScript the page fetched after `start()`, in ms from it. */
    scripts() {
      return performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime >= state.startedAt && /\.js$/.test(new URL(entry.name).pathname))
        .map((entry) => ({
          path: new URL(entry.name).pathname,
          start: entry.startTime - state.startedAt,
          end: entry.responseEnd - state.startedAt,
          bytes: entry.encodedBodySize,
        }))
    },
  }
})()
