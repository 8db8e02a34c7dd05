// @ts-check
// Modal dialogs on the native <dialog> element: focus is trapped, Escape cancels.
import { h, replace } from "./dom.js";
import { t } from "./text.js";

/** How to close each open dialog as Escape would. @type {Set<() => void>} */
const open = new Set();

/** Closes every open dialog as Escape would (before the screen changes under them). */
export function closeDialogs() {
  for (const cancel of [...open]) cancel();
}

/**
 * Opens a modal built by `build(close)`; resolves with what close() was given (undefined on Escape).
 * @template T
 * @param {string} title
 * @param {(close: (result?: T) => void) => Node[]} build
 * @returns {Promise<T|undefined>}
 */
export function openDialog(title, build) {
  return new Promise((resolve) => {
    const dialog = /** @type {HTMLDialogElement} */ (h("dialog", { "aria-labelledby": "dialog-title" }));
    /** @param {T} [result] */
    const close = (result) => { open.delete(cancel); dialog.close(); dialog.remove(); resolve(result); };
    const cancel = () => close();
    open.add(cancel);
    dialog.addEventListener("cancel", (event) => { event.preventDefault(); close(); });
    // Through replace(), like every screen: parts a dialog leaves out (null) are skipped, not
    // written as the text "null".
    replace(dialog, h("h2", { id: "dialog-title" }, title), build(close));
    document.body.appendChild(dialog);
    dialog.showModal();
    const first = /** @type {HTMLElement|null} */ (dialog.querySelector("[autofocus], input, textarea, select, button.primary"));
    first?.focus();
  });
}

/**
 * Asks before something that cannot be taken back lightly.
 * @param {{title: string, message: string, confirm: string, danger?: boolean}} options
 * @returns {Promise<boolean>}
 */
export async function confirmDialog({ title, message, confirm, danger }) {
  const answer = await openDialog(title, (close) => [
    h("p", null, message),
    h("div", { class: "actions" },
      h("button", { type: "button", onclick: () => close(false) }, t("common.cancel")),
      h("button", { type: "button", class: danger ? "danger" : "primary", onclick: () => close(true) }, confirm)),
  ]);
  return answer === true;
}
