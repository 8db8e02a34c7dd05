// @ts-check
// Inputs for text, lists, numbers, money, dates and ratings.
import { h } from "../dom.js";
import { t } from "../text.js";

/** @param {any} q @param {any} value @param {string} id @param {(read: () => any) => () => void} saveSoon */
export function textInput(q, value, id, saveSoon) {
  const attrs = { id, name: q.id, "aria-describedby": `${id}-error`, "aria-required": q.required ? "true" : null, value: value ?? "" };
  const el = /** @type {HTMLInputElement|HTMLTextAreaElement} */ (q.kind === "long_text"
    ? h("textarea", { ...attrs, rows: 5 })
    : h("input", { ...attrs, type: "text" }));
  const changed = saveSoon(() => el.value);
  el.addEventListener("input", changed);
  return { el };
}

/** One item per line: simple to type, paste and reorder. */
export function listInput(/** @type {any} */ q, /** @type {any} */ value, /** @type {string} */ id, /** @type {(read: () => any) => () => void} */ saveSoon) {
  const el = /** @type {HTMLTextAreaElement} */ (h("textarea", { id, name: q.id, rows: 5, "aria-describedby": `${id}-note ${id}-error`, value: (value || []).join("\n") }));
  el.addEventListener("input", saveSoon(() => el.value.split("\n").map((s) => s.trim()).filter(Boolean)));
  return { el: h("div", null, el, h("p", { class: "help", id: `${id}-note` }, t("worksheets.one_per_line"))) };
}

/**
 * Number, money and date inputs. Money is typed in dollars and kept in cents; a saved amount
 * comes back from the core as the text its box shows ("$1,200.00").
 * @param {any} q @param {any} value @param {string} id
 * @param {(v: any) => Promise<void>} save @param {(read: () => any) => () => void} saveSoon
 */
export function numberInput(q, value, id, save, saveSoon) {
  const common = { id, name: q.id, "aria-describedby": `${id}-error` };
  if (q.kind === "date") {
    const el = /** @type {HTMLInputElement} */ (h("input", { ...common, type: "date", value: value ?? "" }));
    el.addEventListener("change", () => save(el.value || null));
    return { el };
  }
  const shown = value === undefined || value === null ? "" : String(value);
  const el = /** @type {HTMLInputElement} */ (h("input", { ...common, type: "text", inputmode: "decimal", value: shown, placeholder: q.kind === "money" ? t("worksheets.money_placeholder") : "" }));
  // What was typed goes as it is: the Rust side alone reads numbers and says what is wrong.
  const read = () => (el.value.trim() === "" ? null : el.value);
  el.addEventListener("input", saveSoon(read));
  return { el };
}

/** Five radio buttons with the scale's words at each end. */
export function ratingInput(/** @type {any} */ q, /** @type {any} */ value, /** @type {string} */ id, /** @type {(v: any) => Promise<void>} */ save) {
  const scale = q.scale?.length === 2 ? q.scale : [t("worksheets.rating_low"), t("worksheets.rating_high")];
  const radios = [1, 2, 3, 4, 5].map((n) => {
    const input = /** @type {HTMLInputElement} */ (h("input", { type: "radio", name: id, value: String(n), checked: value === n, id: `${id}-${n}` }));
    input.addEventListener("change", () => save(n));
    return h("label", { class: "rating-option", for: `${id}-${n}` }, input, h("span", null, String(n)));
  });
  const clear = h("button", { type: "button", class: "link", onclick: () => {
    for (const r of /** @type {NodeListOf<HTMLInputElement>} */ (el.querySelectorAll("input"))) r.checked = false;
    save(null);
  } }, t("worksheets.clear_rating"));
  const el = h("fieldset", { class: "rating", "aria-describedby": `${id}-error` },
    h("legend", { class: "prompt" }, q.prompt),
    h("div", { class: "rating-row" }, h("span", { class: "scale" }, t("worksheets.scale_low", { word: scale[0] })), radios,
      h("span", { class: "scale" }, t("worksheets.scale_high", { word: scale[1] })), clear));
  return { el, grouped: true };
}
