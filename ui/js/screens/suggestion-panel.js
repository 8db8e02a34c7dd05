// @ts-check
// Beside a question whose side panel is "suggestion": what the app suggests from the worksheet's
// other answers, and why. The core works it out; this only shows it.
import { getSuggestion } from "../api/worksheets.js";
import { h, replace } from "../dom.js";

/** @param {string} coalitionId @param {string} worksheetId */
export function suggestionPanel(coalitionId, worksheetId) {
  const box = h("aside", { class: "suggestion", "aria-live": "polite" });
  getSuggestion(coalitionId, worksheetId)
    .then((s) => replace(box,
      h("h3", null, s.title),
      s.summary ? h("p", null, s.summary) : null,
      s.reasons.length ? h("ul", null, s.reasons.map((r) => h("li", null, r))) : null))
    .catch((err) => replace(box, h("p", null, err.message)));
  return box;
}
