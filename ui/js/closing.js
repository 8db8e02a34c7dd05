// @ts-check
// When the window or the system asks the app to close, the answers still waiting for a pause in
// typing are saved first; the app exits once the page says they are handed over (or after a
// few seconds, whatever the page does). When an answer on the screen could not be saved and the
// close came from the window, the person is asked first: "Go back and fix" (or Escape) keeps
// the app open with what they typed, "Close anyway" closes it. The system's quit cannot wait
// for an answer, so it only hands over.
import { askBeforeClosing, goBackFromClosing, savesHandedOver, waitForCloseRequest } from "./api/closing.js";
import { openDialog } from "./dialog.js";
import { h } from "./dom.js";
import { flushSaves, unsavedOnScreen } from "./saving.js";
import { t } from "./text.js";

export async function saveBeforeClosing() {
  for (;;) {
    const by = await waitForCloseRequest();
    let stay = false;
    try {
      await flushSaves();
      const unsaved = unsavedOnScreen();
      const count = unsaved.questions.length + (unsaved.looseFailure ? 1 : 0);
      if (count > 0 && by === "window" && await askBeforeClosing()) {
        stay = !(await closeAnyway(count, unsaved.questions[0]?.message));
        const box = /** @type {HTMLElement|null|undefined} */ (unsaved.questions[0]?.question.querySelector("input, textarea, select"));
        if (stay) box?.focus();
      }
    } finally {
      if (stay) await goBackFromClosing();
      else await savesHandedOver();
    }
    if (!stay) return;
  }
}

/**
 * Asks whether to close with answers not saved; true for "Close anyway", false for "Go back and
 * fix" and for Escape.
 * @param {number} count @param {string} [problem]
 */
async function closeAnyway(count, problem) {
  const answer = await openDialog(t("common.close_unsaved_title"), (close) => [
    h("p", null, t("common.close_unsaved_message", { count })),
    problem ? h("p", null, problem) : null,
    h("div", { class: "actions" },
      h("button", { type: "button", class: "danger", onclick: () => close(true) }, t("common.close_anyway")),
      h("button", { type: "button", class: "primary", autofocus: true, onclick: () => close(false) }, t("common.go_back_and_fix"))),
  ]);
  return answer === true;
}
