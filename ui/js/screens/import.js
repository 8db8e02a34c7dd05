// @ts-check
// Importing a coalition file: check it, then open it as a new coalition or merge it into one,
// after showing what would change. Nothing is written before the person says so.
import { listCoalitions } from "../api/coalitions.js";
import { applyMerge, importAsNew, pickImportFile, planMerge } from "../api/exchange.js";
import { openDialog } from "../dialog.js";
import { h } from "../dom.js";
import { navigate } from "../router.js";
import { flushSaves } from "../saving.js";
import { t } from "../text.js";
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
      await openDialog(t("exchange.cannot_import_title"), (close) => [
        h("p", { class: "problem-message" }, /** @type {any} */ (err).message),
        h("p", null, t("exchange.nothing_changed")),
        h("div", { class: "actions" }, h("button", { type: "button", class: "primary", onclick: () => close() }, t("common.ok"))),
      ]);
    }
    return;
  }
  const { token, file_name: fileName, preview } = choice;
  const coalitions = await listCoalitions();
  const defaultTarget = preview.existing?.id || currentCoalitionId || coalitions[0]?.id;
  const action = await openDialog(t("exchange.import_title", { file: fileName }), (close) => {
    const target = /** @type {HTMLSelectElement} */ (h("select", { id: "merge-target" },
      coalitions.map((c) => h("option", { value: c.id, selected: c.id === defaultTarget }, c.name))));
    return [
      h("p", null, h("strong", null, preview.coalition_name), preview.exported_by
        ? t("exchange.exported_on_by", { date: preview.exported_on, name: preview.exported_by })
        : t("exchange.exported_on", { date: preview.exported_on })),
      h("p", null, t("exchange.file_contents", { answers: preview.answers, records: preview.records }),
        preview.private_left_out ? t("exchange.private_left_out") : ""),
      preview.existing ? h("p", { class: "all-set" }, t("exchange.already_have")) : null,
      coalitions.length ? h("div", { class: "field" }, h("label", { for: "merge-target" }, t("exchange.merge_into")), target) : null,
      h("div", { class: "actions" },
        h("button", { type: "button", onclick: () => close() }, t("common.cancel")),
        h("button", { type: "button", class: preview.existing ? "" : "primary", onclick: () => close({ kind: "new" }) }, t("exchange.open_as_new")),
        coalitions.length ? h("button", { type: "button", class: preview.existing ? "primary" : "", onclick: () => close({ kind: "merge", target: target.value }) }, t("exchange.review_merge_button")) : null),
    ];
  });
  if (!action) return;
  try {
    if (action.kind === "new") {
      const made = await importAsNew(token);
      toast(t("exchange.opened_as_new", { name: made.name }));
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
    h("summary", null, t("exchange.group", { title, count: items.length })),
    h("ul", null, items.map((i) => h("li", null, i.label))));
  const confirmed = await openDialog(t("exchange.review_merge_title"), (close) => [
    plan.note ? h("p", { class: "problem-message" }, plan.note) : null,
    h("p", null, t("exchange.merge_counts", {
      name: plan.target_name, added: plan.added.length, updated: plan.updated.length, deleted: plan.deleted.length, unchanged: plan.unchanged,
    })),
    group(t("exchange.group_added"), plan.added), group(t("exchange.group_updated"), plan.updated),
    group(t("exchange.group_deleted"), plan.deleted), group(t("exchange.group_older"), plan.older_ignored),
    plan.conflicts.length ? h("section", { class: "conflicts" },
      h("h3", null, t("exchange.conflicts", { count: plan.conflicts.length })),
      plan.conflicts.map((/** @type {any} */ c) => {
        choices[c.key] = c.default;
        const name = `conflict-${c.key}`;
        const option = (/** @type {string} */ value, /** @type {string} */ label, /** @type {any} */ side) => {
          const input = /** @type {HTMLInputElement} */ (h("input", { type: "radio", name, value, id: `${name}-${value}`, checked: c.default === value }));
          input.addEventListener("change", () => { choices[c.key] = value; });
          return h("div", { class: "choice" }, input, h("label", { for: `${name}-${value}` }, t("exchange.side", { side: label }), h("span", { class: "muted" }, side.preview)));
        };
        return h("fieldset", { class: "conflict" }, h("legend", null, c.label),
          option("keep_mine", t("exchange.keep_mine"), c.mine), option("take_theirs", t("exchange.take_theirs"), c.theirs));
      })) : null,
    h("div", { class: "actions" },
      h("button", { type: "button", onclick: () => close(false) }, t("common.cancel")),
      h("button", { type: "button", class: "primary", onclick: () => close(true) }, t("exchange.merge"))),
  ]);
  if (!confirmed) return;
  const summary = await applyMerge(token, targetId, { choices });
  toast(t("exchange.merged", { added: summary.added, updated: summary.updated, deleted: summary.deleted }));
  navigate({ name: "overview", id: targetId });
}
