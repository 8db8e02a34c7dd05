// @ts-check
// The plan as a PDF.
import { area } from "./call.js";

const call = area("plan");

/** @param {string} coalitionId @param {{leave_out_unanswered: boolean, leave_out_private: boolean}} settings @returns {Promise<string>} the saved path */
export const savePlanPdf = (coalitionId, settings) => call("save_plan_pdf", { coalitionId, settings });
/** @param {string} path @returns {Promise<void>} */
export const openFile = (path) => call("open_file", { path });
