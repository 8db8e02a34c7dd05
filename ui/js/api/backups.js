// @ts-check
// The automatic backups.
import { area } from "./call.js";

const call = area("backups");

/** @returns {Promise<any[]>} */
export const listBackups = () => call("list_backups");
/** @param {string} fileName @returns {Promise<any>} */
export const restoreBackup = (fileName) => call("restore_backup", { fileName });
