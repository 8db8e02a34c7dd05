// @ts-check
// The worksheet wizard: one step of questions at a time, a step list, Back and Next.
import { getAnswers } from "../api/worksheets.js";
import { h, replace } from "../dom.js";
import { renderQuestion } from "../fields/question.js";
import { navigate } from "../router.js";
import { t } from "../text.js";
import { suggestionPanel } from "./suggestion-panel.js";
import { addWorkspacePage } from "./workspace.js";

addWorkspacePage({ name: "worksheet", path: "coalitions/:id/worksheets/:worksheet/:step", show: showWizard });

/** What may stand beside a question, by the `side_panel` its worksheet file names. */
const sidePanels = {
  suggestion: suggestionPanel,
};

/** @param {HTMLElement} main @param {import("./workspace.js").PageContext} ctx */
async function showWizard(main, ctx) {
  const { catalog, coalition, route, refreshProgress } = ctx;
  const index = catalog.worksheets.findIndex((/** @type {any} */ w) => w.id === route.worksheet);
  const sheet = catalog.worksheets[index];
  if (!sheet) return navigate({ name: "overview", id: coalition.id }, { replace: true });
  const stepIndex = Math.min(Math.max(Math.trunc(Number(route.step)) || 0, 0), sheet.steps.length - 1);
  const step = sheet.steps[stepIndex];
  const answers = await getAnswers(coalition.id);
  const values = Object.fromEntries(answers.filter((a) => a.worksheet_id === sheet.id).map((a) => [a.question_id, a.input]));

  // Typing saves after a short pause; navigate() sends what is still waiting before it leaves.
  const qctx = { coalitionId: coalition.id, worksheetId: sheet.id, catalog, onSaved: () => { refreshProgress().catch(console.error); } };
  const go = (/** @type {any} */ target) => navigate(target);
  const toStep = (/** @type {number} */ n) => go({ name: "worksheet", id: coalition.id, worksheet: sheet.id, step: n });
  const nextSheet = catalog.worksheets[index + 1];
  const last = stepIndex === sheet.steps.length - 1;

  const questions = step.questions.map((/** @type {any} */ q) => {
    const el = renderQuestion(qctx, q, values[q.id]);
    const panel = sidePanels[/** @type {keyof typeof sidePanels} */ (q.side_panel)];
    return panel ? [panel(coalition.id, sheet.id), el] : el;
  });

  replace(main,
    h("p", { class: "crumb" }, catalog.stages.find((/** @type {any} */ s) => s.id === sheet.stage)?.title ?? ""),
    h("h1", null, sheet.title),
    stepIndex === 0 ? h("p", { class: "lead" }, sheet.intro) : null,
    h("ol", { class: "steps", "aria-label": t("worksheets.steps_label") },
      sheet.steps.map((/** @type {any} */ s, /** @type {number} */ i) => h("li", null,
        h("button", { type: "button", class: i === stepIndex ? "step current" : "step", "aria-current": i === stepIndex ? "step" : null,
          onclick: () => toStep(i) }, h("span", { class: "step-number" }, String(i + 1)), s.title)))),
    h("form", { class: "step-body", novalidate: true, onsubmit: (/** @type {Event} */ e) => e.preventDefault() },
      h("h2", null, step.title),
      step.intro ? h("p", null, step.intro) : null,
      questions),
    h("nav", { class: "wizard-nav", "aria-label": t("worksheets.step_navigation") },
      h("button", { type: "button", disabled: stepIndex === 0 && index === 0,
        onclick: () => stepIndex > 0 ? toStep(stepIndex - 1)
          : go({ name: "worksheet", id: coalition.id, worksheet: catalog.worksheets[index - 1].id, step: catalog.worksheets[index - 1].steps.length - 1 }) }, t("worksheets.back")),
      h("span", { class: "muted" }, t("worksheets.step_of", { step: stepIndex + 1, steps: sheet.steps.length })),
      h("button", { type: "button", class: "primary",
        onclick: () => !last ? toStep(stepIndex + 1)
          : nextSheet ? go({ name: "worksheet", id: coalition.id, worksheet: nextSheet.id, step: 0 })
          : go({ name: "review", id: coalition.id }) },
        !last ? t("worksheets.next") : nextSheet ? t("worksheets.next_worksheet", { title: nextSheet.title }) : t("worksheets.check_answers"))));
  /** @type {HTMLElement|null} */ (main.querySelector(".step-body input, .step-body textarea, .step-body select"))?.focus({ preventScroll: true });
  main.scrollTop = 0;
}
