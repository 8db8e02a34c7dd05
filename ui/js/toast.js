// @ts-check
// Short messages at the bottom of the window, with an optional Undo button.
import { h } from "./dom.js";
import { t } from "./text.js";

/**
 * @param {string} message
 * @param {{undo?: () => void, error?: boolean, seconds?: number}} [options]
 */
export function toast(message, options = {}) {
  const box = document.getElementById("toasts");
  if (!box) return;
  const item = h("div", { class: options.error ? "toast error" : "toast" }, h("span", null, message));
  if (options.undo) {
    const undo = options.undo;
    item.appendChild(h("button", { class: "link", onclick: () => { item.remove(); reported(undo)(); } }, t("common.undo")));
  }
  item.appendChild(h("button", { class: "icon", "aria-label": t("common.dismiss"), onclick: () => item.remove() }, t("common.dismiss_mark")));
  box.appendChild(item);
  window.setTimeout(() => item.remove(), (options.seconds ?? (options.undo ? 12 : 6)) * 1000);
}

/**
 * Wraps an event handler so that a failure is shown to the person as an error toast instead of
 * only reaching the console.
 * @param {(...args: any[]) => any} handler
 * @returns {(...args: any[]) => Promise<void>}
 */
export function reported(handler) {
  return async (...args) => {
    try {
      await handler(...args);
    } catch (err) {
      toast(/** @type {any} */ (err)?.message || String(err), { error: true });
    }
  };
}
