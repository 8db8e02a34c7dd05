// @ts-check
// The coalitions kept on this computer.
import { area } from "./call.js";

const call = area("coalitions");

/** @typedef {{id: string, name: string, focus: string, start_date: string|null, prepared_by: string, is_example: boolean, created_at: string, updated_at: string, deleted_at: string|null}} Coalition */
/** A coalition as listed, with its start date ready to show. @typedef {Coalition & {start_date_text: string}} ShownCoalition */
/** @typedef {{name: string, focus: string, start_date: string|null, prepared_by: string}} CoalitionFields */

/** @returns {Promise<ShownCoalition[]>} */
export const listCoalitions = () => call("list_coalitions");
/** @param {CoalitionFields} fields @returns {Promise<Coalition>} */
export const createCoalition = (fields) => call("create_coalition", { fields });
/** @returns {Promise<Coalition>} */
export const createExampleCoalition = () => call("create_example_coalition");
/** @param {string} id @param {CoalitionFields} fields @returns {Promise<Coalition>} */
export const updateCoalition = (id, fields) => call("update_coalition", { id, fields });
/** @param {string} id @returns {Promise<{answers: number, records: number}>} */
export const coalitionContents = (id) => call("coalition_contents", { id });
/** @param {string} id @returns {Promise<void>} */
export const deleteCoalition = (id) => call("delete_coalition", { id });
/** @param {string} id @returns {Promise<Coalition>} */
export const restoreCoalition = (id) => call("restore_coalition", { id });
