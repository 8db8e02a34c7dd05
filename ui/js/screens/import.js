// @ts-check
// Importing a coalition file: check it, then open it as a new coalition or merge it into one,
// after showing what would change. Nothing is written before the person says so.
import { listCoalitions } from "../api/coalitions.js";
import { applyMerge, importAsNew, pickImportFile, planMerge } from "../api/exchange.js";
import { openDialog } from "../dialog.js";
import { h } from "../dom.js";
import { navigate } from "../router.js";
import { flushSaves } from "../saving.js";
import { toast } from "../toast.js";

/** @param {string|null} currentCoalitionId the coalition on screen, if any */
export async function importFile(currentCoalitionId) {
  let choice;
  // A merge must see every answer typed so far (a failure is shown at its question).
  await flushSaves();
  try {
    choice = await pickImportFile();
  } catch (err) {
    if (/** @type {any} */ (err).kind !== "cancelled") {
      await openDialog("This file can't be imported", (close) => [
        h("p", { class: "problem-message" }, /** @type {any} */ (err).message),
        h("p", null, "Nothing has been changed."),
        h("div", { class: "actions" }, h("button", { type: "button", class: "primary", onclick: () => close() }, "OK")),
      ]);
    }
    return;
  }
  const { token, file_name: fileName, preview } = choice;
  const coalitions = await listCoalitions();
  const defaultTarget = preview.existing?.id || currentCoalitionId || coalitions[0]?.id;
  const action = await openDialog(`Import “${fileName}”`, (close) => {
    const target = /** @type {HTMLSelectElement} */ (h("select", { id: "merge-target" },
      coalitions.map((c) => h("option", { value: c.id, selected: c.id === defaultTarget }, c.name))));
    return [
      h("p", null, h("strong", null, preview.coalition_name), ` — exported ${preview.exported_on}`,
        preview.exported_by ? ` by ${preview.exported_by}` : "", "."),
      h("p", null, `${preview.answers} answers and ${preview.records} list items.`,
        preview.private_left_out ? " The sender left private details out." : ""),
      preview.existing ? h("p", { class: "all-set" }, "You already have this coalition. Merging brings in the sender's changes and keeps yours.") : null,
      coalitions.length ? h("div", { class: "field" }, h("label", { for: "merge-target" }, "Merge into"), target) : null,
      h("div", { class: "actions" },
        h("button", { type: "button", onclick: () => close() }, "Cancel"),
        h("button", { type: "button", class: preview.existing ? "" : "primary", onclick: () => close({ kind: "new" }) }, "Open as a new coalition"),
        coalitions.length ? h("button", { type: "button", class: preview.existing ? "primary" : "", onclick: () => close({ kind: "merge", target: target.value }) }, "Review the merge…") : null),
    ];
  });
  if (!action) return;
  try {
    if (action.kind === "new") {
      const made = await importAsNew(token);
      toast(`Opened “${made.name}” from the file.`);
      navigate({ name: "overview", id: made.id });
    } else {
      await reviewMerge(token, action.target);
    }
  } catch (err) {
    toast(/** @type {any} */ (err).message, { error: true });
  }
}

/** @param {string} token @param {string} targetId */
async function reviewMerge(token, targetId) {
  const plan = await planMerge(token, targetId);
  /** @type {Record<string, string>} */
  const choices = {};
  const group = (/** @type {string} */ title, /** @type {any[]} */ items) => items.length === 0 ? null : h("details", { class: "merge-group" },
    h("summary", null, `${title} (${items.length})`),
    h("ul", null, items.map((i) => h("li", null, i.label))));
  const confirmed = await openDialog("Review the merge", (close) => [
    plan.note ? h("p", { class: "problem-message" }, plan.note) : null,
    h("p", null, `Into “${plan.target_name}”: `,
      `${plan.added.length} new, ${plan.updated.length} updated, ${plan.deleted.length} deleted, ${plan.unchanged} unchanged.`),
    group("New", plan.added), group("Updated", plan.updated), group("Deleted by the sender", plan.deleted),
    group("Older than yours, not taken", plan.older_ignored),
    plan.conflicts.length ? h("section", { class: "conflicts" },
      h("h3", null, `Changed on both sides (${plan.conflicts.length})`),
      plan.conflicts.map((/** @type {any} */ c) => {
        choices[c.key] = c.default;
        const name = `conflict-${c.key}`;
        const option = (/** @type {string} */ value, /** @type {string} */ label, /** @type {any} */ side) => {
          const input = /** @type {HTMLInputElement} */ (h("input", { type: "radio", name, value, id: `${name}-${value}`, checked: c.default === value }));
          input.addEventListener("change", () => { choices[c.key] = value; });
          return h("div", { class: "choice" }, input, h("label", { for: `${name}-${value}` }, `${label}: `, h("span", { class: "muted" }, side.preview)));
        };
        return h("fieldset", { class: "conflict" }, h("legend", null, c.label),
          option("keep_mine", "Keep mine", c.mine), option("take_theirs", "Take theirs", c.theirs));
      })) : null,
    h("div", { class: "actions" },
      h("button", { type: "button", onclick: () => close(false) }, "Cancel"),
      h("button", { type: "button", class: "primary", onclick: () => close(true) }, "Merge")),
  ]);
  if (!confirmed) return;
  const summary = await applyMerge(token, targetId, { choices });
  toast(`Merged: ${summary.added} new, ${summary.updated} updated, ${summary.deleted} deleted.`);
  navigate({ name: "overview", id: targetId });
}
