// @ts-check
// The "Saved" indicator: counts saves in flight and says when everything is on disk. It also
// knows the saves still waiting for typing to pause, so they can be sent before the person
// leaves the screen or makes a file from what is saved.

/** @type {HTMLElement|null} */
let indicator = null;
let pending = 0;
/** Saves in flight. @type {Set<Promise<any>>} */
const inFlight = new Set();
/** Debounced saves not sent yet: each function sends its save now. @type {Set<() => void>} */
const waiting = new Set();

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
  const running = (async () => work())();
  inFlight.add(running);
  try {
    const result = await running;
    pending -= 1;
    if (pending === 0) show("Saved");
    return result;
  } catch (err) {
    pending -= 1;
    show("Not saved", true);
    throw err;
  } finally {
    inFlight.delete(running);
  }
}

/** A debounced save waiting for typing to pause; `send` sends it now. @param {() => void} send */
export function addWaiting(send) { waiting.add(send); }
/** @param {() => void} send */
export function removeWaiting(send) { waiting.delete(send); }

/**
 * Sends every save still waiting for a pause in typing and waits until all saves are done.
 * Resolves with the first failure's message, or null when everything is on disk.
 * @returns {Promise<string|null>}
 */
export async function flushSaves() {
  for (const send of [...waiting]) send();
  if (inFlight.size === 0) return null;
  const results = await Promise.allSettled([...inFlight]);
  const failed = /** @type {PromiseRejectedResult|undefined} */ (results.find((r) => r.status === "rejected"));
  return failed ? String(failed.reason?.message || failed.reason) : null;
}
