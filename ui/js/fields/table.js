// @ts-check
// A table question: rows of cells with named columns. The whole table is saved on each change.
import { h } from "../dom.js";
import { t } from "../text.js";
import { fieldInput, withoutEmpty } from "./field-input.js";

/** @param {any} q @param {any} value @param {string} id @param {(read: () => any) => () => void} saveSoon */
export function tableInput(q, value, id, saveSoon) {
  /** @type {{tr: HTMLElement, readers: Array<() => any>}[]} */
  const rows = [];
  const body = h("tbody");
  const read = () => rows.map((row) => withoutEmpty(Object.fromEntries(q.columns.map((/** @type {any} */ c, /** @type {number} */ i) => [c.id, row.readers[i]()]))))
    .filter((row) => Object.keys(row).length > 0);
  const changed = saveSoon(read);
  const addRow = (/** @type {any} */ data = {}) => {
    const index = rows.length;
    const readers = [];
    const cells = q.columns.map((/** @type {any} */ c) => {
      const input = fieldInput(c, data[c.id], `${id}-r${index}-${c.id}`);
      input.el.setAttribute("aria-label", t("worksheets.cell_label", { column: c.label, row: index + 1 }));
      input.el.addEventListener("input", changed);
      input.el.addEventListener("change", changed);
      readers.push(input.read);
      return h("td", null, input.el);
    });
    const row = { tr: h("tr"), readers };
    const remove = h("button", { type: "button", class: "icon", "aria-label": t("worksheets.remove_row", { row: index + 1 }), onclick: () => {
      rows.splice(rows.indexOf(row), 1);
      row.tr.remove();
      changed();
    } }, t("common.dismiss_mark"));
    row.tr.append(...cells, h("td", null, remove));
    rows.push(row);
    body.appendChild(row.tr);
    return row;
  };
  for (const data of value || []) addRow(data);
  if (rows.length === 0) addRow();
  const add = h("button", { type: "button", onclick: () => {
    const row = addRow();
    /** @type {HTMLElement|null} */ (row.tr.querySelector("input, select, textarea"))?.focus();
  } }, t("worksheets.add_row"));
  const table = h("table", { class: "answer-table", id },
    h("thead", null, h("tr", null, q.columns.map((/** @type {any} */ c) => h("th", { scope: "col" }, c.label)), h("th", null, h("span", { class: "visually-hidden" }, t("worksheets.remove_column"))))),
    body);
  return { el: h("div", { class: "table-wrap" }, table, add) };
}
