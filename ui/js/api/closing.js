// @ts-check
// Closing: the page hears when the window or the system asks the app to close, and says when
// its waiting saves are handed over, so the app exits only after them. When an answer could not
// be saved, it may ask the person first, and going back calls the close off.
import { area } from "./call.js";

const call = area("closing");

/** Resolves when a close is requested, with who asked. @returns {Promise<"window"|"system">} */
export const waitForCloseRequest = () => call("wait_for_close_request");
/** @returns {Promise<void>} */
export const savesHandedOver = () => call("saves_handed_over");
/** Whether the person may be asked before the app closes. @returns {Promise<boolean>} */
export const askBeforeClosing = () => call("ask_before_closing");
/** @returns {Promise<void>} */
export const goBackFromClosing = () => call("go_back_from_closing");
