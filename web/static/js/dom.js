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

// codeText turns a string with `code` spans (as the API's messages and
// hints write commands) into nodes: text, and <code> elements holding the
// spans' text. Nothing in the string becomes markup; an unpaired backtick
// stays as it is.
export function codeText(s) {
  const parts = String(s ?? "").split("`");
  if (parts.length < 3) return [String(s ?? "")];
  const out = [];
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (i % 2 === 0) {
      if (part) out.push(part);
    } else if (last) {
      out.push("`" + part); // the unpaired one
    } else {
      const c = document.createElement("code");
      c.textContent = part;
      out.push(c);
    }
  });
  return out;
}

export const $ = (id) => document.getElementById(id);
