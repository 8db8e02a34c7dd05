// @ts-check
// A coalition's workspace: header with the coalition switcher and the "Saved" indicator, the
// sidebar of stages and worksheets with progress, and the main area, where one of the
// workspace's pages shows (overview, a worksheet step, check your answers...). Pages register
// here; the workspace imports none of them.
import { listCoalitions, updateCoalition } from "../api/coalitions.js";
import { getCatalog, getProgress } from "../api/worksheets.js";
import { h, replace } from "../dom.js";
import { addRoute, link, navigate } from "../router.js";
import { attachIndicator } from "../saving.js";
import { t } from "../text.js";
import { toast } from "../toast.js";
import { coalitionForm } from "./coalition-form.js";
import { fileActions } from "./file-actions.js";

/**
 * What a page gets: the catalog, the coalition, its route, its progress, and a way to refresh
 * the sidebar's counts after a save.
 * @typedef {{catalog: any, coalition: import("../api/coalitions.js").ShownCoalition, route: import("../router.js").Route,
 *            progress: any, refreshProgress: () => Promise<any>}} PageContext
 */
/**
 * A page of the workspace. Its path starts with "coalitions/:id". With a label (a function, as
 * the text arrives after the pages register) it has a link at the top of the sidebar, in `order`.
 * @typedef {{name: string, path: string, label?: () => string, order?: number,
 *            show: (main: HTMLElement, ctx: PageContext) => Promise<any>|any}} WorkspacePage
 */

/** The pages with a sidebar link, in their order. @type {WorkspacePage[]} */
const linked = [];

/** Registers a page of the workspace under its route. @param {WorkspacePage} page */
export function addWorkspacePage(page) {
  addRoute(page.name, page.path, (/** @type {HTMLElement} */ root, /** @type {any} */ route) => showWorkspace(root, route, page));
  if (page.label) {
    linked.push(page);
    linked.sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  }
}

/**
 * @param {HTMLElement} root
 * @param {import("../router.js").Route} route
 * @param {WorkspacePage} page
 */
async function showWorkspace(root, route, page) {
  const [catalog, coalitions] = await Promise.all([getCatalog(), listCoalitions()]);
  const coalition = coalitions.find((c) => c.id === route.id);
  if (!coalition) {
    toast(t("coalitions.gone"), { error: true });
    return navigate({ name: "home" }, { replace: true });
  }
  const saved = h("span", { class: "saved", role: "status", "aria-live": "polite" });
  attachIndicator(saved);
  const nav = h("nav", { class: "sidebar", "aria-label": t("coalitions.worksheets_nav") });
  const main = h("main", { id: "main", class: "content", tabindex: "-1" });

  // The sidebar is built once; after each save only its counts change, so a link the person
  // has focused (or the sidebar's scroll position) stays where it is.
  const refreshProgress = async () => {
    const progress = await getProgress(coalition.id);
    if (nav.firstChild) updateCounts(nav, progress);
    else replace(nav, sidebar(catalog, coalition, route, progress));
    return progress;
  };
  const switcher = /** @type {HTMLSelectElement} */ (h("select", { "aria-label": t("coalitions.switch"), class: "switcher" },
    coalitions.map((c) => h("option", { value: c.id, selected: c.id === coalition.id }, c.name))));
  switcher.addEventListener("change", async () => {
    if (!(await navigate({ name: "overview", id: switcher.value }))) switcher.value = coalition.id;
  });
  const editDetails = async () => {
    const updated = await coalitionForm({ title: t("coalitions.details_title"), submit: t("common.save"), initial: coalition, save: (fields) => updateCoalition(coalition.id, fields) });
    if (updated) { toast(t("coalitions.details_saved")); navigate(route, { replace: true }); }
  };

  replace(root,
    h("header", { class: "topbar" },
      h("button", { class: "link back", onclick: () => navigate({ name: "home" }) }, t("coalitions.all_coalitions")),
      switcher,
      h("div", { class: "topbar-actions" },
        saved,
        h("button", { onclick: editDetails }, t("coalitions.details")),
        fileActions(coalition))),
    h("div", { class: "workspace" }, nav, main));

  const progress = await refreshProgress();
  await page.show(main, { catalog, coalition, route, progress, refreshProgress });
}

/** @param {any} catalog @param {any} coalition @param {any} route @param {any} progress */
function sidebar(catalog, coalition, route, progress) {
  const byId = Object.fromEntries(progress.worksheets.map((/** @type {any} */ w) => [w.worksheet_id, w]));
  const entry = (/** @type {string} */ label, /** @type {any} */ target, /** @type {boolean} */ current, /** @type {any} */ extra = null) =>
    link(target, { class: current ? "current" : null, "aria-current": current ? "page" : null }, h("span", null, label), extra);
  return [
    h("ul", { class: "nav-top" },
      linked.map((page) => h("li", null, entry(page.label ? page.label() : "", { name: page.name, id: coalition.id }, route.name === page.name)))),
    catalog.stages.map((/** @type {any} */ stage) => {
      const sheets = catalog.worksheets.filter((/** @type {any} */ w) => w.stage === stage.id);
      if (sheets.length === 0) return null;
      return h("section", { class: "nav-stage" },
        h("h2", null, stage.title),
        h("ul", null, sheets.map((/** @type {any} */ w) => {
          const count = h("span", { dataset: { worksheet: w.id } });
          showCount(count, byId[w.id]);
          return h("li", null, entry(w.title, { name: "worksheet", id: coalition.id, worksheet: w.id, step: 0 }, route.worksheet === w.id, count));
        })));
    }),
  ];
}

/** @param {HTMLElement} count @param {any} p a worksheet's progress, if any */
function showCount(count, p = { answered: 0, total: 0 }) {
  const done = p.total > 0 && p.answered === p.total;
  count.className = done ? "count done" : "count";
  count.setAttribute("aria-label", t("coalitions.worksheet_count_label", { answered: p.answered, total: p.total }));
  count.textContent = done ? t("coalitions.worksheet_done") : t("coalitions.worksheet_count", { answered: p.answered, total: p.total });
}

/** @param {HTMLElement} nav @param {any} progress */
function updateCounts(nav, progress) {
  const byId = Object.fromEntries(progress.worksheets.map((/** @type {any} */ w) => [w.worksheet_id, w]));
  for (const count of /** @type {NodeListOf<HTMLElement>} */ (nav.querySelectorAll("span.count[data-worksheet]"))) {
    showCount(count, byId[count.dataset.worksheet || ""]);
  }
}
