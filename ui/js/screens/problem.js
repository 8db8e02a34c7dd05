// @ts-check
// Shown when the data file cannot be opened: what happened, and what to do next.
import { restoreAfterDamage, retryOpen } from "../api/startup.js";
import { busyAction } from "../busy.js";
import { h, replace } from "../dom.js";

const advice = {
  busy: "Close any other copy of Common Ground (or a program that has this file open), then try again.",
  read_only: "Common Ground needs to be able to write to its data folder. Move it somewhere you can write to, or ask whoever looks after this computer.",
  corrupt: "Nothing has been changed or overwritten. If you have a backup, it can be restored; otherwise keep this file for someone to look at.",
  too_new: "Install the newest version of Common Ground to open this data. Nothing has been changed.",
};

/**
 * @param {HTMLElement} root
 * @param {{kind: string, message: string, path: string}} problem
 * @param {() => void} onFixed
 */
export function showProblem(root, problem, onFixed) {
  const status = h("p", { role: "status" });
  const retry = async () => {
    status.textContent = "Trying again…";
    const still = await retryOpen().catch((e) => ({ message: e.message }));
    if (still) status.textContent = `Still not possible: ${still.message}`;
    else onFixed();
  };
  const restore = async () => {
    status.textContent = "Restoring…";
    try {
      const still = await restoreAfterDamage();
      if (still) status.textContent = `Still not possible: ${still.message}`;
      else onFixed();
    } catch (err) {
      status.textContent = /** @type {any} */ (err).message;
    }
  };
  replace(root, h("main", { id: "main", class: "centered problem" },
    h("h1", null, "Common Ground can't open your data"),
    h("p", { class: "problem-message" }, problem.message),
    h("p", null, /** @type {any} */ (advice)[problem.kind] || "Nothing has been changed or overwritten."),
    h("p", { class: "muted" }, "Data file: ", h("code", null, problem.path)),
    h("div", { class: "actions" },
      problem.kind === "corrupt" ? h("button", { class: "primary", onclick: busyAction(restore) }, "Restore the newest backup") : null,
      h("button", { class: problem.kind === "corrupt" ? "" : "primary", onclick: busyAction(retry) }, "Try again")),
    status));
}
