// @ts-check
// The lists a coalition keeps: partners, budget lines, barriers and the like.
import { area } from "./call.js";

const call = area("records");

/** @typedef {{id: string, kind: string, position: number, data: Record<string, any>, updated_at: string}} RecordItem */

/** @param {string} coalitionId @param {string} kind @returns {Promise<RecordItem[]>} */
export const listRecords = (coalitionId, kind) => call("list_records", { coalitionId, kind });
/**
 * @param {string} coalitionId @param {string} kind @param {string|null} id @param {Record<string, any>} data
 * @returns {Promise<RecordItem>}
 */
export const saveRecord = (coalitionId, kind, id, data) => call("save_record", { coalitionId, kind, id, data });
/** @param {string} id @returns {Promise<void>} */
export const deleteRecord = (id) => call("delete_record", { id });
/** @param {string} id @returns {Promise<RecordItem>} */
export const restoreRecord = (id) => call("restore_record", { id });
