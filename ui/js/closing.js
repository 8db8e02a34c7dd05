// @ts-check
// When the window or the system asks the app to close, the answers still waiting for a pause in
// typing are saved first; the app exits once the page says they are handed over (or after a
// few seconds, whatever the page does).
import { savesHandedOver, waitForCloseRequest } from "./api/closing.js";
import { flushSaves } from "./saving.js";

export async function saveBeforeClosing() {
  await waitForCloseRequest();
  try {
    await flushSaves();
  } finally {
    await savesHandedOver();
  }
}
