// @ts-check
// A coalition's workspace: header with the coalition switcher and the "Saved" indicator, the
// sidebar of stages and worksheets with progress, and the main area (overview, wizard, review).
import * as api from "../api.js";
import { navigate } from "../app.js";
import { h, replace } from "../dom.js";
import { attachIndicator } from "../saving.js";
import { toast } from "../toast.js";
import { coalitionForm } from "./coalition-form.js";
import { showOverview } from "./overview.js";
import { showReview } from "./review.js";
import { showWizard } from "./wizard.js";
import { fileActions } from "./file-actions.js";

/** @type {any} */
let catalogCache = null;
/** The worksheet catalog never changes while the app runs. */
export async function getCatalog() {
  catalogCache ??= await api.getCatalog();
  return catalogCache;
}

/**
 * @param {HTMLElement} root
 * @param {{id: string, worksheetId?: string, step?: number, view?: string}} route
 */
export async function showWorkspace(root, route) {
  const [catalog, coalitions] = await Promise.all([getCatalog(), api.listCoalitions()]);
  const coalition = coalitions.find((c) => c.id === route.id);
  if (!coalition) {
    toast("That coalition is no longer here.", { error: true });
    return navigate({ screen: "home" });
  }
  const saved = h("span", { class: "saved", role: "status", "aria-live": "polite" });
  attachIndicator(saved);
  const nav = h("nav", { class: "sidebar", "aria-label": "Worksheets" });
  const main = h("main", { id: "main", class: "content", tabindex: "-1" });

  // The sidebar is built once; after each save only its counts change, so a link the person
  // has focused (or the sidebar's scroll position) stays where it is.
  const refreshProgress = async () => {
    const progress = await api.getProgress(coalition.id);
    if (nav.firstChild) updateCounts(nav, progress);
    else replace(nav, sidebar(catalog, coalition, route, progress));
    return progress;
  };
  const switcher = /** @type {HTMLSelectElement} */ (h("select", { "aria-label": "Switch coalition", class: "switcher" },
    coalitions.map((c) => h("option", { value: c.id, selected: c.id === coalition.id }, c.name))));
  switcher.addEventListener("change", async () => {
    if (!(await navigate({ screen: "coalition", id: switcher.value }))) switcher.value = coalition.id;
  });
  const editDetails = async () => {
    const updated = await coalitionForm({ title: "Coalition details", submit: "Save", initial: coalition, save: (fields) => api.updateCoalition(coalition.id, fields) });
    if (updated) { toast("Saved the coalition's details."); navigate(route); }
  };

  replace(root,
    h("header", { class: "topbar" },
      h("button", { class: "link back", onclick: () => navigate({ screen: "home" }) }, "← All coalitions"),
      switcher,
      h("div", { class: "topbar-actions" },
        saved,
        h("button", { onclick: editDetails }, "Details"),
        fileActions(coalition))),
    h("div", { class: "workspace" }, nav, main));

  const progress = await refreshProgress();
  const context = { catalog, coalition, route, refreshProgress };
  if (route.view === "review") await showReview(main, context, progress);
  else if (route.worksheetId) await showWizard(main, context);
  else showOverview(main, context, progress);
}

/** @param {any} catalog @param {any} coalition @param {any} route @param {any} progress */
function sidebar(catalog, coalition, route, progress) {
  const byId = Object.fromEntries(progress.worksheets.map((/** @type {any} */ w) => [w.worksheet_id, w]));
  const link = (/** @type {string} */ label, /** @type {any} */ target, /** @type {boolean} */ current, /** @type {any} */ extra = null) =>
    h("a", { href: "#", class: current ? "current" : null, "aria-current": current ? "page" : null,
      onclick: (/** @type {Event} */ e) => { e.preventDefault(); navigate(target); } }, h("span", null, label), extra);
  return [
    h("ul", { class: "nav-top" },
      h("li", null, link("Overview", { screen: "coalition", id: coalition.id }, !route.worksheetId && route.view !== "review")),
      h("li", null, link("Check your answers", { screen: "coalition", id: coalition.id, view: "review" }, route.view === "review"))),
    catalog.stages.map((/** @type {any} */ stage) => {
      const sheets = catalog.worksheets.filter((/** @type {any} */ w) => w.stage === stage.id);
      if (sheets.length === 0) return null;
      return h("section", { class: "nav-stage" },
        h("h2", null, stage.title),
        h("ul", null, sheets.map((/** @type {any} */ w) => {
          const count = h("span", { dataset: { worksheet: w.id } });
          showCount(count, byId[w.id]);
          return h("li", null, link(w.title, { screen: "coalition", id: coalition.id, worksheetId: w.id, step: 0 }, route.worksheetId === w.id, count));
        })));
    }),
  ];
}

/** @param {HTMLElement} count @param {any} p a worksheet's progress, if any */
function showCount(count, p = { answered: 0, total: 0 }) {
  const done = p.total > 0 && p.answered === p.total;
  count.className = done ? "count done" : "count";
  count.setAttribute("aria-label", `${p.answered} of ${p.total} answered`);
  count.textContent = done ? "✓" : `${p.answered}/${p.total}`;
}

/** @param {HTMLElement} nav @param {any} progress */
function updateCounts(nav, progress) {
  const byId = Object.fromEntries(progress.worksheets.map((/** @type {any} */ w) => [w.worksheet_id, w]));
  for (const count of /** @type {NodeListOf<HTMLElement>} */ (nav.querySelectorAll("span.count[data-worksheet]"))) {
    showCount(count, byId[count.dataset.worksheet || ""]);
  }
}
