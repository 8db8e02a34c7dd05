// @ts-check
// Single and multiple choice, with an optional "Other" box.
import { h } from "../dom.js";
import { t } from "../text.js";

/**
 * @param {any} q @param {any} value @param {string} id
 * @param {(v: any) => Promise<void>} save @param {(read: () => any) => () => void} saveSoon
 */
export function choiceInput(q, value, id, save, saveSoon) {
  const multi = q.kind === "multi_choice";
  const chosen = new Set(multi ? value?.choices || [] : value?.choice ? [value.choice] : []);
  const options = [...q.options];
  if (q.allow_other && !options.some((o) => o.id === "other")) options.push({ id: "other", label: t("worksheets.other") });
  const other = /** @type {HTMLInputElement} */ (h("input", { type: "text", class: "other-text", "aria-label": t("worksheets.other_in_your_words"), value: value?.other || "" }));
  const read = () => {
    const picked = [...fieldset.querySelectorAll("input:checked")].map((i) => /** @type {HTMLInputElement} */ (i).value);
    const otherText = picked.includes("other") ? other.value : "";
    if (multi) return picked.length ? { choices: picked, other: otherText } : null;
    return picked.length ? { choice: picked[0], other: otherText } : null;
  };
  const items = options.map((o) => {
    const inputId = `${id}-${o.id}`;
    const input = /** @type {HTMLInputElement} */ (h("input", { type: multi ? "checkbox" : "radio", name: id, value: o.id, id: inputId, checked: chosen.has(o.id) }));
    input.addEventListener("change", () => { other.disabled = !fieldset.querySelector('input[value="other"]:checked'); save(read()); });
    return h("div", { class: "choice" },
      input, h("label", { for: inputId }, o.label, o.hint ? h("span", { class: "choice-hint" }, t("worksheets.choice_hint", { hint: o.hint })) : null),
      o.id === "other" ? other : null);
  });
  other.disabled = !chosen.has("other");
  other.addEventListener("input", saveSoon(read));
  const clear = multi ? null : h("button", { type: "button", class: "link", onclick: () => {
    for (const r of /** @type {NodeListOf<HTMLInputElement>} */ (fieldset.querySelectorAll("input[type=radio]"))) r.checked = false;
    save(null);
  } }, t("worksheets.clear_choice"));
  const fieldset = h("fieldset", { class: "choices", "aria-describedby": `${id}-error` },
    h("legend", { class: "prompt" }, q.prompt), items, clear);
  return { el: fieldset, grouped: true };
}
