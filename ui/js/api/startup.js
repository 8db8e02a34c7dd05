// @ts-check
// Start-up: the text for the page, whether the data file opened, and the ways out when it did not.
import { area } from "./call.js";

const call = area("startup");

/** @typedef {{kind: string, message: string, path: string}} StartupProblem */

/**
 * The text catalog for the first of these languages the app has (English when none fits).
 * @param {string[]} languages e.g. navigator.languages
 * @returns {Promise<{language: string, texts: Record<string, string>}>}
 */
export const textCatalog = (languages) => call("text_catalog", { languages });
/** @returns {Promise<StartupProblem|null>} */
export const startupStatus = () => call("startup_status");
/** @returns {Promise<StartupProblem|null>} */
export const retryOpen = () => call("retry_open");
/** @returns {Promise<StartupProblem|null>} */
export const restoreAfterDamage = () => call("restore_after_damage");
