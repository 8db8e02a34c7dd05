//! Suggesting a structure for the coalition (steering committee, working groups, board...) from
//! the answers to the structure worksheet's "where you are now" questions.
//!
//! Each answered factor adds points to the structures it favours and may take points from those
//! that would fit badly; the suggestion lists the structures with points, best first, with one
//! plain sentence per factor saying why. It is a starting point for a conversation, not a rule,
//! so the weights are simple and easy to read rather than precise.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::Answer;

/// The worksheet whose answers feed the suggestion.
pub const STRUCTURE_WORKSHEET: &str = "structure";

/// Each factor's question id and its option ids, exactly as the structure worksheet has them.
pub const FACTOR_QUESTIONS: &[(&str, &[&str])] = &[
    ("factor_stage", &["new", "growing", "established"]),
    ("factor_relationships", &["few", "some", "strong"]),
    ("factor_experience", &["none", "some", "lots"]),
    ("factor_motivation", &["low", "mixed", "high"]),
    ("factor_breadth", &["narrow", "broad"]),
    ("factor_size", &["small", "medium", "large"]),
    ("factor_leadership", &["low", "some", "high"]),
    ("factor_urgency", &["low", "medium", "high"]),
];

/// How far along the coalition is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoalitionStage {
    New,
    Growing,
    Established,
}

/// How well members already know each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationships {
    Few,
    Some,
    Strong,
}

/// How much members have worked together before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SharedExperience {
    None,
    Some,
    Lots,
}

/// How keen members are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Motivation {
    Low,
    Mixed,
    High,
}

/// How many issues the coalition takes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Breadth {
    Narrow,
    Broad,
}

/// Members: small is under 10, medium 10 to 30, large over 30.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Size {
    Small,
    Medium,
    Large,
}

/// How experienced the leaders are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadershipExperience {
    Low,
    Some,
    High,
}

/// How soon the coalition must act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Low,
    Medium,
    High,
}

/// The answers that shape the suggestion. Any of them may be unanswered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StructureFactors {
    pub stage: Option<CoalitionStage>,
    pub prior_relationships: Option<Relationships>,
    pub experience_together: Option<SharedExperience>,
    pub motivation: Option<Motivation>,
    pub breadth: Option<Breadth>,
    pub size: Option<Size>,
    pub leadership_experience: Option<LeadershipExperience>,
    pub urgency: Option<Urgency>,
}

/// The structures the app can suggest; the ids match the options of the structure worksheet's
/// `structure_choice` question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StructureOption {
    SteeringCommittee,
    CoordinatingCouncil,
    AdvisoryGroup,
    BoardOfDirectors,
    WorkingGroups,
    GeneralMembership,
}

impl StructureOption {
    /// Every option, in the order used to break ties.
    pub const ALL: [StructureOption; 6] = [
        StructureOption::SteeringCommittee,
        StructureOption::CoordinatingCouncil,
        StructureOption::AdvisoryGroup,
        StructureOption::BoardOfDirectors,
        StructureOption::WorkingGroups,
        StructureOption::GeneralMembership,
    ];

    pub fn id(self) -> &'static str {
        match self {
            StructureOption::SteeringCommittee => "steering_committee",
            StructureOption::CoordinatingCouncil => "coordinating_council",
            StructureOption::AdvisoryGroup => "advisory_group",
            StructureOption::BoardOfDirectors => "board_of_directors",
            StructureOption::WorkingGroups => "working_groups",
            StructureOption::GeneralMembership => "general_membership",
        }
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|o| *o == self).expect("every option is in ALL")
    }
}

/// The suggested structures, best fit first, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StructureSuggestion {
    pub recommended: Vec<StructureOption>,
    pub reasons: Vec<String>,
}

// Short names keep the weight tables below readable.
use StructureOption::{
    AdvisoryGroup as Advisory, BoardOfDirectors as Board, CoordinatingCouncil as Council, GeneralMembership as Members,
    SteeringCommittee as Steering, WorkingGroups as Groups,
};

/// One factor's effect: why, and how many points it gives (or takes from) each structure.
type Push = (&'static str, &'static [(StructureOption, i32)]);

fn stage_push(stage: CoalitionStage) -> Push {
    match stage {
        CoalitionStage::New => (
            "Your coalition is new, so a small steering committee can get things moving without heavy rules, and anyone interested can join as a general member.",
            &[(Steering, 3), (Members, 1), (Board, -2)],
        ),
        CoalitionStage::Growing => (
            "Your coalition is growing, so a coordinating council with a seat for each partner helps everyone stay in step, and working groups give newcomers a place to start.",
            &[(Council, 2), (Groups, 1)],
        ),
        CoalitionStage::Established => (
            "Your coalition is well established, so a more formal body such as a board of directors can hold long-term money and duties.",
            &[(Board, 3), (Council, 1)],
        ),
    }
}

