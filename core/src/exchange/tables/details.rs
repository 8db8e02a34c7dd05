//! The coalition's own details (name, focus, start date, "prepared by"): the file's `coalition`
//! object, not a list, but merged item by item like the rows of a table.

use rusqlite::Connection;

use super::Mergeable;
use crate::error::Result;
use crate::model::Coalition;
use crate::store::coalitions::put_coalition_row;
use crate::store::row::Table;
use crate::text;
use crate::worksheets::Catalog;

/// The coalition's details, as one item of a merge.
pub struct Details;

impl Mergeable for Details {
    type Row = Coalition;
    const TABLE: Table = Table::Coalitions;
    const ITEM_KIND: &'static str = "coalition";

    fn item_key(_row: &Coalition) -> String {
        "coalition".into()
    }

    fn label(_catalog: &Catalog, _row: &Coalition) -> String {
        text::t("exchange.item_details", &[])
    }

    fn same_content(mine: &Coalition, theirs: &Coalition) -> bool {
        (&mine.name, &mine.focus, &mine.start_date, &mine.prepared_by)
            == (&theirs.name, &theirs.focus, &theirs.start_date, &theirs.prepared_by)
    }

    fn preview(row: &Coalition) -> String {
        row.name.clone()
    }

    fn write(conn: &Connection, row: &Coalition) -> Result<()> {
        put_coalition_row(conn, row)
    }
}
