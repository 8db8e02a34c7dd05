// @ts-check
// Start-up: takes the text for the page's language, registers every screen with the router, then
// shows the screen the address names, or why the data file could not be opened. Screens know the
// router, never this module.
import { startupStatus, textCatalog } from "./api/startup.js";
import { saveBeforeClosing } from "./closing.js";
import { closeDialogs } from "./dialog.js";
import { h, replace } from "./dom.js";
import { navigate, startRouter } from "./router.js";
import { flushSaves } from "./saving.js";
import { showProblem } from "./screens/problem.js";
import { ENGINE_UNREACHABLE, t, useCatalog } from "./text.js";
import { toast } from "./toast.js";
// Each of these registers its routes when loaded. The workspace's sidebar links follow each
// page's `order`, not this list.
import "./screens/home.js";
import "./screens/overview.js";
import "./screens/wizard.js";
import "./screens/review.js";

const root = /** @type {HTMLElement} */ (document.getElementById("app"));

/**
 * Before any screen change: dialogs close, and answers still waiting for a pause in typing are
 * saved, so the next screen (and its progress) shows them. When one cannot be saved, the person
 * stays where the question shows why; going on again leaves without it.
 */
async function mayLeave() {
  closeDialogs();
  const failed = await flushSaves("leave");
  if (failed) {
    toast(t("common.not_saved_to_leave", { problem: failed }), { error: true });
    return false;
  }
  return true;
}

/** Last resort: never a blank window. @param {any} err */
function showFailure(err) {
  replace(root, h("main", { id: "main", class: "centered", tabindex: "-1" },
    h("h1", null, t("common.failure_title")),
    h("p", null, err?.message || String(err)),
    h("p", null, t("common.failure_work_safe")),
    h("button", { class: "primary", onclick: () => navigate({ name: "home" }) }, t("common.back_to_start"))));
}

/** "Skip to the main content" moves focus without adding a step to the history. */
function skipToMain(/** @type {Event} */ event) {
  event.preventDefault();
  const main = document.getElementById("main");
  if (!main) return;
  if (!main.hasAttribute("tabindex")) main.setAttribute("tabindex", "-1");
  main.focus();
}

async function start() {
  try {
    useCatalog(await textCatalog());
  } catch (err) {
    // Without the Rust side there is no catalog either: the one message with words of its own.
    console.error(err);
    replace(root, h("p", { class: "loading" }, ENGINE_UNREACHABLE));
    return;
  }
  document.querySelector(".skip-link")?.addEventListener("click", skipToMain);
  const problem = await startupStatus().catch(() => null);
  if (problem) {
    showProblem(root, problem, () => startRouter({ root, mayLeave, onFailure: showFailure }));
    root.setAttribute("aria-busy", "false");
    return;
  }
  await startRouter({ root, mayLeave, onFailure: showFailure });
}

saveBeforeClosing().catch(console.error);
window.addEventListener("unhandledrejection", (event) => {
  console.error(event.reason);
});
start();
