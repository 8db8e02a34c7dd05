// @ts-check
// The dialog to start a coalition or change its name, focus and start date.
import { busySubmit } from "../busy.js";
import { openDialog } from "../dialog.js";
import { h, uniqueId } from "../dom.js";
import { t } from "../text.js";

/**
 * @param {{title: string, submit: string, initial?: import("../api/coalitions.js").CoalitionFields,
 *          save: (fields: import("../api/coalitions.js").CoalitionFields) => Promise<any>}} options
 * @returns {Promise<any>} what save() returned, or undefined when cancelled
 */
export function coalitionForm({ title, submit, initial, save }) {
  return openDialog(title, (close) => {
    const field = (/** @type {string} */ label, /** @type {HTMLElement} */ input, /** @type {string} */ help) => {
      const id = uniqueId("field");
      input.id = id;
      const helpId = `${id}-help`;
      input.setAttribute("aria-describedby", helpId);
      return h("div", { class: "field" }, h("label", { for: id }, label), input, h("p", { class: "help", id: helpId }, help));
    };
    const name = /** @type {HTMLInputElement} */ (h("input", { type: "text", name: "name", required: true, autofocus: true, value: initial?.name || "" }));
    const focus = /** @type {HTMLInputElement} */ (h("input", { type: "text", name: "focus", value: initial?.focus || "" }));
    const start = /** @type {HTMLInputElement} */ (h("input", { type: "date", name: "start_date", value: initial?.start_date || "" }));
    const preparedBy = /** @type {HTMLInputElement} */ (h("input", { type: "text", name: "prepared_by", value: initial?.prepared_by || "" }));
    const error = h("p", { class: "form-error", role: "alert" });
    const form = /** @type {HTMLFormElement} */ (h("form", { novalidate: true },
      field(t("coalitions.field_name"), name, t("coalitions.field_name_help")),
      field(t("coalitions.field_focus"), focus, t("coalitions.field_focus_help")),
      field(t("coalitions.field_start_date"), start, t("coalitions.field_start_date_help")),
      field(t("coalitions.field_prepared_by"), preparedBy, t("coalitions.field_prepared_by_help")),
      error,
      h("div", { class: "actions" },
        h("button", { type: "button", onclick: () => close() }, t("common.cancel")),
        h("button", { type: "submit", class: "primary" }, submit))));
    busySubmit(form, async () => {
      error.textContent = "";
      try {
        const result = await save({ name: name.value, focus: focus.value, start_date: start.value || null, prepared_by: preparedBy.value });
        close(result);
      } catch (err) {
        error.textContent = /** @type {any} */ (err).message;
        name.focus();
      }
    });
    return [form];
  });
}
