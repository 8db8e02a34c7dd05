// @ts-check
// The coalition's front page: its details, how far the plan has come, where to go next.
import { h, replace } from "../dom.js";
import { navigate } from "../router.js";
import { t } from "../text.js";
import { addWorkspacePage } from "./workspace.js";

addWorkspacePage({ name: "overview", path: "coalitions/:id", label: () => t("coalitions.overview"), order: 10, show: showOverview });

/** @param {HTMLElement} main @param {import("./workspace.js").PageContext} ctx */
function showOverview(main, ctx) {
  const { catalog, coalition, progress } = ctx;
  const byId = Object.fromEntries(progress.worksheets.map((/** @type {any} */ w) => [w.worksheet_id, w]));
  const next = catalog.worksheets.find((/** @type {any} */ w) => (byId[w.id]?.answered ?? 0) < (byId[w.id]?.total ?? 0));
  const percent = progress.total ? Math.round((100 * progress.answered) / progress.total) : 0;
  replace(main,
    h("h1", null, coalition.name),
    coalition.focus ? h("p", { class: "lead" }, coalition.focus) : null,
    coalition.start_date ? h("p", { class: "muted" }, t("coalitions.started", { date: coalition.start_date_text })) : null,
    h("section", { class: "plan-progress", "aria-labelledby": "progress-title" },
      h("h2", { id: "progress-title" }, t("coalitions.plan_so_far")),
      h("progress", { max: 100, value: percent, "aria-label": t("coalitions.plan_progress") }),
      h("p", null, t("coalitions.questions_answered", { answered: progress.answered, total: progress.total, percent })),
      next
        ? h("button", { class: "primary", onclick: () => navigate({ name: "worksheet", id: coalition.id, worksheet: next.id, step: 0 }) },
          progress.answered ? t("coalitions.continue_with", { title: next.title }) : t("coalitions.start_with", { title: next.title }))
        : h("p", null, t("coalitions.every_worksheet_answered"))),
    h("section", { class: "stage-cards" },
      catalog.stages.map((/** @type {any} */ s) => h("div", { class: "stage-card" }, h("h3", null, s.title), h("p", null, s.intro)))));
  main.focus();
}
