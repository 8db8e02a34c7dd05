//! What the app suggests beside a question, worked out from the worksheet's other answers: the
//! structure worksheet suggests a coalition structure from its "where you are now" questions.
//!
//! The rule is data, the worksheet's `[suggestion]`: each answered factor gives weights to the
//! options of the question the suggestion sits beside (the one whose `side_panel` is
//! "suggestion"). The options with points above zero are suggested, most points first, with one
//! plain sentence per answered factor saying why. With no factor answered the rule's own start
//! is suggested.

use serde::Serialize;
use serde_json::Value;

use super::catalog::{Catalog, Question, SidePanel, SuggestionFactor, SuggestionRule, Worksheet};
use crate::error::{Error, Result};
use crate::model::Answer;
use crate::text;

/// The suggested option ids, best fit first, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub recommended: Vec<String>,
    pub reasons: Vec<String>,
}

/// A suggestion as the panel beside its question shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownSuggestion {
    /// "What we suggest"
    pub title: String,
    /// The suggested options' labels as one line: "Steering committee, then Working groups".
    pub summary: String,
    pub reasons: Vec<String>,
}

/// The question a worksheet's suggestion sits beside.
pub fn suggested_question(worksheet: &Worksheet) -> Option<&Question> {
    worksheet.questions().find(|q| q.side_panel == Some(SidePanel::Suggestion))
}

/// The option id chosen for a single-choice question of `worksheet_id`, if any. Cleared answers
/// and answers of other worksheets are not looked at.
fn chosen<'a>(answers: &'a [Answer], worksheet_id: &str, question_id: &str) -> Option<&'a str> {
    let answer = answers
        .iter()
        .find(|a| a.worksheet_id == worksheet_id && a.question_id == question_id && a.deleted_at.is_none())?;
    match &answer.value {
        Value::String(id) => Some(id),
        Value::Object(map) => map.get("choice")?.as_str(),
        _ => None,
    }
}

/// Works out the suggestion of `rule` for the options of `target` from a coalition's answers.
/// An answer the rule does not list (an option since removed, say) counts for nothing.
pub fn suggest(rule: &SuggestionRule, target: &Question, worksheet_id: &str, answers: &[Answer]) -> Suggestion {
    let given: Vec<&SuggestionFactor> = rule
        .factors
        .iter()
        .filter(|f| chosen(answers, worksheet_id, &f.question) == Some(f.answer.as_str()))
        .collect();
    if given.is_empty() {
        return Suggestion { recommended: rule.start_with.clone(), reasons: vec![rule.start_reason.clone()] };
    }
    let score = |option: &str| -> i64 { given.iter().filter_map(|f| f.weights.get(option)).map(|w| i64::from(*w)).sum() };
    let mut scored: Vec<(&str, i64)> =
        target.options.iter().map(|o| (o.id.as_str(), score(&o.id))).filter(|(_, points)| *points > 0).collect();
    // A stable sort keeps the options' own order among equal scores.
    scored.sort_by_key(|(_, points)| std::cmp::Reverse(*points));
    Suggestion {
        recommended: scored.into_iter().map(|(id, _)| id.to_string()).collect(),
        reasons: given.iter().map(|f| f.reason.clone()).collect(),
    }
}

