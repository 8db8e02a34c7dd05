//! Commands for closing the app without losing what was just typed (see `crate::closing`): the
//! page waits to hear of a close request, then says its waiting saves are handed over.

use std::sync::Arc;

use tauri::State;

use crate::closing::Closing;
use crate::error::CommandResult;

area!(closing: wait_for_close_request, saves_handed_over);

/// Resolves when the window or the system asks the app to close. The page calls it once at
/// start and keeps it waiting.
#[tauri::command]
pub async fn wait_for_close_request(closing: State<'_, Arc<Closing>>) -> CommandResult<()> {
    let closing = Arc::clone(&closing);
    closing.requested().await;
    Ok(())
}

/// The page has sent its waiting saves and they are done: the app may exit now.
#[tauri::command]
pub async fn saves_handed_over(closing: State<'_, Arc<Closing>>) -> CommandResult<()> {
    closing.hand_over();
    Ok(())
}
