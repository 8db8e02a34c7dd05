// @ts-check
// A control is busy while its action runs: disabled (and marked aria-busy), so a double click or
// a second Enter cannot start the action twice, for example making two partners from one form.

/**
 * Runs `work` with `control` busy, and gives it back when the work is done, failed or not.
 * Call it in the event handler itself, before any await, so the control is busy at once.
 * @template T
 * @param {HTMLButtonElement|HTMLInputElement|HTMLSelectElement} control
 * @param {() => Promise<T>|T} work
 * @returns {Promise<T>}
 */
export async function busyWhile(control, work) {
  control.disabled = true;
  control.setAttribute("aria-busy", "true");
  try {
    return await work();
  } finally {
    control.disabled = false;
    control.removeAttribute("aria-busy");
  }
}

/**
 * A click handler that runs `action` with its button busy; a click while it is busy does
 * nothing.
 * @param {(event: Event) => any} action
 * @returns {(event: Event) => Promise<void>}
 */
export function busyAction(action) {
  return async (event) => {
    const button = /** @type {HTMLButtonElement} */ (event.currentTarget);
    if (button.disabled) return;
    await busyWhile(button, () => action(event));
  };
}

/**
 * A form's submit handler that runs `action` with the form's submit button busy; a submit while
 * it is busy (Enter pressed again) does nothing.
 * @param {HTMLFormElement} form
 * @param {() => Promise<any>} action
 */
export function busySubmit(form, action) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const submit = /** @type {HTMLButtonElement|null} */ (form.querySelector("button[type=submit]"));
    if (!submit) return action();
    if (submit.disabled) return;
    await busyWhile(submit, action);
  });
}
