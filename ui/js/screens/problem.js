// @ts-check
// Shown when the data file cannot be opened: what happened, and what to do next.
import { restoreAfterDamage, retryOpen } from "../api/startup.js";
import { busyAction } from "../busy.js";
import { h, replace } from "../dom.js";
import { t } from "../text.js";

/** What to do next, by the kind of problem. @param {string} kind */
function advice(kind) {
  switch (kind) {
    case "busy": return t("startup.advice_busy");
    case "read_only": return t("startup.advice_read_only");
    case "corrupt": return t("startup.advice_corrupt");
    case "too_new": return t("startup.advice_too_new");
    default: return t("startup.advice_other");
  }
}

/**
 * @param {HTMLElement} root
 * @param {{kind: string, message: string, path: string}} problem
 * @param {() => void} onFixed
 */
export function showProblem(root, problem, onFixed) {
  const status = h("p", { role: "status" });
  const retry = async () => {
    status.textContent = t("startup.trying_again");
    const still = await retryOpen().catch((e) => ({ message: e.message }));
    if (still) status.textContent = t("startup.still_not_possible", { problem: still.message });
    else onFixed();
  };
  const restore = async () => {
    status.textContent = t("startup.restoring");
    try {
      const still = await restoreAfterDamage();
      if (still) status.textContent = t("startup.still_not_possible", { problem: still.message });
      else onFixed();
    } catch (err) {
      status.textContent = /** @type {any} */ (err).message;
    }
  };
  replace(root, h("main", { id: "main", class: "centered problem" },
    h("h1", null, t("startup.cannot_open")),
    h("p", { class: "problem-message" }, problem.message),
    h("p", null, advice(problem.kind)),
    h("p", { class: "muted" }, t("startup.data_file"), h("code", null, problem.path)),
    h("div", { class: "actions" },
      problem.kind === "corrupt" ? h("button", { class: "primary", onclick: busyAction(restore) }, t("startup.restore_newest")) : null,
      h("button", { class: problem.kind === "corrupt" ? "" : "primary", onclick: busyAction(retry) }, t("startup.try_again"))),
    status));
}
