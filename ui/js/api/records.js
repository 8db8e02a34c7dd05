// @ts-check
// The lists a coalition keeps: partners, budget lines, barriers and the like.
import { area } from "./call.js";

const call = area("records");

/** @typedef {{id: string, kind: string, position: number, data: Record<string, any>, updated_at: string}} RecordItem */
/** A record with its row's texts: its title, and one cell per column of the list. @typedef {RecordItem & {title: string, cells: string[]}} ShownRecord */
/** @typedef {{money_out: number, money_in: number, gap: number, money_out_text: string, money_in_text: string, gap_text: string}} Totals */
/**
 * A list ready to show: its columns, its rows, and for a list of money its totals.
 * @typedef {{columns: {id: string, label: string}[], items: ShownRecord[], totals: Totals|null}} RecordList
 */

/** @param {string} coalitionId @param {string} kind @returns {Promise<RecordList>} */
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
