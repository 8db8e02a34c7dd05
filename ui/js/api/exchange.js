// @ts-check
// The exchange file partners send each other: export, then open as new or merge.
import { area } from "./call.js";

const call = area("exchange");

/** @param {string} coalitionId @param {{exported_by: string|null, leave_out_private: boolean}} options @returns {Promise<string>} */
export const exportCoalition = (coalitionId, options) => call("export_coalition", { coalitionId, options });
/** @returns {Promise<{token: string, file_name: string, preview: any}>} */
export const pickImportFile = () => call("pick_import_file");
/** @param {string} token @returns {Promise<import("./coalitions.js").Coalition>} */
export const importAsNew = (token) => call("import_as_new", { token });
/** @param {string} token @param {string} targetId @returns {Promise<any>} */
export const planMerge = (token, targetId) => call("plan_merge", { token, targetId });
/** @param {string} token @param {string} targetId @param {{choices: Record<string, string>}} choices @returns {Promise<any>} */
export const applyMerge = (token, targetId, choices) => call("apply_merge", { token, targetId, choices });
