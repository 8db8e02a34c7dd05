// @ts-check
// The "Saved" indicator: counts saves in flight and says when everything is on disk.

/** @type {HTMLElement|null} */
let indicator = null;
let pending = 0;

/** @param {HTMLElement} el */
export function attachIndicator(el) {
  indicator = el;
  show(pending ? "Saving…" : "");
}

/** @param {string} text @param {boolean} [failed] */
function show(text, failed = false) {
  if (!indicator) return;
  indicator.textContent = text;
  indicator.classList.toggle("failed", failed);
}

/**
 * Runs a save and keeps the indicator honest: "Saved" only after the Rust side confirmed it.
 * @template T
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function tracked(work) {
  pending += 1;
  show("Saving…");
  try {
    const result = await work();
    pending -= 1;
    if (pending === 0) show("Saved");
    return result;
  } catch (err) {
    pending -= 1;
    show("Not saved", true);
    throw err;
  }
}
