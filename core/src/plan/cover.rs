//! The plan's cover: the coalition's name and focus, its vision statement, when the plan was
//! made and by whom, and the member organizations.

use super::PlanData;
use crate::format;
use crate::pdf::{Cover, CoverList, Labelled};
use crate::text;
use crate::worksheets::{Catalog, QuestionKind};

/// The worksheet whose first required text question is the vision statement.
const VISION_WORKSHEET: &str = "vision";
/// Partners marked as members are listed on the cover.
const PARTNER_KIND: &str = "partner";
const MEMBER_FIELD: &str = "is_member";
const NAME_FIELD: &str = "name";

pub fn cover(catalog: &Catalog, data: &PlanData, made_on: &str) -> Cover {
    let coalition = &data.coalition;
    let mut facts = vec![Labelled::new(text::t("plan.made_on", &[]), made_on)];
    if !coalition.prepared_by.trim().is_empty() {
        facts.push(Labelled::new(text::t("plan.prepared_by", &[]), coalition.prepared_by.clone()));
    }
    if let Some(start) = coalition.start_date.as_deref().filter(|s| !s.is_empty()) {
        facts.push(Labelled::new(text::t("plan.working_together_since", &[]), format::date(start)));
    }
    Cover {
        kicker: text::t("plan.kicker", &[]),
        title: coalition.name.clone(),
        subtitle: coalition.focus.clone(),
        statement: vision(catalog, data).map(|vision| Labelled::new(text::t("plan.our_vision", &[]), vision)),
        facts,
        list: members(catalog, data),
    }
}

/// The answer to the vision worksheet's first required text question.
pub fn vision(catalog: &Catalog, data: &PlanData) -> Option<String> {
    let worksheet = catalog.worksheet(VISION_WORKSHEET)?;
    let question = worksheet
        .questions()
        .find(|q| q.required && matches!(q.kind, QuestionKind::LongText | QuestionKind::ShortText))?;
    let text = data.answers_of(VISION_WORKSHEET).get(question.id.as_str())?.as_str()?.trim().to_string();
    (!text.is_empty()).then_some(text)
}

fn members(catalog: &Catalog, data: &PlanData) -> Option<CoverList> {
    let names: Vec<String> = data
        .records_of(PARTNER_KIND)
        .iter()
        .filter(|r| r.data.get(MEMBER_FIELD).and_then(|v| v.as_bool()) == Some(true))
        .filter_map(|r| r.data.get(NAME_FIELD).and_then(|v| v.as_str()))
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect();
    if names.is_empty() {
        return None;
    }
    // Where the full list is, for "and N more".
    let listed_in = catalog
        .worksheets
        .iter()
        .find(|w| w.questions().any(|q| q.record.as_deref() == Some(PARTNER_KIND)))
        .map(|w| w.title.clone());
    let more = match listed_in {
        Some(title) => text::t("plan.more_members_listed", &[("n", &"{n}"), ("title", &title)]),
        None => text::t("plan.more_members", &[("n", &"{n}")]),
    };
    Some(CoverList { label: text::t("plan.member_organizations", &[]), items: names, more })
}
