// @ts-check
// "Restore from backup…": the automatic backups with their dates, restored after confirmation.
import { listBackups, restoreBackup } from "../api/backups.js";
import { confirmDialog, openDialog } from "../dialog.js";
import { h } from "../dom.js";
import { toast } from "../toast.js";

/** @param {() => void} onRestored */
export async function showBackups(onRestored) {
  const backups = await listBackups();
  const picked = await openDialog("Restore from a backup", (close) => [
    h("p", null, "Common Ground backs up your data when it starts and once a day while it runs, and keeps the last ten."),
    backups.length === 0 ? h("p", { class: "muted" }, "There are no backups yet.") :
      h("ul", { class: "backup-list" }, backups.map((b) => h("li", null,
        h("span", null, new Date(b.made_at).toLocaleString(), " · ",
          b.ok ? `${b.coalitions ?? "?"} coalition${b.coalitions === 1 ? "" : "s"}` : h("span", { class: "q-error" }, b.problem || "can't be used")),
        b.ok ? h("button", { type: "button", onclick: () => close(b) }, "Restore") : null))),
    h("div", { class: "actions" }, h("button", { type: "button", autofocus: true, onclick: () => close() }, "Close")),
  ]);
  if (!picked) return;
  const ok = await confirmDialog({
    title: "Restore this backup?",
    message: `Everything will go back to how it was on ${new Date(picked.made_at).toLocaleString()}. Your data as it is now is backed up first, so you can come back to it.`,
    confirm: "Restore",
    danger: true,
  });
  if (!ok) return;
  try {
    await restoreBackup(picked.file_name);
    toast("Restored. Your data as it was a moment ago is kept as the newest backup.");
    onRestored();
  } catch (err) {
    toast(/** @type {any} */ (err).message, { error: true });
  }
}