fn relationships_push(relationships: Relationships) -> Push {
    match relationships {
        Relationships::Few => (
            "Your members hardly know each other yet, so a small core team that meets often is a good place to build trust before sharing power widely.",
            &[(Steering, 2), (Members, 1), (Board, -1)],
        ),
        Relationships::Some => (
            "Some of your members already know each other, and a coordinating council can build on that.",
            &[(Council, 1)],
        ),
        Relationships::Strong => (
            "Your members already have strong relationships, so they can share decisions as equals on a coordinating council.",
            &[(Council, 2)],
        ),
    }
}

fn experience_push(experience: SharedExperience) -> Push {
    match experience {
        SharedExperience::None => (
            "Your members have not worked together before, so start with a light steering committee and hold off on formal bodies until you know how you work together.",
            &[(Steering, 2), (Board, -1)],
        ),
        SharedExperience::Some => (
            "Your members have worked together on a few projects, which a coordinating council can build on.",
            &[(Council, 1)],
        ),
        SharedExperience::Lots => (
            "Your members have worked together on many projects, so they are ready for a more formal setup such as a coordinating council or a board.",
            &[(Council, 1), (Board, 1)],
        ),
    }
}

fn motivation_push(motivation: Motivation) -> Push {
    match motivation {
        Motivation::Low => (
            "Motivation is low, so keep demands light: a small steering committee carries the work while general members take part as they can.",
            &[(Steering, 1), (Members, 1)],
        ),
        Motivation::Mixed => (
            "Motivation is mixed, so working groups let each person put their energy into the issue they care about most.",
            &[(Groups, 1)],
        ),
        Motivation::High => (
            "Motivation is high, and working groups give all that energy somewhere useful to go.",
            &[(Groups, 2)],
        ),
    }
}

fn breadth_push(breadth: Breadth) -> Push {
    match breadth {
        Breadth::Narrow => (
            "Your focus is narrow, so one small group can steer the work without many separate parts.",
            &[(Steering, 1)],
        ),
        Breadth::Broad => (
            "Your focus is broad, so working groups (task forces) can each take one part of it, with a coordinating council keeping them connected.",
            &[(Groups, 3), (Council, 1)],
        ),
    }
}

fn size_push(size: Size) -> Push {
    match size {
        Size::Small => (
            "Your coalition is small (fewer than 10 members), so everyone can sit at one table as a steering committee.",
            &[(Steering, 2), (Groups, -1)],
        ),
        Size::Medium => (
            "With 10 to 30 members, a coordinating council plus a few working groups keeps meetings a workable size.",
            &[(Council, 1), (Groups, 1)],
        ),
        Size::Large => (
            "With more than 30 members, working groups let people do real work in small teams, a coordinating council links them, and a general membership keeps everyone informed.",
            &[(Groups, 3), (Members, 2), (Council, 2)],
        ),
    }
}

fn leadership_push(leadership: LeadershipExperience) -> Push {
    match leadership {
        LeadershipExperience::Low => (
            "Your leaders are new to this, so an advisory group of experienced people can coach them while they learn.",
            &[(Advisory, 3)],
        ),
        LeadershipExperience::Some => (
            "Your leaders have some experience; an advisory group can back them up when hard questions come up.",
            &[(Advisory, 1)],
        ),
        LeadershipExperience::High => (
            "Your leaders are very experienced, so they can run a more formal structure such as a board of directors.",
            &[(Board, 2), (Council, 1)],
        ),
    }
}

fn urgency_push(urgency: Urgency) -> Push {
    match urgency {
        Urgency::Low => (
            "The work is not urgent, so you have time to set up a more formal structure with care.",
            &[(Board, 1), (Council, 1)],
        ),
        Urgency::Medium => (
            "The work is somewhat urgent, so a few task forces can start on the most pressing parts while the rest of the structure takes shape.",
            &[(Groups, 1)],
        ),
        Urgency::High => (
            "The work is very urgent, so keep the structure lean: a small steering committee that can decide quickly, with task forces for the pressing jobs. Formal boards are slow to set up.",
            &[(Steering, 3), (Groups, 2), (Board, -2)],
        ),
    }
}

