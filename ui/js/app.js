// @ts-check
// Start-up and navigation between screens. Each screen is a module that fills #app.
import * as api from "./api.js";
import { h, replace } from "./dom.js";
import { flushSaves } from "./saving.js";
import { showHome } from "./screens/home.js";
import { showProblem } from "./screens/problem.js";
import { showWorkspace } from "./screens/workspace.js";
import { toast } from "./toast.js";

/** @typedef {{screen: "home"} | {screen: "coalition", id: string, worksheetId?: string, step?: number, view?: string}} Route */

const root = /** @type {HTMLElement} */ (document.getElementById("app"));

/**
 * Shows a screen. Answers still waiting for a pause in typing are saved first, so the next
 * screen (and its progress) shows them. When one cannot be saved, the person stays where the
 * question shows why; going on again leaves without it.
 * @param {Route} route
 * @returns {Promise<boolean>} false when the person stays because an answer was not saved
 */
export async function navigate(route) {
  const failed = await flushSaves();
  if (failed) {
    toast(`Not saved: ${failed} Change the answer marked on this page, or go on again to leave it.`, { error: true });
    return false;
  }
  try {
    if (route.screen === "coalition") await showWorkspace(root, route);
    else await showHome(root);
  } catch (err) {
    showFailure(err);
  }
  root.setAttribute("aria-busy", "false");
  return true;
}

/** Last resort: never a blank window. @param {any} err */
function showFailure(err) {
  replace(root, h("main", { id: "main", class: "centered" },
    h("h1", null, "Something went wrong"),
    h("p", null, err?.message || String(err)),
    h("p", null, "Your saved work is safe."),
    h("button", { class: "primary", onclick: () => navigate({ screen: "home" }) }, "Back to the start")));
}

async function start() {
  const problem = await api.startupStatus().catch(() => null);
  if (problem) {
    showProblem(root, problem, () => navigate({ screen: "home" }));
    root.setAttribute("aria-busy", "false");
    return;
  }
  await navigate({ screen: "home" });
}

window.addEventListener("unhandledrejection", (event) => {
  console.error(event.reason);
});
start();
