// @ts-check
// A question bound to a list the coalition keeps (partners, budget lines, barriers...). Items are
// added and edited in a small form; deleting one can be undone. The rows' texts and a list's
// totals come worked out from the core; this file only lays them out.
import { deleteRecord, listRecords, restoreRecord, saveRecord } from "../api/records.js";
import { busyAction, busySubmit } from "../busy.js";
import { openDialog } from "../dialog.js";
import { h, replace, uniqueId } from "../dom.js";
import { tracked } from "../saving.js";
import { t } from "../text.js";
import { reported, toast } from "../toast.js";
import { fieldInput, withoutEmpty } from "./field-input.js";

/** @param {import("./question.js").QuestionContext} ctx @param {any} q @param {string} id */
export function recordsInput(ctx, q, id) {
  const kind = ctx.catalog.record_kinds.find((/** @type {any} */ k) => k.id === q.record);
  const list = h("div", { class: "records", id });
  if (!kind) return { el: h("p", { class: "q-error" }, t("records.kind_missing", { kind: q.record })) };
  const refresh = async () => {
    const shown = await listRecords(ctx.coalitionId, kind.id);
    replace(list,
      shown.items.length === 0 ? h("p", { class: "muted" }, t("records.none_yet", { items: kind.plural_in_text })) : recordsTable(shown, edit, remove),
      shown.totals ? totalsLine(shown.totals) : null,
      h("button", { type: "button", onclick: () => edit(null) }, kind.add_label));
  };
  const edit = reported(async (/** @type {any} */ item) => {
    const saved = await recordForm(ctx.coalitionId, kind, item);
    if (saved) { await refresh(); ctx.onSaved(); }
  });
  const remove = reported(async (/** @type {any} */ item) => {
    await tracked(() => deleteRecord(item.id));
    await refresh();
    ctx.onSaved();
    toast(t("records.removed", { item: item.title || kind.name_in_text }), {
      undo: async () => { await restoreRecord(item.id); await refresh(); ctx.onSaved(); },
    });
  });
  refresh().catch((err) => replace(list, h("p", { class: "q-error" }, err.message)));
  return { el: list };
}

/** @param {import("../api/records.js").RecordList} shown @param {Function} edit @param {Function} remove */
function recordsTable(shown, edit, remove) {
  return h("table", { class: "records-table" },
    h("thead", null, h("tr", null, shown.columns.map((c) => h("th", { scope: "col" }, c.label)), h("th", null, h("span", { class: "visually-hidden" }, t("records.actions"))))),
    h("tbody", null, shown.items.map((item) => h("tr", null,
      item.cells.map((text) => h("td", null, text)),
      h("td", { class: "row-actions" },
        h("button", { type: "button", onclick: () => edit(item), "aria-label": t("records.edit_named", { item: item.title }) }, t("records.edit")),
        h("button", { type: "button", class: "danger-quiet", onclick: busyAction(() => remove(item)), "aria-label": t("records.remove_named", { item: item.title }) }, t("records.remove")))))));
}

/** A list of money's totals and its gap, as the core worked them out. @param {import("../api/records.js").Totals} totals */
function totalsLine(totals) {
  return h("p", { class: "totals" },
    h("span", { class: "money-out" }, totals.money_out_text), " · ",
    h("span", { class: "money-in" }, totals.money_in_text), " · ",
    h("strong", { class: "gap" }, totals.gap_text));
}

/** @param {string} coalitionId @param {any} kind @param {any} item */
function recordForm(coalitionId, kind, item) {
  return openDialog(item ? t("records.edit_title", { item: kind.name_in_text }) : kind.add_label, (close) => {
    const inputs = kind.fields.map((/** @type {any} */ f) => {
      const inputId = uniqueId(`rec-${f.id}`);
      const input = fieldInput(f, item?.input[f.id], inputId);
      return { field: f, input, el: h("div", { class: "field" },
        h("label", { for: inputId }, f.label, f.required ? h("span", { class: "required" }, t("worksheets.needed_mark")) : null),
        input.el,
        f.hint ? h("p", { class: "help" }, f.hint) : null) };
    });
    const error = h("p", { class: "form-error", role: "alert" });
    const form = /** @type {HTMLFormElement} */ (h("form", { novalidate: true, class: "record-form" },
      inputs.map((/** @type {any} */ i) => i.el),
      error,
      h("div", { class: "actions" },
        h("button", { type: "button", onclick: () => close() }, t("common.cancel")),
        h("button", { type: "submit", class: "primary" }, t("common.save")))));
    busySubmit(form, async () => {
      const data = withoutEmpty(Object.fromEntries(inputs.map((/** @type {any} */ i) => [i.field.id, i.input.read()])));
      try {
        close(await tracked(() => saveRecord(coalitionId, kind.id, item?.id ?? null, data)));
      } catch (err) {
        error.textContent = /** @type {any} */ (err).message;
      }
    });
    return [form];
  });
}