/// Suggests structures for the given factors. With no factors answered it suggests the most
/// common start: a steering committee and a general membership.
pub fn suggest_structure(factors: &StructureFactors) -> StructureSuggestion {
    let pushes: Vec<Push> = [
        factors.stage.map(stage_push),
        factors.prior_relationships.map(relationships_push),
        factors.experience_together.map(experience_push),
        factors.motivation.map(motivation_push),
        factors.breadth.map(breadth_push),
        factors.size.map(size_push),
        factors.leadership_experience.map(leadership_push),
        factors.urgency.map(urgency_push),
    ]
    .into_iter()
    .flatten()
    .collect();

    if pushes.is_empty() {
        return StructureSuggestion {
            recommended: vec![Steering, Members],
            reasons: vec![
                "You haven't described your coalition yet, so this is the most common way to begin: a small steering committee, with anyone interested welcome as a general member."
                    .to_string(),
            ],
        };
    }

    let mut scores = [0i32; StructureOption::ALL.len()];
    for (_, points) in &pushes {
        for (option, change) in points.iter() {
            scores[option.index()] += change;
        }
    }
    let mut recommended: Vec<StructureOption> =
        StructureOption::ALL.into_iter().filter(|o| scores[o.index()] > 0).collect();
    // A stable sort keeps the order of ALL among equal scores.
    recommended.sort_by_key(|o| std::cmp::Reverse(scores[o.index()]));
    StructureSuggestion { recommended, reasons: pushes.iter().map(|(reason, _)| reason.to_string()).collect() }
}

/// Reads the factors from a coalition's answers (those of the structure worksheet).
/// Unanswered questions, cleared answers and unknown option ids leave a factor unset.
pub fn factors_from_answers(answers: &[Answer]) -> StructureFactors {
    let chosen = |question_id: &str| -> Option<String> {
        let answer = answers.iter().find(|a| {
            a.worksheet_id == STRUCTURE_WORKSHEET && a.question_id == question_id && a.deleted_at.is_none()
        })?;
        match &answer.value {
            Value::String(id) => Some(id.clone()),
            Value::Object(map) => map.get("choice")?.as_str().map(str::to_string),
            _ => None,
        }
    };
    StructureFactors {
        stage: from_id(chosen("factor_stage")),
        prior_relationships: from_id(chosen("factor_relationships")),
        experience_together: from_id(chosen("factor_experience")),
        motivation: from_id(chosen("factor_motivation")),
        breadth: from_id(chosen("factor_breadth")),
        size: from_id(chosen("factor_size")),
        leadership_experience: from_id(chosen("factor_leadership")),
        urgency: from_id(chosen("factor_urgency")),
    }
}

