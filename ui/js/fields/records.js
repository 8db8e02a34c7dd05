// @ts-check
// A question bound to a list the coalition keeps (partners, budget lines, barriers...). Items are
// added and edited in a small form; deleting one can be undone.
import { deleteRecord, listRecords, restoreRecord, saveRecord } from "../api/records.js";
import { openDialog } from "../dialog.js";
import { h, replace, uniqueId } from "../dom.js";
import { formatField, formatMoney } from "../format.js";
import { tracked } from "../saving.js";
import { reported, toast } from "../toast.js";
import { fieldInput, withoutEmpty } from "./field-input.js";

/** @param {import("./question.js").QuestionContext} ctx @param {any} q @param {string} id */
export function recordsInput(ctx, q, id) {
  const kind = ctx.catalog.record_kinds.find((/** @type {any} */ k) => k.id === q.record);
  const list = h("div", { class: "records", id });
  if (!kind) return { el: h("p", { class: "q-error" }, `The list "${q.record}" is missing from the app's data.`) };
  const refresh = async () => {
    const items = await listRecords(ctx.coalitionId, kind.id);
    replace(list,
      items.length === 0 ? h("p", { class: "muted" }, `No ${kind.plural.toLowerCase()} yet.`) : recordsTable(kind, items, edit, remove),
      totalsFor(kind, items),
      h("button", { type: "button", onclick: () => edit(null) }, `Add ${article(kind.label)}`));
  };
  const edit = reported(async (/** @type {any} */ item) => {
    const saved = await recordForm(ctx.coalitionId, kind, item);
    if (saved) { await refresh(); ctx.onSaved(); }
  });
  const remove = reported(async (/** @type {any} */ item) => {
    await tracked(() => deleteRecord(item.id));
    await refresh();
    ctx.onSaved();
    toast(`Removed ${item.data[kind.title_field] || kind.label.toLowerCase()}.`, {
      undo: async () => { await restoreRecord(item.id); await refresh(); ctx.onSaved(); },
    });
  });
  refresh().catch((err) => replace(list, h("p", { class: "q-error" }, err.message)));
  return { el: list };
}

/** @param {string} label */
function article(label) {
  const lower = label.toLowerCase();
  return `${/^[aeiou]/.test(lower) ? "an" : "a"} ${lower}`;
}

/** Up to four columns: the title field first, then the next short fields. */
function summaryFields(/** @type {any} */ kind) {
  const title = kind.fields.find((/** @type {any} */ f) => f.id === kind.title_field);
  const others = kind.fields.filter((/** @type {any} */ f) => f !== title && f.kind !== "long_text" && !f.private).slice(0, 3);
  return [title, ...others];
}

function recordsTable(/** @type {any} */ kind, /** @type {any[]} */ items, /** @type {Function} */ edit, /** @type {Function} */ remove) {
  const fields = summaryFields(kind);
  return h("table", { class: "records-table" },
    h("thead", null, h("tr", null, fields.map((f) => h("th", { scope: "col" }, f.label)), h("th", null, h("span", { class: "visually-hidden" }, "Actions")))),
    h("tbody", null, items.map((item) => h("tr", null,
      fields.map((f) => h("td", null, formatField(f, item.data[f.id]))),
      h("td", { class: "row-actions" },
        h("button", { type: "button", onclick: () => edit(item), "aria-label": `Edit ${item.data[kind.title_field] || ""}` }, "Edit"),
        h("button", { type: "button", class: "danger-quiet", onclick: () => remove(item), "aria-label": `Remove ${item.data[kind.title_field] || ""}` }, "Remove"))))));
}

/** Budget lines get their totals and the gap, worked out for the person. */
function totalsFor(/** @type {any} */ kind, /** @type {any[]} */ items) {
  if (kind.id !== "budget_line" || items.length === 0) return null;
  const sum = (/** @type {string} */ direction) => items.filter((i) => i.data.direction === direction).reduce((t, i) => t + (i.data.amount || 0), 0);
  const expenses = sum("expense");
  const income = sum("income");
  const gap = expenses - income;
  return h("p", { class: "totals" },
    `Costs ${formatMoney(expenses)} · Income ${formatMoney(income)} · `,
    h("strong", null, gap > 0 ? `Still to find: ${formatMoney(gap)}` : `Covered, with ${formatMoney(-gap)} to spare`));
}

/** @param {string} coalitionId @param {any} kind @param {any} item */
function recordForm(coalitionId, kind, item) {
  return openDialog(item ? `Edit ${kind.label.toLowerCase()}` : `Add ${article(kind.label)}`, (close) => {
    const inputs = kind.fields.map((/** @type {any} */ f) => {
      const inputId = uniqueId(`rec-${f.id}`);
      const input = fieldInput(f, item?.data[f.id], inputId);
      return { field: f, input, el: h("div", { class: "field" },
        h("label", { for: inputId }, f.label, f.required ? h("span", { class: "required" }, " (needed)") : null),
        input.el,
        f.hint ? h("p", { class: "help" }, f.hint) : null) };
    });
    const error = h("p", { class: "form-error", role: "alert" });
    const form = /** @type {HTMLFormElement} */ (h("form", { novalidate: true, class: "record-form" },
      inputs.map((/** @type {any} */ i) => i.el),
      error,
      h("div", { class: "actions" },
        h("button", { type: "button", onclick: () => close() }, "Cancel"),
        h("button", { type: "submit", class: "primary" }, "Save"))));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
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
