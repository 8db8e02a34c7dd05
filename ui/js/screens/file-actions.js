// @ts-check
// The coalition's file actions in the header: the plan as PDF, export for partners, import.
// Every file goes through a Rust command and the system's own file dialog.
import { exportCoalition } from "../api/exchange.js";
import { openFile, savePlanPdf } from "../api/plan.js";
import { openDialog } from "../dialog.js";
import { h } from "../dom.js";
import { flushSaves } from "../saving.js";
import { reported, toast } from "../toast.js";
import { importFile } from "./import.js";

/** @param {any} coalition */
export function fileActions(coalition) {
  return h("span", { class: "file-actions" },
    h("button", { onclick: () => savePlan(coalition) }, "Save plan as PDF…"),
    h("button", { onclick: () => exportFile(coalition) }, "Export…"),
    h("button", { onclick: reported(() => importFile(coalition.id)) }, "Import…"));
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
  if (failed) throw { kind: "invalid", message: `An answer on the page is not saved: ${failed} Change it, or try again to leave it out.` };
}

/** @param {any} coalition */
function savePlan(coalition) {
  return openDialog("Save the plan as a PDF", (close) => {
    const unanswered = checkbox("leave_out_unanswered", "Leave out worksheets that are not started yet");
    const privateDetails = checkbox("leave_out_private", "Leave out private details (contact people, e-mails, phone numbers, notes)");
    const error = h("p", { class: "form-error", role: "alert" });
    const save = /** @type {HTMLButtonElement} */ (h("button", { type: "button", class: "primary", onclick: async () => {
      save.disabled = true;
      save.textContent = "Making your plan…";
      error.textContent = "";
      try {
        await unsavedAnswers();
        const path = await savePlanPdf(coalition.id, { leave_out_unanswered: unanswered.input.checked, leave_out_private: privateDetails.input.checked });
        close();
        offerToOpen(path);
      } catch (err) {
        showFailure(err, error);
        save.disabled = false;
        save.textContent = "Save as PDF…";
      }
    } }, "Save as PDF…"));
    return [
      h("p", null, "The plan has a cover page, a table of contents, and one section for each worksheet, with your lists as tables."),
      unanswered.el, privateDetails.el, error,
      h("div", { class: "actions" }, h("button", { type: "button", onclick: () => close() }, "Cancel"), save),
    ];
  });
}

/** @param {string} path */
function offerToOpen(path) {
  openDialog("Your plan is saved", (close) => [
    h("p", null, "Saved to ", h("code", { class: "saved-path" }, path)),
    h("div", { class: "actions" },
      h("button", { type: "button", onclick: () => close() }, "Close"),
      h("button", { type: "button", class: "primary", onclick: async () => {
        try { await openFile(path); close(); } catch (err) { toast(/** @type {any} */ (err).message, { error: true }); }
      } }, "Open the PDF")),
  ]);
}

/** @param {any} coalition */
function exportFile(coalition) {
  return openDialog("Export the coalition for partners", (close) => {
    const by = /** @type {HTMLInputElement} */ (h("input", { type: "text", id: "exported-by", name: "exported_by", value: coalition.prepared_by || "" }));
    const privateDetails = checkbox("leave_out_private", "Leave out private details (contact people, e-mails, phone numbers, notes): best for files that go beyond the core team");
    const error = h("p", { class: "form-error", role: "alert" });
    const save = /** @type {HTMLButtonElement} */ (h("button", { type: "button", class: "primary", onclick: async () => {
      save.disabled = true;
      error.textContent = "";
      try {
        await unsavedAnswers();
        const path = await exportCoalition(coalition.id, { exported_by: by.value.trim() || null, leave_out_private: privateDetails.input.checked });
        close();
        toast(`Exported to ${path}. Send this file to your partners; they open it with Import.`);
      } catch (err) {
        showFailure(err, error);
        save.disabled = false;
      }
    } }, "Export…"));
    return [
      h("p", null, "This makes one file with all of this coalition's answers and lists. Partners open it in their own copy of Common Ground, add what they know, and send it back for you to merge."),
      h("div", { class: "field" }, h("label", { for: "exported-by" }, "Sent by"), by, h("p", { class: "help" }, "So the people who get the file know who it is from.")),
      privateDetails.el, error,
      h("div", { class: "actions" }, h("button", { type: "button", onclick: () => close() }, "Cancel"), save),
    ];
  });
}
