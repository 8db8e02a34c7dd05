// @ts-check
// "Restore from backup…": the automatic backups with their dates, restored after confirmation.
import { listBackups, restoreBackup } from "../api/backups.js";
import { confirmDialog, openDialog } from "../dialog.js";
import { h } from "../dom.js";
import { t } from "../text.js";
import { toast } from "../toast.js";

/** @param {() => void} onRestored */
export async function showBackups(onRestored) {
  const backups = await listBackups();
  const picked = await openDialog(t("backups.title"), (close) => [
    h("p", null, t("backups.lead")),
    backups.length === 0 ? h("p", { class: "muted" }, t("backups.none_yet")) :
      h("ul", { class: "backup-list" }, backups.map((b) => h("li", null,
        h("span", null, b.made_at_text, " · ",
          b.ok ? coalitionCount(b.coalitions) : h("span", { class: "q-error" }, b.problem || t("backups.cannot_use"))),
        b.ok ? h("button", { type: "button", onclick: () => close(b) }, t("backups.restore")) : null))),
    h("div", { class: "actions" }, h("button", { type: "button", autofocus: true, onclick: () => close() }, t("common.close"))),
  ]);
  if (!picked) return;
  const ok = await confirmDialog({
    title: t("backups.confirm_title"),
    message: t("backups.confirm_message", { when: picked.made_at_text }),
    confirm: t("backups.restore"),
    danger: true,
  });
  if (!ok) return;
  try {
    await restoreBackup(picked.file_name);
    toast(t("backups.restored"));
    onRestored();
  } catch (err) {
    toast(/** @type {any} */ (err).message, { error: true });
  }
}

/** How many coalitions a backup holds; "?" when it does not say. @param {number|null|undefined} count */
function coalitionCount(count) {
  return typeof count === "number" ? t("backups.coalition_count", { count }) : t("backups.coalition_count_unknown");
}
