// dom.js: building DOM from data. Strings always become text nodes, never
// HTML, so names and properties from imported maps cannot inject markup.

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on") && typeof v === "function") e.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  append(e, children);
  return e;
}

function append(e, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function setText(id, text) {
  const e = document.getElementById(id);
  if (e) e.textContent = text ?? "";
  return e;
}

export function swatch(cls) {
  return el("span", { class: "swatch sw-" + cls, "aria-hidden": "true" });
}

export const $ = (id) => document.getElementById(id);
