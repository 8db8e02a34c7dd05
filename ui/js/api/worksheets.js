// @ts-check
// The worksheets: their definitions, a coalition's answers, progress and the suggestion beside a question.
import { area } from "./call.js";

const call = area("worksheets");

/** An answer, with its text ready to show. @typedef {{id: string, worksheet_id: string, question_id: string, value: any, text: string, updated_at: string}} Answer */

/** @type {Promise<any>|null} */
let catalog = null;
/**
 * The stages, worksheets and record kinds. They never change while the app runs, so they are
 * asked for once (again after a failure).
 * @returns {Promise<any>}
 */
export const getCatalog = () => {
  catalog ??= call("get_catalog").catch((err) => { catalog = null; throw err; });
  return catalog;
};
/** @param {string} coalitionId @returns {Promise<Answer[]>} */
export const getAnswers = (coalitionId) => call("get_answers", { coalitionId });
/**
 * @param {string} coalitionId @param {string} worksheetId @param {string} questionId @param {any} value
 * @returns {Promise<{value: any, updated_at: string|null}>}
 */
export const saveAnswer = (coalitionId, worksheetId, questionId, value) =>
  call("save_answer", { coalitionId, worksheetId, questionId, value });
/** @param {string} coalitionId @returns {Promise<any>} */
export const getProgress = (coalitionId) => call("get_progress", { coalitionId });
/**
 * What to show beside the question whose side panel is "suggestion", worked out from the answers.
 * @param {string} coalitionId @param {string} worksheetId
 * @returns {Promise<{title: string, summary: string, reasons: string[]}>}
 */
export const getSuggestion = (coalitionId, worksheetId) => call("get_suggestion", { coalitionId, worksheetId });
