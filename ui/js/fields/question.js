// @ts-check
// One worksheet question: its prompt, the hint and example (hidden until wanted), the input for
// its kind, and where a problem with the answer is shown. Every change is saved at once.
import { saveAnswer } from "../api/worksheets.js";
import { debounce, h, uniqueId } from "../dom.js";
import { addWaiting, removeWaiting, tracked } from "../saving.js";
import { t } from "../text.js";
import { choiceInput } from "./choice.js";
import { listInput, numberInput, ratingInput, textInput } from "./simple.js";
import { tableInput } from "./table.js";
import { recordsInput } from "./records.js";

/**
 * @typedef {{coalitionId: string, worksheetId: string, catalog: any, onSaved: () => void}} QuestionContext
 */

/**
 * @param {QuestionContext} ctx
 * @param {any} question
 * @param {any} value the saved answer as its boxes hold it (`input` from the core), or undefined
 * @returns {HTMLElement}
 */
export function renderQuestion(ctx, question, value) {
  const id = uniqueId(`q-${question.id}`);
  const error = h("p", { class: "q-error", role: "alert", id: `${id}-error` });
  // Saves of this question go one after another, so a slow save can never land after a newer
  // one and put back what was typed before.
  let queue = Promise.resolve();
  const save = async (/** @type {any} */ newValue) => {
    const run = queue.then(() => saveAnswer(ctx.coalitionId, ctx.worksheetId, question.id, newValue));
    queue = run.then(() => {}, () => {});
    try {
      await tracked(() => run, section);
      error.textContent = "";
      section.classList.remove("has-error");
      ctx.onSaved();
    } catch (err) {
      // What was typed stays in the box; the message says what to change.
      error.textContent = /** @type {any} */ (err).message;
      section.classList.add("has-error");
    }
  };
  /** Debounced save for typing; sent at once when the person leaves the screen. */
  const saveSoon = (/** @type {() => any} */ read) => {
    const run = debounce(() => { removeWaiting(run.flush); save(read()); }, 500);
    return () => { addWaiting(run.flush); run(); };
  };
  const input = inputFor(ctx, question, value, id, save, saveSoon);
  const help = helpFor(question);
  const heading = question.kind === "records" ? "h3" : "label";
  const required = question.required ? h("span", { class: "required" }, t("worksheets.needed_for_plan")) : null;
  const section = h("section", { class: `question kind-${question.kind}`, dataset: { question: question.id } },
    input.grouped
      ? null
      : h(heading, { class: "prompt", for: heading === "label" ? id : null, id: `${id}-label` }, question.prompt, required),
    input.grouped ? null : help,
    input.el,
    error);
  if (input.grouped) {
    // The question's own words (the legend) come first, then its hint, as for other questions.
    const legend = section.querySelector("legend");
    if (legend && required) legend.appendChild(required);
    if (legend && help) legend.after(help);
  }
  return section;
}

/** @param {any} question */
function helpFor(question) {
  if (!question.hint && !question.example) return null;
  return h("details", { class: "help" },
    h("summary", null, t("worksheets.hint_and_example")),
    question.hint ? h("p", null, question.hint) : null,
    question.example ? h("p", { class: "example" }, h("strong", null, t("worksheets.for_example")), question.example) : null);
}

/**
 * @returns {{el: HTMLElement, grouped?: boolean}}
 */
function inputFor(/** @type {QuestionContext} */ ctx, /** @type {any} */ q, /** @type {any} */ value, /** @type {string} */ id,
  /** @type {(v: any) => Promise<void>} */ save, /** @type {(read: () => any) => () => void} */ saveSoon) {
  switch (q.kind) {
    case "short_text": case "long_text": return textInput(q, value, id, saveSoon);
    case "list": return listInput(q, value, id, saveSoon);
    case "number": case "money": case "date": return numberInput(q, value, id, save, saveSoon);
    case "rating": return ratingInput(q, value, id, save);
    case "single_choice": case "multi_choice": return choiceInput(q, value, id, save, saveSoon);
    case "table": return tableInput(q, value, id, saveSoon);
    case "records": return recordsInput(ctx, q, id);
    default: return { el: h("p", { class: "q-error" }, t("worksheets.unknown_kind", { kind: q.kind })) };
  }
}
