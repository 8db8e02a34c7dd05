// @ts-check
// Beside the choice of structure: what the app suggests from the factors, and why.
import { suggestStructure } from "../api/worksheets.js";
import { h, replace } from "../dom.js";

/** @param {string} coalitionId @param {any} _catalog @param {any} question */
export function structureSuggestion(coalitionId, _catalog, question) {
  const box = h("aside", { class: "suggestion", "aria-live": "polite" });
  const label = (/** @type {string} */ id) => question.options.find((/** @type {any} */ o) => o.id === id)?.label ?? id;
  const refresh = async () => {
    const s = await suggestStructure(coalitionId);
    replace(box,
      h("h3", null, "What we suggest"),
      s.recommended.length
        ? h("p", null, s.recommended.map(label).join(", then "))
        : h("p", null, "Answer the questions about your coalition on the earlier step, and a suggestion will appear here."),
      s.reasons.length ? h("ul", null, s.reasons.map((r) => h("li", null, r))) : null);
  };
  refresh().catch((err) => replace(box, h("p", null, err.message)));
  return box;
}
