//! Commands for the wizard: the worksheet definitions, answers (each with its text), progress
//! and the suggestion shown beside a question.

use std::sync::Arc;

use common_ground_core::store::{answers, records};
use common_ground_core::shown::{self, ShownAnswer};
use common_ground_core::worksheets::{self, Catalog, PlanProgress, ShownSuggestion};
use tauri::State;

use crate::error::CommandResult;
use crate::state::{blocking, AppState};

area!(worksheets: get_catalog, get_answers, save_answer, get_progress, get_suggestion);

#[tauri::command]
pub async fn get_catalog() -> CommandResult<Catalog> {
    Ok(worksheets::catalog().clone())
}

#[tauri::command]
pub async fn get_answers(state: State<'_, Arc<AppState>>, coalition_id: String) -> CommandResult<Vec<ShownAnswer>> {
    blocking(&state, move |conn| Ok(shown::shown_answers(worksheets::catalog(), answers::list_answers(conn, &coalition_id)?)))
        .await
}

/// What was stored: the tidied value (None when the answer was cleared) and when.
#[derive(serde::Serialize)]
pub struct SavedAnswer {
    pub value: Option<serde_json::Value>,
    pub updated_at: Option<String>,
}

/// Checks an answer against its question and saves it at once, or clears it when empty.
#[tauri::command]
pub async fn save_answer(
    state: State<'_, Arc<AppState>>,
    coalition_id: String,
    worksheet_id: String,
    question_id: String,
    value: serde_json::Value,
) -> CommandResult<SavedAnswer> {
    blocking(&state, move |conn| {
        let checked = worksheets::check_answer_at(worksheets::catalog(), &worksheet_id, &question_id, &value)?;
        Ok(match checked {
            Some(value) => {
                let saved = answers::upsert_answer(conn, &coalition_id, &worksheet_id, &question_id, &value)?;
                SavedAnswer { value: Some(saved.value), updated_at: Some(saved.updated_at) }
            }
            None => {
                answers::clear_answer(conn, &coalition_id, &worksheet_id, &question_id)?;
                SavedAnswer { value: None, updated_at: None }
            }
        })
    })
    .await
}

#[tauri::command]
pub async fn get_progress(state: State<'_, Arc<AppState>>, coalition_id: String) -> CommandResult<PlanProgress> {
    blocking(&state, move |conn| {
        let answers = answers::list_answers(conn, &coalition_id)?;
        let counts = records::count_records_by_kind(conn, &coalition_id)?;
        Ok(worksheets::progress(worksheets::catalog(), &answers, &counts))
    })
    .await
}

/// The suggestion beside a question of the worksheet, worked out from the coalition's answers.
#[tauri::command]
pub async fn get_suggestion(
    state: State<'_, Arc<AppState>>,
    coalition_id: String,
    worksheet_id: String,
) -> CommandResult<ShownSuggestion> {
    blocking(&state, move |conn| {
        let answers = answers::list_answers(conn, &coalition_id)?;
        Ok(worksheets::shown_suggestion(worksheets::catalog(), &worksheet_id, &answers)?)
    })
    .await
}
