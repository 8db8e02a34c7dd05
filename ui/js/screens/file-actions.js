// @ts-check
// The coalition's file actions in the header: the plan as PDF, export for partners, import.
// Every file goes through a Rust command and the system's own file dialog.
import { exportCoalition } from "../api/exchange.js";
import { openFile, savePlanPdf } from "../api/plan.js";
import { openDialog } from "../dialog.js";
import { h } from "../dom.js";
import { flushSaves } from "../saving.js";
import { t } from "../text.js";
import { reported, toast } from "../toast.js";
import { importFile } from "./import.js";

/** @param {any} coalition */
export function fileActions(coalition) {
  return h("span", { class: "file-actions" },
    h("button", { onclick: () => savePlan(coalition) }, t("plan.save_button")),
    h("button", { onclick: () => exportFile(coalition) }, t("exchange.export_button")),
    h("button", { onclick: reported(() => importFile(coalition.id)) }, t("exchange.import_button")));
}

/** A labelled checkbox. @param {string} name @param {string} label @param {boolean} [checked] */
export function checkbox(name, label, checked = false) {
  const input = /** @type {HTMLInputElement} */ (h("input", { type: "checkbox", name, id: `opt-${name}`, checked }));
  return { input, el: h("div", { class: "choice" }, input, h("label", { for: `opt-${name}` }, label)) };
}

/** Reports a failure unless the person simply cancelled the dialog. @param {any} err @param {HTMLElement} where */
function showFailure(err, where) {
  if (err.kind === "cancelled") return false;
  where.textContent = err.message;
  return true;
}

/**
 * Sends the answers still waiting for a pause in typing, so the file has them. Fails (once) when
 * one cannot be saved; the question on the page says why.
 */
async function unsavedAnswers() {
  const failed = await flushSaves("file");
  if (failed) throw { kind: "invalid", message: t("plan.unsaved_answer", { problem: failed }) };
}

/** @param {any} coalition */
function savePlan(coalition) {
  return openDialog(t("plan.save_title"), (close) => {
    const unanswered = checkbox("leave_out_unanswered", t("plan.leave_out_unanswered"));
    const privateDetails = checkbox("leave_out_private", t("plan.leave_out_private"));
    const error = h("p", { class: "form-error", role: "alert" });
    const save = /** @type {HTMLButtonElement} */ (h("button", { type: "button", class: "primary", onclick: async () => {
      save.disabled = true;
      save.textContent = t("plan.making");
      error.textContent = "";
      try {
        await unsavedAnswers();
        const path = await savePlanPdf(coalition.id, { leave_out_unanswered: unanswered.input.checked, leave_out_private: privateDetails.input.checked });
        close();
        offerToOpen(path);
      } catch (err) {
        showFailure(err, error);
        save.disabled = false;
        save.textContent = t("plan.save_as_pdf");
      }
    } }, t("plan.save_as_pdf")));
    return [
      h("p", null, t("plan.save_lead")),
      unanswered.el, privateDetails.el, error,
      h("div", { class: "actions" }, h("button", { type: "button", onclick: () => close() }, t("common.cancel")), save),
    ];
  });
}

/** @param {string} path */
function offerToOpen(path) {
  openDialog(t("plan.saved_title"), (close) => [
    h("p", null, t("plan.saved_to"), h("code", { class: "saved-path" }, path)),
    h("div", { class: "actions" },
      h("button", { type: "button", onclick: () => close() }, t("common.close")),
      h("button", { type: "button", class: "primary", onclick: async () => {
        try { await openFile(path); close(); } catch (err) { toast(/** @type {any} */ (err).message, { error: true }); }
      } }, t("plan.open_pdf"))),
  ]);
}

/** @param {any} coalition */
function exportFile(coalition) {
  return openDialog(t("exchange.export_title"), (close) => {
    const by = /** @type {HTMLInputElement} */ (h("input", { type: "text", id: "exported-by", name: "exported_by", value: coalition.prepared_by || "" }));
    const privateDetails = checkbox("leave_out_private", t("exchange.leave_out_private"));
    const error = h("p", { class: "form-error", role: "alert" });
    const save = /** @type {HTMLButtonElement} */ (h("button", { type: "button", class: "primary", onclick: async () => {
      save.disabled = true;
      error.textContent = "";
      try {
        await unsavedAnswers();
        const path = await exportCoalition(coalition.id, { exported_by: by.value.trim() || null, leave_out_private: privateDetails.input.checked });
        close();
        toast(t("exchange.exported", { path }));
      } catch (err) {
        showFailure(err, error);
        save.disabled = false;
      }
    } }, t("exchange.export_button")));
    return [
      h("p", null, t("exchange.export_lead")),
      h("div", { class: "field" }, h("label", { for: "exported-by" }, t("exchange.sent_by")), by, h("p", { class: "help" }, t("exchange.sent_by_help"))),
      privateDetails.el, error,
      h("div", { class: "actions" }, h("button", { type: "button", onclick: () => close() }, t("common.cancel")), save),
    ];
  });
}
