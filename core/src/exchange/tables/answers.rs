//! Worksheet answers in the file: one per question, matched across copies by the question.

use rusqlite::Connection;
use serde_json::{Map, Value};

use super::{CheckContext, ExchangeTable, Mergeable};
use crate::error::{Error, Result};
use crate::exchange::labels::{answer_label, preview_value};
use crate::exchange::place::{damaged, newer_content, Place, MAX_ID_CHARS};
use crate::model::Answer;
use crate::store::answers;
use crate::store::row::Table;
use crate::text;
use crate::worksheets::{self, privacy, Catalog};

/// The `answers` table.
pub struct Answers;

impl Mergeable for Answers {
    type Row = Answer;
    const TABLE: Table = Table::Answers;
    const ITEM_KIND: &'static str = "answer";

    fn item_key(row: &Answer) -> String {
        format!("answer:{}/{}", row.worksheet_id, row.question_id)
    }

    fn label(catalog: &Catalog, row: &Answer) -> String {
        answer_label(catalog, &row.worksheet_id, &row.question_id)
    }

    fn same_content(mine: &Answer, theirs: &Answer) -> bool {
        mine.deleted_at.is_some() || mine.value == theirs.value
    }

    fn preview(row: &Answer) -> String {
        preview_value(&row.value)
    }

    fn deleted_preview() -> String {
        text::t("exchange.preview_cleared", &[])
    }

    fn write(conn: &Connection, row: &Answer) -> Result<()> {
        answers::put_answer_row(conn, row)
    }
}

impl ExchangeTable for Answers {
    const MAX_ROWS: usize = 10_000;
    // Its own keys and times, a value of a few parts, and its history entry.
    const VALUES_PER_ROW: usize = 18;
    const LISTS_PER_ROW: usize = 2;
    const OBJECTS_PER_ROW: usize = 4;
    const COUNTED_AS_ANSWERS: bool = true;
    const IN_FORMAT_1: bool = true;

    fn what() -> String {
        text::t("exchange.what_answers", &[])
    }

    fn place(number: usize) -> String {
        text::t("exchange.place_answer", &[("number", &number)])
    }

    fn check(map: &Map<String, Value>, where_: &str, context: &CheckContext) -> Result<Option<Answer>> {
        let catalog = context.catalog;
        let place = Place::new(where_, map, context.now);
        let id = place.uuid("id")?;
        place.same_coalition(context.coalition_id)?;
        let worksheet_id = place.text("worksheet_id", MAX_ID_CHARS)?;
        let question_id = place.text("question_id", MAX_ID_CHARS)?;
        let Some(sheet) = catalog.worksheet(&worksheet_id) else {
            return Err(newer_content(text::t("exchange.newer_worksheet", &[("id", &worksheet_id)])));
        };
        if catalog.question(&worksheet_id, &question_id).is_none() {
            return Err(newer_content(text::t(
                "exchange.newer_question",
                &[("worksheet", &sheet.title), ("id", &question_id)],
            )));
        }
        let value = place.get("value")?.clone();
        let value = worksheets::check_answer_at(catalog, &worksheet_id, &question_id, &value).map_err(|err| {
            let question = answer_label(catalog, &worksheet_id, &question_id);
            Error::Invalid(text::t("exchange.file_answer_unusable", &[("question", &question), ("problem", &err)]))
        })?;
        let answer = Answer {
            id,
            coalition_id: context.coalition_id.into(),
            worksheet_id,
            question_id,
            created_at: place.timestamp("created_at")?,
            updated_at: place.timestamp("updated_at")?,
            deleted_at: place.opt_timestamp("deleted_at")?,
            value: value.clone().unwrap_or(Value::Null),
        };
        // The app never keeps an empty answer: it clears the question instead. So an empty one
        // in a file says nothing, and is left out; a cleared one keeps travelling.
        Ok((value.is_some() || answer.deleted_at.is_some()).then_some(answer))
    }

    fn natural_key(row: &Answer) -> Option<String> {
        Some(format!("{}/{}", row.worksheet_id, row.question_id))
    }

    fn natural_key_twice(catalog: &Catalog, row: &Answer) -> Error {
        let question = answer_label(catalog, &row.worksheet_id, &row.question_id);
        damaged(text::t("exchange.detail_two_answers", &[("question", &question)]))
    }

    fn read(conn: &Connection, coalition_id: &str) -> Result<Vec<Answer>> {
        let mut rows = answers::list_answers_with_deleted(conn, coalition_id)?;
        rows.sort_by(|a, b| (&a.worksheet_id, &a.question_id, &a.id).cmp(&(&b.worksheet_id, &b.question_id, &b.id)));
        Ok(rows)
    }

    /// A private question stays home; so does an answer with nothing public left (the receiver
    /// then keeps theirs). A cleared answer keeps travelling, without its private parts.
    fn leave_out_private(rows: &mut Vec<Answer>, catalog: &Catalog) {
        rows.retain_mut(|answer| {
            let Some(question) = catalog.question(&answer.worksheet_id, &answer.question_id) else { return true };
            match privacy::public_answer(question, &answer.value) {
                _ if question.private => false,
                Some(value) => {
                    answer.value = value;
                    true
                }
                None if answer.deleted_at.is_some() => {
                    answer.value = Value::Null;
                    true
                }
                None => false,
            }
        });
    }

    fn canonicalize(row: &mut Answer) {
        row.value = crate::exchange::canonical::canonical(std::mem::take(&mut row.value));
    }

    /// When the file left private details out, our answer keeps its private parts; a private
    /// question keeps our answer whole.
    fn keep_local_parts(catalog: &Catalog, mine: &Answer, theirs: &mut Answer, private_left_out: bool) {
        if !private_left_out {
            return;
        }
        let Some(question) = catalog.question(&theirs.worksheet_id, &theirs.question_id) else { return };
        if question.private {
            let (id, coalition_id) = (theirs.id.clone(), theirs.coalition_id.clone());
            theirs.clone_from(mine);
            (theirs.id, theirs.coalition_id) = (id, coalition_id);
        } else if mine.deleted_at.is_none() && theirs.deleted_at.is_none() {
            theirs.value = privacy::keep_private_answer(question, &mine.value, &theirs.value);
        }
    }
}
