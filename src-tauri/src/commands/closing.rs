//! Commands for closing the app without losing what was just typed (see `crate::closing`): the
//! page waits to hear of a close request, then says its waiting saves are handed over, or, when
//! an answer could not be saved, asks the person and either closes or goes back.

use std::sync::Arc;

use tauri::State;

use crate::closing::{CloseBy, Closing};
use crate::error::CommandResult;

area!(closing: wait_for_close_request, saves_handed_over, ask_before_closing, go_back_from_closing);

/// Resolves when the window or the system asks the app to close, with who asked ("window" or
/// "system"). The page calls it at start, and again after going back from a close.
#[tauri::command]
pub async fn wait_for_close_request(closing: State<'_, Arc<Closing>>) -> CommandResult<CloseBy> {
    let closing = Arc::clone(&closing);
    Ok(closing.requested().await)
}

/// The page has sent its waiting saves and they are done, or the person chose to close anyway:
/// the app may exit now.
#[tauri::command]
pub async fn saves_handed_over(closing: State<'_, Arc<Closing>>) -> CommandResult<()> {
    closing.hand_over();
    Ok(())
}

/// The page is about to ask the person whether to close with answers not saved; no time limit
/// runs while they decide. False when nobody may be asked (the system asked to close).
#[tauri::command]
pub async fn ask_before_closing(closing: State<'_, Arc<Closing>>) -> CommandResult<bool> {
    Ok(closing.ask())
}

/// The person chose to go back and fix their answers: the app stays open.
#[tauri::command]
pub async fn go_back_from_closing(closing: State<'_, Arc<Closing>>) -> CommandResult<()> {
    closing.go_back();
    Ok(())
}
