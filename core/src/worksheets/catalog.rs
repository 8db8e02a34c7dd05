//! The shape of the worksheet data files: stages, worksheets, steps, questions and record kinds.
//! Loading and checking them lives in `load` and `validate`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Everything the wizard knows: stages in order, worksheets in order, and the record kinds that
/// record-bound questions edit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Catalog {
    pub stages: Vec<Stage>,
    pub worksheets: Vec<Worksheet>,
    pub record_kinds: Vec<RecordKind>,
    /// The tables of the app's areas (a partner's people, its contact log...), each described
    /// as a record kind is: its fields, labels and privacy (`core/tables/AREA.toml`).
    #[serde(default)]
    pub tables: Vec<RecordKind>,
}

/// A group of worksheets in the sidebar (Frame, People, Plan...).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub intro: String,
}

/// One worksheet: a titled series of steps.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Worksheet {
    pub id: String,
    pub title: String,
    pub stage: String,
    pub intro: String,
    pub steps: Vec<Step>,
    /// What the app suggests beside the question whose side panel is "suggestion". The core
    /// works the suggestion out, so the page is not sent the rule.
    #[serde(default, skip_serializing)]
    pub suggestion: Option<SuggestionRule>,
}

/// A suggestion worked out from a worksheet's answers: each answer to a factor question gives
/// weights to the options of the question the suggestion sits beside, and says why.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuggestionRule {
    /// The panel's heading, e.g. "What we suggest".
    pub title: String,
    /// Suggested while no factor is answered yet, in order.
    pub start_with: Vec<String>,
    /// Why, while no factor is answered yet.
    pub start_reason: String,
    /// One entry for every option of every factor question.
    #[serde(default)]
    pub factors: Vec<SuggestionFactor>,
}

/// One answer to a factor question: why it matters, and the weights it gives.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuggestionFactor {
    /// A single-choice question of the same worksheet.
    pub question: String,
    /// One of its option ids.
    pub answer: String,
    /// One plain sentence shown when this answer is given.
    pub reason: String,
    /// Points for (or, below zero, against) options of the suggested question, by option id.
    pub weights: BTreeMap<String, i32>,
}

/// What may be shown beside a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SidePanel {
    /// The worksheet's `[suggestion]`, worked out from its answers.
    Suggestion,
}

/// One screen of the wizard: a small group of questions.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub intro: String,
    pub questions: Vec<Question>,
}

/// The kinds of question the wizard can ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    ShortText,
    LongText,
    List,
    SingleChoice,
    MultiChoice,
    Rating,
    Number,
    Money,
    Date,
    Table,
    Records,
}

/// One question.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub prompt: String,
    /// A short label for the PDF and the review page; the prompt is used when empty.
    #[serde(default)]
    pub label: String,
    /// For a review question that rates an area: the area's name, the row of the plan's ratings
    /// table ("Leadership").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub area: String,
    #[serde(default)]
    pub hint: String,
    #[serde(default)]
    pub example: String,
    #[serde(default)]
    pub required: bool,
    /// For single_choice and multi_choice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// For choices: offer an "Other" box for a written answer.
    #[serde(default)]
    pub allow_other: bool,
    /// For table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<Field>,
    /// For records: the record kind this question edits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// For number and money: the smallest and largest accepted values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// For rating: what 1 and 5 mean, e.g. ["Not at all", "Completely"].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scale: Vec<String>,
    /// The whole answer is personal or internal; see `privacy` for what that means.
    #[serde(default)]
    pub private: bool,
    /// What the wizard shows beside this question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side_panel: Option<SidePanel>,
}

/// One option of a choice question or field.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub hint: String,
}

/// The kinds of field a table column or a record may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    ShortText,
    LongText,
    SingleChoice,
    YesNo,
    Rating,
    Number,
    Money,
    Date,
    Email,
    Phone,
    /// The id of one row of another table or record kind (`refers_to`).
    Reference,
    /// The ids of several rows of another table or record kind (`refers_to`).
    References,
}

/// A table column or a record field.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    pub label: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub hint: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// Personal or internal (a contact person, an e-mail, a note); see `privacy` for what that
    /// means.
    #[serde(default)]
    pub private: bool,
    /// For reference fields: the table or record kind whose rows it names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refers_to: Option<String>,
}

/// A kind of record a coalition keeps a list of (partner, budget line, barrier...).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordKind {
    pub id: String,
    /// "Partner"
    pub label: String,
    /// "Partners"
    pub plural: String,
    /// The add button's words and the new item's form title: "Add a partner". The words of a
    /// language, so they are data (the shipped kinds all have them; a test checks).
    #[serde(default)]
    pub add_label: String,
    /// The name inside a sentence: "partner" ("Removed partner.", "Edit partner").
    #[serde(default)]
    pub name_in_text: String,
    /// The plural inside a sentence: "partners" ("No partners yet.").
    #[serde(default)]
    pub plural_in_text: String,
    /// The field that names a record in lists.
    pub title_field: String,
    #[serde(default)]
    pub intro: String,
    pub fields: Vec<Field>,
    /// How the list adds up, for lists of money such as budget lines. The core works the totals
    /// out, so the page is not sent the rule.
    #[serde(default, skip_serializing)]
    pub totals: Option<TotalsRule>,
    /// For a table: the fields that name one item across copies, whatever its row id (a fit
    /// score is its organization's score on one factor). Empty: rows are matched by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_by: Vec<String>,
}

/// A list whose lines are money going out or coming in: the totals of each and the gap.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TotalsRule {
    /// The money field that is added up.
    pub amount: String,
    /// The single-choice field that says which way a line's money goes.
    pub direction: String,
    /// Its option for money going out (costs).
    pub money_out: String,
    /// Its option for money coming in (income).
    pub money_in: String,
}

impl Catalog {
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn worksheet(&self, id: &str) -> Option<&Worksheet> {
        self.worksheets.iter().find(|w| w.id == id)
    }

    pub fn record_kind(&self, id: &str) -> Option<&RecordKind> {
        self.record_kinds.iter().find(|k| k.id == id)
    }

    /// An area's table by its id (`partner_people`).
    pub fn table(&self, id: &str) -> Option<&RecordKind> {
        self.tables.iter().find(|k| k.id == id)
    }

    /// A question by worksheet and question id.
    pub fn question(&self, worksheet_id: &str, question_id: &str) -> Option<&Question> {
        self.worksheet(worksheet_id)?.questions().find(|q| q.id == question_id)
    }
}

impl Worksheet {
    /// All questions of every step, in order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.steps.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }
}

impl RecordKind {
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The name inside a sentence ("budget line"); the label when a kind (in a test, say) gives
    /// none.
    pub fn name_in_text(&self) -> String {
        if self.name_in_text.trim().is_empty() { self.label.to_lowercase() } else { self.name_in_text.clone() }
    }
}

impl Question {
    /// The short label, or the prompt when no label was given.
    pub fn display_label(&self) -> &str {
        if self.label.is_empty() { &self.prompt } else { &self.label }
    }
}