/// The suggestion beside a question of `worksheet_id`, ready to show.
pub fn shown_suggestion(catalog: &Catalog, worksheet_id: &str, answers: &[Answer]) -> Result<ShownSuggestion> {
    let worksheet = catalog
        .worksheet(worksheet_id)
        .ok_or_else(|| Error::NotFound(text::t("worksheets.error_no_worksheet", &[("id", &worksheet_id)])))?;
    let (Some(rule), Some(target)) = (&worksheet.suggestion, suggested_question(worksheet)) else {
        return Err(Error::NotFound(text::t("worksheets.error_no_suggestion", &[("title", &worksheet.title)])));
    };
    let suggestion = suggest(rule, target, worksheet_id, answers);
    let label = |id: &String| target.options.iter().find(|o| &o.id == id).map_or_else(|| id.clone(), |o| o.label.clone());
    Ok(ShownSuggestion {
        title: rule.title.clone(),
        summary: suggestion.recommended.iter().map(label).reduce(|first, then| text::t("worksheets.then", &[("first", &first), ("then", &then)])).unwrap_or_default(),
        reasons: suggestion.reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worksheets::catalog;
    use serde_json::json;

    const SHEET: &str = "structure";

    fn answer(question: &str, value: Value) -> Answer {
        Answer {
            id: question.into(),
            coalition_id: "c".into(),
            worksheet_id: SHEET.into(),
            question_id: question.into(),
            value,
            created_at: String::new(),
            updated_at: String::new(),
            deleted_at: None,
        }
    }

    /// The suggestion for the given (factor question, option) answers of the real worksheet.
    fn suggestion_for(chosen: &[(&str, &str)]) -> Suggestion {
        let answers: Vec<Answer> = chosen.iter().map(|(q, o)| answer(q, json!({ "choice": o }))).collect();
        suggest_from(&answers)
    }

    fn suggest_from(answers: &[Answer]) -> Suggestion {
        let worksheet = catalog().worksheet(SHEET).unwrap();
        suggest(worksheet.suggestion.as_ref().unwrap(), suggested_question(worksheet).unwrap(), SHEET, answers)
    }

    fn has_reason(suggestion: &Suggestion, words: &str) -> bool {
        suggestion.reasons.iter().any(|r| r.contains(words))
    }

    fn recommends(suggestion: &Suggestion, id: &str) -> bool {
        suggestion.recommended.iter().any(|r| r == id)
    }

    #[test]
    fn a_new_small_group_of_strangers_gets_a_steering_committee() {
        let s = suggestion_for(&[("factor_stage", "new"), ("factor_size", "small"), ("factor_relationships", "few")]);
        assert_eq!(s.recommended[0], "steering_committee", "{s:?}");
        assert!(recommends(&s, "general_membership"), "{s:?}");
        assert!(!recommends(&s, "board_of_directors"), "{s:?}");
        assert!(has_reason(&s, "is new") && has_reason(&s, "fewer than 10"), "{s:?}");
    }

    #[test]
    fn a_large_broad_coalition_gets_working_groups() {
        let s = suggestion_for(&[("factor_size", "large"), ("factor_breadth", "broad"), ("factor_stage", "growing")]);
        assert_eq!(s.recommended[0], "working_groups", "{s:?}");
        assert!(recommends(&s, "coordinating_council"), "{s:?}");
        assert!(has_reason(&s, "focus is broad"), "{s:?}");
    }

    #[test]
    fn an_established_coalition_with_experienced_leaders_gets_a_board() {
        let s = suggestion_for(&[
            ("factor_stage", "established"),
            ("factor_leadership", "high"),
            ("factor_experience", "lots"),
        ]);
        assert_eq!(s.recommended[0], "board_of_directors", "{s:?}");
        assert!(has_reason(&s, "well established") && has_reason(&s, "leaders are very experienced"), "{s:?}");
    }

    #[test]
    fn urgent_work_gets_a_lean_steering_committee_with_task_forces() {
        let s = suggestion_for(&[("factor_urgency", "high"), ("factor_breadth", "narrow")]);
        assert_eq!(s.recommended[..2], ["steering_committee", "working_groups"], "{s:?}");
        assert!(has_reason(&s, "very urgent"), "{s:?}");
    }

    #[test]
    fn inexperienced_leaders_get_an_advisory_group() {
        let s = suggestion_for(&[("factor_leadership", "low")]);
        assert_eq!(s.recommended, ["advisory_group"]);
        assert!(has_reason(&s, "leaders are new"), "{s:?}");
    }

    #[test]
    fn reasons_follow_the_order_of_the_questions() {
        let s = suggestion_for(&[("factor_urgency", "high"), ("factor_stage", "new")]);
        assert!(s.reasons[0].starts_with("Your coalition is new"), "{s:?}");
        assert!(s.reasons[1].starts_with("The work is very urgent"), "{s:?}");
    }

    #[test]
    fn no_answers_give_the_common_start() {
        let s = suggestion_for(&[]);
        assert_eq!(s.recommended, ["steering_committee", "general_membership"]);
        assert_eq!(s.reasons.len(), 1);
    }

    #[test]
    fn every_answer_set_recommends_something() {
        // Every combination of the factor questions' options, unanswered included: about 49,000.
        let worksheet = catalog().worksheet(SHEET).unwrap();
        let rule = worksheet.suggestion.as_ref().unwrap();
        let mut questions: Vec<&str> = rule.factors.iter().map(|f| f.question.as_str()).collect();
        questions.dedup();
        let factors: Vec<(&str, Vec<Option<&str>>)> = questions
            .iter()
            .map(|q| {
                let options = worksheet.question(q).unwrap().options.iter().map(|o| Some(o.id.as_str()));
                (*q, std::iter::once(None).chain(options).collect())
            })
            .collect();
        let mut picks = vec![0usize; factors.len()];
        let mut checked = 0;
        loop {
            let answers: Vec<Answer> = factors
                .iter()
                .zip(&picks)
                .filter_map(|((q, options), &i)| options[i].map(|o| answer(q, json!({ "choice": o }))))
                .collect();
            let s = suggest_from(&answers);
            assert!(!s.recommended.is_empty() && !s.reasons.is_empty(), "{answers:?}");
            checked += 1;
            // The next combination, counting like an odometer; done when it rolls over.
            let Some(place) = (0..picks.len()).find(|&p| picks[p] + 1 < factors[p].1.len()) else { break };
            picks[place] += 1;
            picks[..place].iter_mut().for_each(|p| *p = 0);
        }
        assert_eq!(checked, 4 * 4 * 4 * 4 * 3 * 4 * 4 * 4, "eight factor questions, each unanswered or answered");
    }

    #[test]
    fn factors_are_read_from_answers() {
        let mut cleared = answer("factor_urgency", json!({"choice": "high"}));
        cleared.deleted_at = Some("2025-01-01T00:00:00Z".into());
        let elsewhere = Answer { worksheet_id: "other-sheet".into(), ..answer("factor_leadership", json!("low")) };
        let answers = vec![
            answer("factor_size", json!("large")),
            cleared,
            answer("factor_breadth", json!({"choice": "sideways"})),
            elsewhere,
        ];
        let s = suggest_from(&answers);
        assert_eq!(s.reasons.len(), 1, "only the size counts: {s:?}");
        assert!(has_reason(&s, "more than 30 members"), "{s:?}");
    }

    #[test]
    fn the_panel_reads_labels_in_order_under_its_title() {
        let answers = [answer("factor_urgency", json!({"choice": "high"})), answer("factor_breadth", json!({"choice": "narrow"}))];
        let shown = shown_suggestion(catalog(), SHEET, &answers).unwrap();
        assert_eq!(shown.title, "What we suggest");
        assert_eq!(shown.summary, "Steering committee, then Working groups");
        assert_eq!(shown.reasons.len(), 2);
        let start = shown_suggestion(catalog(), SHEET, &[]).unwrap();
        assert_eq!(start.summary, "Steering committee, then General membership");
    }

    #[test]
    fn worksheets_without_a_suggestion_say_so() {
        assert_eq!(shown_suggestion(catalog(), "budget", &[]).unwrap_err().kind(), "not_found");
        assert_eq!(shown_suggestion(catalog(), "no-such-sheet", &[]).unwrap_err().kind(), "not_found");
    }
}
