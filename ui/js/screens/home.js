// @ts-check
// The first screen: what the app is for, start or open a coalition, and the coalitions kept here.
import { coalitionContents, createCoalition, createExampleCoalition, deleteCoalition, listCoalitions, restoreCoalition, updateCoalition } from "../api/coalitions.js";
import { busyAction } from "../busy.js";
import { confirmDialog } from "../dialog.js";
import { h, replace } from "../dom.js";
import { addRoute, navigate } from "../router.js";
import { reported, toast } from "../toast.js";
import { showBackups } from "./backups.js";
import { coalitionForm } from "./coalition-form.js";
import { importFile } from "./import.js";

addRoute("home", "", showHome);

/** @param {HTMLElement} root */
async function showHome(root) {
  const coalitions = await listCoalitions();
  const startNew = async () => {
    const made = await coalitionForm({ title: "Start a new coalition", submit: "Create coalition", save: createCoalition });
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
        h("h1", null, "Common Ground"),
        h("p", { class: "lead" },
          "Common Ground helps you build a coalition: partners and residents working together on one community problem. ",
          "It walks you through the big questions step by step, keeps your answers safe on this computer, and turns them into a plan you can print and share.")),
      h("div", { class: "actions start-actions" },
        h("button", { class: "primary large", onclick: startNew }, "Start a new coalition"),
        h("button", { class: "large", onclick: openExample }, "Open the example coalition")),
      coalitionList(root, coalitions),
      h("div", { class: "actions quiet-actions" },
        h("button", { onclick: reported(() => importFile(null)) }, "Import a coalition file…"),
        h("button", { onclick: reported(() => showBackups(() => showHome(root))) }, "Restore from a backup…"))));
}

/** @param {HTMLElement} root @param {import("../api/coalitions.js").Coalition[]} coalitions */
function coalitionList(root, coalitions) {
  if (coalitions.length === 0) {
    return h("section", { class: "empty", "aria-labelledby": "yours" },
      h("h2", { id: "yours" }, "Your coalitions"),
      h("p", null, "None yet. Start a new one, or look around the example first."));
  }
  return h("section", { "aria-labelledby": "yours" },
    h("h2", { id: "yours" }, "Your coalitions"),
    h("ul", { class: "coalition-list" }, coalitions.map((c) => coalitionItem(root, c))));
}

/** @param {HTMLElement} root @param {import("../api/coalitions.js").Coalition} c */
function coalitionItem(root, c) {
  const rename = async () => {
    const saved = await coalitionForm({ title: "Rename or edit coalition", submit: "Save", initial: c, save: (fields) => updateCoalition(c.id, fields) });
    if (saved) { toast(`Saved "${saved.name}".`); showHome(root); }
  };
  const remove = reported(async () => {
    const contents = await coalitionContents(c.id);
    const ok = await confirmDialog({
      title: `Delete "${c.name}"?`,
      message: `This removes the coalition with its ${plural(contents.answers, "answer")} and ${plural(contents.records, "list item")} (partners, budget lines and the like). You can undo right after.`,
      confirm: "Delete coalition",
      danger: true,
    });
    if (!ok) return;
    await deleteCoalition(c.id);
    toast(`Deleted "${c.name}".`, { undo: async () => { await restoreCoalition(c.id); showHome(root); } });
    showHome(root);
  });
  return h("li", { class: "coalition-item" },
    h("button", { class: "coalition-open", onclick: () => navigate({ name: "overview", id: c.id }) },
      h("span", { class: "name" }, c.name),
      c.focus ? h("span", { class: "focus" }, c.focus) : null,
      c.is_example ? h("span", { class: "badge" }, "Example") : null),
    h("div", { class: "item-actions" },
      h("button", { onclick: rename, "aria-label": `Rename ${c.name}` }, "Rename"),
      h("button", { class: "danger-quiet", onclick: remove, "aria-label": `Delete ${c.name}` }, "Delete")));
}

/** @param {number} n @param {string} word */
export function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
