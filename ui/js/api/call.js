// @ts-check
// The one place the page talks to the Rust side. Commands come in areas, one plugin each on the
// Rust side (src-tauri/src/commands/); each area has its module here, the only code that calls
// that area's commands. Errors come back as ApiError with a kind and a message written for people.

import { ENGINE_UNREACHABLE } from "../text.js";

export class ApiError extends Error {
  /** @param {string} kind @param {string} message */
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

/**
 * The caller of one area's commands: `area("coalitions")("list_coalitions")`.
 * @param {string} name the area, as the Rust side names it
 * @returns {(command: string, args?: Record<string, any>) => Promise<any>}
 */
export function area(name) {
  return (command, args = {}) => invoke(`plugin:${name}|${command}`, args);
}

/** @param {string} command @param {Record<string, any>} args @returns {Promise<any>} */
async function invoke(command, args) {
  // @ts-ignore: injected by Tauri (withGlobalTauri)
  const tauri = window.__TAURI__;
  if (!tauri) throw new ApiError("internal", ENGINE_UNREACHABLE);
  try {
    return await tauri.core.invoke(command, args);
  } catch (err) {
    if (err && typeof err === "object" && "message" in err) {
      throw new ApiError(String(err.kind || "internal"), String(err.message));
    }
    throw new ApiError("internal", String(err));
  }
}
