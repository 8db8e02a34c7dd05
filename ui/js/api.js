// @ts-check
// The one module that talks to the Rust side. Every command has a typed function here; errors
// come back as ApiError with a kind and a message already written for people.

/** @typedef {{id: string, name: string, focus: string, start_date: string|null, prepared_by: string, is_example: boolean, created_at: string, updated_at: string, deleted_at: string|null}} Coalition */
/** @typedef {{name: string, focus: string, start_date: string|null, prepared_by: string}} CoalitionFields */
/** @typedef {{id: string, worksheet_id: string, question_id: string, value: any, updated_at: string}} Answer */
/** @typedef {{id: string, kind: string, position: number, data: Record<string, any>, updated_at: string}} RecordItem */

export class ApiError extends Error {
  /** @param {string} kind @param {string} message */
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

/**
 * @param {string} command
 * @param {Record<string, any>} [args]
 * @returns {Promise<any>}
 */
async function call(command, args = {}) {
  // @ts-ignore: injected by Tauri (withGlobalTauri)
  const tauri = window.__TAURI__;
  if (!tauri) throw new ApiError("internal", "Common Ground's engine is not reachable. Please restart the app.");
  try {
    return await tauri.core.invoke(command, args);
  } catch (err) {
    if (err && typeof err === "object" && "message" in err) {
      throw new ApiError(String(err.kind || "internal"), String(err.message));
    }
    throw new ApiError("internal", String(err));
  }
}

/** @returns {Promise<{kind: string, message: string, path: string}|null>} */
export const startupStatus = () => call("startup_status");
/** @returns {Promise<{kind: string, message: string, path: string}|null>} */
export const retryOpen = () => call("retry_open");

/** @returns {Promise<Coalition[]>} */
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

/** @returns {Promise<any>} the stages, worksheets and record kinds */
export const getCatalog = () => call("get_catalog");
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
/** @param {string} coalitionId @returns {Promise<{recommended: string[], reasons: string[]}>} */
export const suggestStructure = (coalitionId) => call("suggest_structure", { coalitionId });

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

/** @param {string} coalitionId @param {{leave_out_unanswered: boolean, leave_out_private: boolean}} settings @returns {Promise<string>} the saved path */
export const savePlanPdf = (coalitionId, settings) => call("save_plan_pdf", { coalitionId, settings });
/** @param {string} path @returns {Promise<void>} */
export const openFile = (path) => call("open_file", { path });
/** @param {string} coalitionId @param {{exported_by: string|null, leave_out_private: boolean}} options @returns {Promise<string>} */
export const exportCoalition = (coalitionId, options) => call("export_coalition", { coalitionId, options });
/** @returns {Promise<{token: string, file_name: string, preview: any}>} */
export const pickImportFile = () => call("pick_import_file");
/** @param {string} token @returns {Promise<Coalition>} */
export const importAsNew = (token) => call("import_as_new", { token });
/** @param {string} token @param {string} targetId @returns {Promise<any>} */
export const planMerge = (token, targetId) => call("plan_merge", { token, targetId });
/** @param {string} token @param {string} targetId @param {{choices: Record<string, string>}} choices @returns {Promise<any>} */
export const applyMerge = (token, targetId, choices) => call("apply_merge", { token, targetId, choices });
/** @returns {Promise<any[]>} */
export const listBackups = () => call("list_backups");
/** @param {string} fileName @returns {Promise<any>} */
export const restoreBackup = (fileName) => call("restore_backup", { fileName });
/** @returns {Promise<{kind: string, message: string, path: string}|null>} */
export const restoreAfterDamage = () => call("restore_after_damage");
