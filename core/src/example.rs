//! The example coalition that ships with the app, written by us, so every screen has something
//! to show. Its content lives in core/example/ as data.

use rusqlite::Connection;

use crate::model::{Coalition, CoalitionFields};
use crate::store::coalitions::insert_coalition;
use crate::{time, Result};

/// Creates a fresh copy of the example coalition.
pub fn create_example_coalition(conn: &Connection) -> Result<Coalition> {
    let fields = CoalitionFields {
        name: "Harbor County Youth Wellbeing Coalition".into(),
        focus: "Helping young people in Harbor County get mental health support early".into(),
        start_date: Some("2024-09-01".into()),
        prepared_by: "Dana Whitfield, coordinator".into(),
    };
    insert_coalition(conn, &time::new_id(), &fields, true)
}