/// The enum value whose serde name is `id`.
fn from_id<T: DeserializeOwned>(id: Option<String>) -> Option<T> {
    serde_json::from_value(Value::String(id?)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn top(factors: &StructureFactors) -> (StructureOption, StructureSuggestion) {
        let suggestion = suggest_structure(factors);
        (suggestion.recommended[0], suggestion)
    }

    fn has_reason(suggestion: &StructureSuggestion, words: &str) -> bool {
        suggestion.reasons.iter().any(|r| r.contains(words))
    }

    #[test]
    fn a_new_small_group_of_strangers_gets_a_steering_committee() {
        let factors = StructureFactors {
            stage: Some(CoalitionStage::New),
            size: Some(Size::Small),
            prior_relationships: Some(Relationships::Few),
            ..Default::default()
        };
        let (best, suggestion) = top(&factors);
        assert_eq!(best, Steering);
        assert!(suggestion.recommended.contains(&Members), "{suggestion:?}");
        assert!(!suggestion.recommended.contains(&Board), "{suggestion:?}");
        assert!(has_reason(&suggestion, "is new"), "{suggestion:?}");
        assert!(has_reason(&suggestion, "fewer than 10"), "{suggestion:?}");
    }

    #[test]
    fn a_large_broad_coalition_gets_working_groups() {
        let factors = StructureFactors {
            size: Some(Size::Large),
            breadth: Some(Breadth::Broad),
            stage: Some(CoalitionStage::Growing),
            ..Default::default()
        };
        let (best, suggestion) = top(&factors);
        assert_eq!(best, Groups);
        assert!(suggestion.recommended.contains(&Council), "{suggestion:?}");
        assert!(has_reason(&suggestion, "focus is broad"), "{suggestion:?}");
    }

    #[test]
    fn an_established_coalition_with_experienced_leaders_gets_a_board() {
        let factors = StructureFactors {
            stage: Some(CoalitionStage::Established),
            leadership_experience: Some(LeadershipExperience::High),
            experience_together: Some(SharedExperience::Lots),
            ..Default::default()
        };
        let (best, suggestion) = top(&factors);
        assert_eq!(best, Board);
        assert!(has_reason(&suggestion, "well established"), "{suggestion:?}");
        assert!(has_reason(&suggestion, "leaders are very experienced"), "{suggestion:?}");
    }

    #[test]
    fn urgent_work_gets_a_lean_steering_committee_with_task_forces() {
        let factors =
            StructureFactors { urgency: Some(Urgency::High), breadth: Some(Breadth::Narrow), ..Default::default() };
        let (best, suggestion) = top(&factors);
        assert_eq!(best, Steering, "{suggestion:?}");
        assert_eq!(suggestion.recommended[1], Groups, "{suggestion:?}");
        assert!(has_reason(&suggestion, "very urgent"), "{suggestion:?}");
    }

    #[test]
    fn inexperienced_leaders_get_an_advisory_group() {
        let factors = StructureFactors { leadership_experience: Some(LeadershipExperience::Low), ..Default::default() };
        let (best, suggestion) = top(&factors);
        assert_eq!(best, Advisory);
        assert!(has_reason(&suggestion, "leaders are new"), "{suggestion:?}");
    }

    #[test]
    fn no_answers_give_the_common_start() {
        let suggestion = suggest_structure(&StructureFactors::default());
        assert_eq!(suggestion.recommended, vec![Steering, Members]);
        assert_eq!(suggestion.reasons.len(), 1);
    }

    #[test]
    fn every_answer_set_recommends_something() {
        // Every combination of answers, unanswered included: about 49,000, each quick.
        fn with_none<T: Copy>(values: &[T]) -> Vec<Option<T>> {
            std::iter::once(None).chain(values.iter().copied().map(Some)).collect()
        }
        use CoalitionStage as St;
        let mut checked = 0;
        for stage in with_none(&[St::New, St::Growing, St::Established]) {
            for prior_relationships in with_none(&[Relationships::Few, Relationships::Some, Relationships::Strong]) {
                for experience_together in
                    with_none(&[SharedExperience::None, SharedExperience::Some, SharedExperience::Lots])
                {
                    for motivation in with_none(&[Motivation::Low, Motivation::Mixed, Motivation::High]) {
                        for breadth in with_none(&[Breadth::Narrow, Breadth::Broad]) {
                            for size in with_none(&[Size::Small, Size::Medium, Size::Large]) {
                                for leadership_experience in with_none(&[
                                    LeadershipExperience::Low,
                                    LeadershipExperience::Some,
                                    LeadershipExperience::High,
                                ]) {
                                    for urgency in with_none(&[Urgency::Low, Urgency::Medium, Urgency::High]) {
                                        let factors = StructureFactors {
                                            stage,
                                            prior_relationships,
                                            experience_together,
                                            motivation,
                                            breadth,
                                            size,
                                            leadership_experience,
                                            urgency,
                                        };
                                        let suggestion = suggest_structure(&factors);
                                        assert!(!suggestion.recommended.is_empty(), "{factors:?}");
                                        assert!(!suggestion.reasons.is_empty(), "{factors:?}");
                                        checked += 1;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 4 * 4 * 4 * 4 * 3 * 4 * 4 * 4);
    }

    #[test]
    fn option_ids_match_their_serde_names() {
        for option in StructureOption::ALL {
            assert_eq!(serde_json::to_value(option).unwrap(), json!(option.id()));
        }
    }

    #[test]
    fn every_listed_factor_option_id_is_understood() {
        for (question, ids) in FACTOR_QUESTIONS {
            for id in *ids {
                let answer = Answer {
                    id: "a".into(),
                    coalition_id: "c".into(),
                    worksheet_id: STRUCTURE_WORKSHEET.into(),
                    question_id: question.to_string(),
                    value: json!({ "choice": id }),
                    created_at: String::new(),
                    updated_at: String::new(),
                    deleted_at: None,
                };
                let factors = factors_from_answers(&[answer]);
                assert_ne!(factors, StructureFactors::default(), "{question} = {id} was not understood");
            }
        }
    }

    #[test]
    fn factors_are_read_from_answers() {
        let answer = |question: &str, value: Value, deleted: bool| Answer {
            id: question.into(),
            coalition_id: "c".into(),
            worksheet_id: STRUCTURE_WORKSHEET.into(),
            question_id: question.into(),
            value,
            created_at: String::new(),
            updated_at: String::new(),
            deleted_at: deleted.then(|| "2025-01-01T00:00:00Z".to_string()),
        };
        let answers = vec![
            answer("factor_stage", json!({"choice": "growing"}), false),
            answer("factor_size", json!("large"), false),
            answer("factor_urgency", json!({"choice": "high"}), true),
            answer("factor_breadth", json!({"choice": "sideways"}), false),
            Answer {
                worksheet_id: "other-sheet".into(),
                ..answer("factor_motivation", json!({"choice": "high"}), false)
            },
        ];
        let factors = factors_from_answers(&answers);
        assert_eq!(
            factors,
            StructureFactors { stage: Some(CoalitionStage::Growing), size: Some(Size::Large), ..Default::default() }
        );
    }
}
