// @ts-check
// Building DOM nodes. Text always goes in as text nodes, never as HTML, so anything a person
// typed (or a partner's file contains) is shown exactly and never run.

/**
 * h("button", {class: "primary", onclick: fn}, "Save")
 * @param {string} tag
 * @param {Record<string, any>|null} [attrs]
 * @param {...(Node|string|number|null|undefined|false|Array<any>)} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "class") {
      el.className = value;
    } else if (key === "value" || key === "checked" || key === "selected") {
      /** @type {any} */ (el)[key] = value;
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

/** @param {Node} parent @param {Array<any>} children */
function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `el`. @param {HTMLElement} el @param {...any} children */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

let uniqueCounter = 0;
/** A fresh id for linking labels and inputs. @param {string} prefix */
export function uniqueId(prefix) {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}`;
}

/** Calls `fn` once typing pauses for `ms`; `flush()` runs a pending call at once. */
export function debounce(/** @type {() => void} */ fn, ms = 400) {
  /** @type {number|undefined} */ let timer;
  const debounced = () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => { timer = undefined; fn(); }, ms);
  };
  debounced.flush = () => {
    if (timer !== undefined) { clearTimeout(timer); timer = undefined; fn(); }
  };
  return debounced;
}
