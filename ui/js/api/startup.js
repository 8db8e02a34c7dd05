// @ts-check
// Start-up: whether the data file opened, and the ways out when it did not.
import { area } from "./call.js";

const call = area("startup");

/** @typedef {{kind: string, message: string, path: string}} StartupProblem */

/** @returns {Promise<StartupProblem|null>} */
export const startupStatus = () => call("startup_status");
/** @returns {Promise<StartupProblem|null>} */
export const retryOpen = () => call("retry_open");
/** @returns {Promise<StartupProblem|null>} */
export const restoreAfterDamage = () => call("restore_after_damage");
