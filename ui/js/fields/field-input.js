// @ts-check
// One input for a record field or table cell, by field kind. `read()` returns the value in the
// shape the Rust side expects (yes/no as true/false, "" for empty); numbers and money go as
// typed, for the Rust side alone to read.
import { h } from "../dom.js";
import { t } from "../text.js";

/**
 * @param {any} field {id, label, kind, options}
 * @param {any} value as the core sends it for a box (`input`: money as "$1,200.00")
 * @param {string} id the input's element id
 * @returns {{el: HTMLElement, read: () => any}}
 */
export function fieldInput(field, value, id) {
  const common = { id, name: field.id, "aria-required": field.required ? "true" : null };
  switch (field.kind) {
    case "long_text": {
      const el = /** @type {HTMLTextAreaElement} */ (h("textarea", { ...common, rows: 3, value: value ?? "" }));
      return { el, read: () => el.value };
    }
    case "single_choice": {
      const el = /** @type {HTMLSelectElement} */ (h("select", common,
        h("option", { value: "" }, t("worksheets.no_choice")),
        field.options.map((/** @type {any} */ o) => h("option", { value: o.id, selected: o.id === value }, o.label))));
      return { el, read: () => el.value };
    }
    case "yes_no": {
      const el = /** @type {HTMLSelectElement} */ (h("select", common,
        h("option", { value: "" }, t("worksheets.no_choice")),
        h("option", { value: "yes", selected: value === true }, t("worksheets.yes")),
        h("option", { value: "no", selected: value === false }, t("worksheets.no"))));
      return { el, read: () => (el.value === "" ? "" : el.value === "yes") };
    }
    case "rating": {
      const el = /** @type {HTMLSelectElement} */ (h("select", common,
        h("option", { value: "" }, t("worksheets.no_choice")),
        [1, 2, 3, 4, 5].map((n) => h("option", { value: String(n), selected: n === value }, t("worksheets.rating_of_five", { rating: n })))));
      return { el, read: () => (el.value === "" ? "" : Number(el.value)) };
    }
    case "number": {
      const el = /** @type {HTMLInputElement} */ (h("input", { ...common, type: "text", inputmode: "decimal", value: value ?? "" }));
      return { el, read: () => el.value.trim() };
    }
    case "money": {
      const el = /** @type {HTMLInputElement} */ (h("input", { ...common, type: "text", inputmode: "decimal", placeholder: t("worksheets.money_placeholder"), value: value ?? "" }));
      return { el, read: () => el.value.trim() };
    }
    case "date": {
      const el = /** @type {HTMLInputElement} */ (h("input", { ...common, type: "date", value: value ?? "" }));
      return { el, read: () => el.value };
    }
    case "email": case "phone": {
      const el = /** @type {HTMLInputElement} */ (h("input", { ...common, type: field.kind === "email" ? "email" : "tel", value: value ?? "" }));
      return { el, read: () => el.value };
    }
    default: {
      const el = /** @type {HTMLInputElement} */ (h("input", { ...common, type: "text", value: value ?? "" }));
      return { el, read: () => el.value };
    }
  }
}

/** Drops empty values so the Rust side sees only what was filled in. @param {Record<string, any>} data */
export function withoutEmpty(data) {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== "" && v !== null && v !== undefined));
}
