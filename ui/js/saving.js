// @ts-check
// The "Saved" indicator and what it stands for: saves in flight, saves still waiting for typing
// to pause, and the answers on the screen whose last save failed. It says "Saved" only when
// every question on the screen is on disk, and a failed answer holds the screen the way a
// waiting one does: leaving, or making a file, first hears why it is not saved.
import { t } from "./text.js";

/** @type {HTMLElement|null} */
let indicator = null;
let pending = 0;
/** Something was saved since the indicator appeared, so "Saved" has a meaning. */
let savedSince = false;
/** The last save that belongs to no question (a list item) failed. */
let looseFailure = false;
/** Saves in flight. @type {Set<Promise<any>>} */
const inFlight = new Set();
/** Debounced saves not sent yet: each function sends its save now. @type {Set<() => void>} */
const waiting = new Set();
/**
 * The questions on the screen whose newest save failed: the message, and for which purposes
 * ("leave", "file") the person has already been told.
 * @type {Map<HTMLElement, {message: string, told: Set<string>}>}
 */
const failures = new Map();

/** A new screen's indicator: what was held on the screen before is gone with it. @param {HTMLElement} el */
export function attachIndicator(el) {
  indicator = el;
  failures.clear();
  savedSince = false;
  looseFailure = false;
  refresh();
}

/**
 * The answers on the screen whose newest save failed, each question with why, and whether a
 * list item's save failed too.
 * @returns {{questions: {question: HTMLElement, message: string}[], looseFailure: boolean}}
 */
export function unsavedOnScreen() {
  failuresOnScreen();
  return { questions: [...failures].map(([question, f]) => ({ question, message: f.message })), looseFailure };
}

/** Questions that left the screen no longer count. */
function failuresOnScreen() {
  for (const question of [...failures.keys()]) if (!question.isConnected) failures.delete(question);
  return [...failures.values()];
}

function refresh() {
  if (!indicator) return;
  const failed = pending === 0 && (looseFailure || failuresOnScreen().length > 0);
  indicator.textContent = pending > 0 ? t("common.saving") : failed ? t("common.not_saved") : savedSince ? t("common.saved") : "";
  indicator.classList.toggle("failed", failed);
}

/**
 * Runs a save and keeps the indicator honest: "Saved" only after the Rust side confirmed it, and
 * only while no question on the screen is left unsaved. `question` is the question the save
 * belongs to, whose failure is held until one of its saves succeeds.
 * @template T
 * @param {() => Promise<T>} work
 * @param {HTMLElement} [question]
 * @returns {Promise<T>}
 */
export async function tracked(work, question) {
  pending += 1;
  refresh();
  const running = (async () => work())();
  inFlight.add(running);
  try {
    const result = await running;
    if (question) failures.delete(question);
    else looseFailure = false;
    savedSince = true;
    return result;
  } catch (err) {
    const message = String(/** @type {any} */ (err)?.message || err);
    if (question) failures.set(question, { message, told: new Set() });
    else looseFailure = true;
    throw err;
  } finally {
    pending -= 1;
    inFlight.delete(running);
    refresh();
  }
}

/** A debounced save waiting for typing to pause; `send` sends it now. @param {() => void} send */
export function addWaiting(send) { waiting.add(send); }
/** @param {() => void} send */
export function removeWaiting(send) { waiting.delete(send); }

/**
 * Sends every save still waiting for a pause in typing and waits until all saves are done.
 * Resolves with the message of an answer on the screen that is not saved, or null when all of
 * them are on disk. With a `purpose` ("leave", "file"), an answer the person was already told
 * about for that purpose is let go: asking again means going on without it.
 * @param {string} [purpose]
 * @returns {Promise<string|null>}
 */
export async function flushSaves(purpose) {
  for (const send of [...waiting]) send();
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  const unsaved = failuresOnScreen().filter((f) => !purpose || !f.told.has(purpose));
  if (purpose) for (const f of unsaved) f.told.add(purpose);
  return unsaved[0]?.message ?? null;
}
