// renderer.js: which map to draw. MapLibre (mapview.js) needs WebGL, and
// where WebGL is rendered in software (SwiftShader, llvmpipe: no GPU, as
// in virtual machines, remote desktops and headless browsers) its
// start-up alone costs seconds of CPU; there, and where there is no WebGL
// at all, the map is drawn with the 2D canvas (canvasview.js). The page's
// URL can ask for either: ?renderer=canvas or ?renderer=webgl.
//
// Both renderers have the same methods, the only ones app.js calls:
//   setControl(fc), setOverlay(fc), setDisagree(fc), setChange(fc),
//   setControlFaded(bool), setSites(list), addLabels(places),
//   setSelected(place|null), holdStart(promises), onPlace(fn(id)),
//   view() → {zoom, lat, lon}, zoom(), jumpTo({zoom, lat, lon}),
//   flyTo(lon, lat, zoom), project(lon, lat) → {x, y}, resize(),
//   on(event, fn), once(event, fn) for "idle", "zoom", "moveend",
//   loaded(), isMoving(), ready (a promise), renderer ("webgl"|"canvas"),
//   and for the tests renderedControl(), renderedChange(),
//   renderedOverlay(), renderedLabels(box), labelRules(), debugState().

// SOFTWARE matches the WebGL renderer strings of software rasterisers
// (index.html's boot script has the same, to remember a software answer).
export const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

// chooseRenderer gives {name: "webgl"|"canvas", why}.
export function chooseRenderer(search = location.search) {
  const asked = new URLSearchParams(search).get("renderer");
  if (asked === "canvas" || asked === "webgl") return { name: asked, why: "asked for in the URL" };
  // index.html's boot script asked WebGL while the modules loaded.
  const boot = window.frontlineBoot;
  const gl = boot && boot.gl !== undefined ? boot.gl : webglRenderer();
  if (!gl) return { name: "canvas", why: "no WebGL" };
  if (SOFTWARE.test(gl)) return { name: "canvas", why: "software WebGL: " + gl };
  return { name: "webgl", why: gl };
}

// webglRenderer names the browser's WebGL renderer ("" if it will not
// say), or null without WebGL. The context is released at once.
function webglRenderer() {
  let gl = null;
  try {
    const c = document.createElement("canvas");
    gl = c.getContext("webgl2") || c.getContext("webgl");
  } catch {
    return null;
  }
  if (!gl) return null;
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const name = String((info && gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) || gl.getParameter(gl.RENDERER) || "");
  const lose = gl.getExtension("WEBGL_lose_context");
  if (lose) lose.loseContext();
  return name;
}

// loadScript runs a classic script (MapLibre's bundle) from this server.
export function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(s);
  });
}
