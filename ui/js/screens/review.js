// @ts-check
// "Check your answers": every worksheet's answers in one place, what is still needed flagged at
// the top, and a link back to the step where each answer is edited.
import { getAnswers } from "../api/worksheets.js";
import { h, replace } from "../dom.js";
import { link } from "../router.js";
import { t } from "../text.js";
import { addWorkspacePage } from "./workspace.js";

addWorkspacePage({ name: "review", path: "coalitions/:id/check-answers", label: () => t("worksheets.check_answers"), order: 20, show: showReview });

/** @param {HTMLElement} main @param {import("./workspace.js").PageContext} ctx */
async function showReview(main, ctx) {
  const { catalog, coalition, progress } = ctx;
  const answers = await getAnswers(coalition.id);
  const textOf = (/** @type {string} */ w, /** @type {string} */ q) => answers.find((a) => a.worksheet_id === w && a.question_id === q)?.text ?? "";
  const byId = Object.fromEntries(progress.worksheets.map((/** @type {any} */ w) => [w.worksheet_id, w]));
  const editLink = (/** @type {any} */ sheet, /** @type {number} */ stepIndex, /** @type {any} */ q) =>
    link({ name: "worksheet", id: coalition.id, worksheet: sheet.id, step: stepIndex }, { class: "edit-link" }, t("worksheets.edit_answer", { question: q.label || q.prompt }));
  const missing = catalog.worksheets.flatMap((/** @type {any} */ sheet) => sheet.steps.flatMap((/** @type {any} */ step, /** @type {number} */ si) =>
    step.questions.filter((/** @type {any} */ q) => (byId[sheet.id]?.required_missing || []).includes(q.id))
      .map((/** @type {any} */ q) => h("li", null, t("worksheets.needed_in", { title: sheet.title }), editLink(sheet, si, q)))));
  replace(main,
    h("h1", null, t("worksheets.check_answers")),
    missing.length
      ? h("section", { class: "needed", "aria-labelledby": "needed-title" },
        h("h2", { id: "needed-title" }, t("worksheets.still_needed", { count: missing.length })), h("ul", null, missing))
      : h("p", { class: "all-set" }, t("worksheets.all_needed_answered")),
    catalog.worksheets.map((/** @type {any} */ sheet) => h("section", { class: "review-sheet" },
      h("h2", null, sheet.title),
      h("dl", null, sheet.steps.flatMap((/** @type {any} */ step, /** @type {number} */ si) => step.questions.map((/** @type {any} */ q) => {
        const text = textOf(sheet.id, q.id);
        return [
          h("dt", null, q.label || q.prompt, q.required ? h("span", { class: "required" }, t("worksheets.needed_mark")) : null),
          h("dd", null,
            q.kind === "records" ? h("span", { class: "muted" }, t("worksheets.list_see_worksheet"))
              : text ? h("span", { class: "answer-text" }, text) : h("span", { class: "muted" }, t("worksheets.not_answered")),
            editLink(sheet, si, q)),
        ];
      }))))));
  main.focus();
}
