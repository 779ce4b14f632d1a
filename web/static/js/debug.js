// debug.js: switches for finding where the page's time goes (bench/web),
// from the page's URL: ?debug=nolabels,noobstacles,nosettlements,
// nobasemap,nocontrol,nohold,noskip leave those parts of the map (or the
// held frames, or the skipping of unchanged held frames) out; sync gives
// the canvas map synchronized 2D contexts (canvasview.js); ?debug=log
// records what happened when (window.frontline.debug().log: requests
// sent and answered, data given to the map, frames held and painted).

export const DEBUG = new Set((new URLSearchParams(location.search).get("debug") || "").split(",").filter(Boolean));

export const debugLog = [];

// logEvent records what at the page's time now, with ?debug=log.
export function logEvent(what) {
  if (DEBUG.has("log")) debugLog.push([Math.round(performance.now()), what]);
}
