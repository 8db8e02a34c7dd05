// @ts-check
// The first screen: what the app is for, start or open a coalition, and the coalitions kept here.
import { coalitionContents, createCoalition, createExampleCoalition, deleteCoalition, listCoalitions, restoreCoalition, updateCoalition } from "../api/coalitions.js";
import { busyAction } from "../busy.js";
import { confirmDialog } from "../dialog.js";
import { h, replace } from "../dom.js";
import { addRoute, navigate } from "../router.js";
import { t } from "../text.js";
import { reported, toast } from "../toast.js";
import { showBackups } from "./backups.js";
import { coalitionForm } from "./coalition-form.js";
import { importFile } from "./import.js";

addRoute("home", "", showHome);

/** @param {HTMLElement} root */
async function showHome(root) {
  const coalitions = await listCoalitions();
  const startNew = async () => {
    const made = await coalitionForm({ title: t("coalitions.new_title"), submit: t("coalitions.create"), save: createCoalition });
    if (made) navigate({ name: "overview", id: made.id });
  };
  const openExample = busyAction(reported(async () => {
    const existing = coalitions.find((c) => c.is_example);
    const example = existing || (await createExampleCoalition());
    await navigate({ name: "overview", id: example.id });
  }));
  replace(root,
    h("main", { id: "main", class: "home" },
      h("header", { class: "hero" },
        h("img", { src: "icon.svg", alt: "", class: "logo", width: 56, height: 56 }),
        h("h1", null, t("common.app_name")),
        h("p", { class: "lead" }, t("coalitions.home_lead"))),
      h("div", { class: "actions start-actions" },
        h("button", { class: "primary large", onclick: startNew }, t("coalitions.new_title")),
        h("button", { class: "large", onclick: openExample }, t("coalitions.open_example"))),
      coalitionList(root, coalitions),
      h("div", { class: "actions quiet-actions" },
        h("button", { onclick: reported(() => importFile(null)) }, t("exchange.import_file")),
        h("button", { onclick: reported(() => showBackups(() => showHome(root))) }, t("backups.restore_button")))));
}

/** @param {HTMLElement} root @param {import("../api/coalitions.js").Coalition[]} coalitions */
function coalitionList(root, coalitions) {
  if (coalitions.length === 0) {
    return h("section", { class: "empty", "aria-labelledby": "yours" },
      h("h2", { id: "yours" }, t("coalitions.yours")),
      h("p", null, t("coalitions.none_yet")));
  }
  return h("section", { "aria-labelledby": "yours" },
    h("h2", { id: "yours" }, t("coalitions.yours")),
    h("ul", { class: "coalition-list" }, coalitions.map((c) => coalitionItem(root, c))));
}

/** @param {HTMLElement} root @param {import("../api/coalitions.js").Coalition} c */
function coalitionItem(root, c) {
  const rename = async () => {
    const saved = await coalitionForm({ title: t("coalitions.rename_title"), submit: t("common.save"), initial: c, save: (fields) => updateCoalition(c.id, fields) });
    if (saved) { toast(t("coalitions.saved", { name: saved.name })); showHome(root); }
  };
  const remove = reported(async () => {
    const contents = await coalitionContents(c.id);
    const ok = await confirmDialog({
      title: t("coalitions.delete_title", { name: c.name }),
      message: t("coalitions.delete_message", {
        answers: t("coalitions.answer_count", { count: contents.answers }),
        records: t("coalitions.list_item_count", { count: contents.records }),
      }),
      confirm: t("coalitions.delete_confirm"),
      danger: true,
    });
    if (!ok) return;
    await deleteCoalition(c.id);
    toast(t("coalitions.deleted", { name: c.name }), { undo: async () => { await restoreCoalition(c.id); showHome(root); } });
    showHome(root);
  });
  return h("li", { class: "coalition-item" },
    h("button", { class: "coalition-open", onclick: () => navigate({ name: "overview", id: c.id }) },
      h("span", { class: "name" }, c.name),
      c.focus ? h("span", { class: "focus" }, c.focus) : null,
      c.is_example ? h("span", { class: "badge" }, t("coalitions.example_badge")) : null),
    h("div", { class: "item-actions" },
      h("button", { onclick: rename, "aria-label": t("coalitions.rename_named", { name: c.name }) }, t("coalitions.rename")),
      h("button", { class: "danger-quiet", onclick: remove, "aria-label": t("coalitions.delete_named", { name: c.name }) }, t("common.delete"))));
}
