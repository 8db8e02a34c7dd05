// @ts-check
// Closing: the page hears when the window or the system asks the app to close, and says when
// its waiting saves are handed over, so the app exits only after them.
import { area } from "./call.js";

const call = area("closing");

/** Resolves when a close is requested. @returns {Promise<void>} */
export const waitForCloseRequest = () => call("wait_for_close_request");
/** @returns {Promise<void>} */
export const savesHandedOver = () => call("saves_handed_over");
