// @ts-check
// Start-up: the text for the page, whether the data file opened, and the ways out when it did not.
import { area } from "./call.js";

const call = area("startup");

/** @typedef {{kind: string, message: string, path: string}} StartupProblem */

/**
 * The text catalog of the language the app speaks, chosen once at start on the Rust side (the
 * system's language when the app has it, else English), so the page and the Rust side's own
 * messages speak one language.
 * @returns {Promise<{language: string, texts: Record<string, string>}>}
 */
export const textCatalog = () => call("text_catalog");
/** @returns {Promise<StartupProblem|null>} */
export const startupStatus = () => call("startup_status");
/** @returns {Promise<StartupProblem|null>} */
export const retryOpen = () => call("retry_open");
/** @returns {Promise<StartupProblem|null>} */
export const restoreAfterDamage = () => call("restore_after_damage");
