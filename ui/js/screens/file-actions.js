// @ts-check
// The coalition's file actions in the header (plan PDF, export, import). Filled in as those
// features arrive; each one goes through a Rust command and a native dialog.
import { h } from "../dom.js";

/** @param {any} _coalition */
export function fileActions(_coalition) {
  return h("span", { class: "file-actions" });
}
