//! Replaying and checking steps: the state machine itself.

use super::{chain_for, ApprovalConfig, ApprovalRequest, ApprovalStep, Decision, RequestStatus};
use crate::domain::model::{Person, Role};
use crate::domain::rules::same_text;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a step is refused. The UI words each variant through the i18n catalogue; `Display`
/// is for logs and tests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "error")]
pub enum StepError {
    WrongRequest {
        expected: String,
        got: String,
    },
    /// The request was already approved or rejected.
    Closed {
        status: RequestStatus,
    },
    OutOfOrder {
        expected: u32,
        got: u32,
    },
    WrongRole {
        expected: Role,
        got: Role,
    },
    BeforeRequest,
    BeforePreviousStep,
    MissingActor,
    /// With `distinct_actors`: this person already decided step `step_index`.
    SameActor {
        actor: String,
        step_index: u32,
    },
    RejectionNeedsComment,
    UnknownActor {
        actor: String,
    },
    ActorLacksRole {
        actor: String,
        role: Role,
    },
}

impl fmt::Display for StepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepError::WrongRequest { expected, got } => {
                write!(f, "step is for request {got:?}, not {expected:?}")
            }
            StepError::Closed { status } => match status {
                RequestStatus::Approved { .. } => f.write_str("the request is already approved"),
                RequestStatus::Rejected { .. } => f.write_str("the request was rejected"),
                RequestStatus::Pending { .. } => f.write_str("the request is closed"),
            },
            StepError::OutOfOrder { expected, got } => {
                write!(f, "step {got} given, but step {expected} is next")
            }
            StepError::WrongRole { expected, got } => {
                write!(f, "this step is for {expected:?}, not {got:?}")
            }
            StepError::BeforeRequest => f.write_str("the step is dated before the request"),
            StepError::BeforePreviousStep => {
                f.write_str("the step is dated before the previous step")
            }
            StepError::MissingActor => f.write_str("no one is named as deciding"),
            StepError::SameActor { actor, step_index } => {
                write!(
                    f,
                    "{actor} already decided step {step_index} of this request"
                )
            }
            StepError::RejectionNeedsComment => f.write_str("a rejection needs a reason"),
            StepError::UnknownActor { actor } => write!(f, "{actor} is not in the directory"),
            StepError::ActorLacksRole { actor, role } => {
                write!(f, "{actor} does not hold the role {role:?}")
            }
        }
    }
}
impl std::error::Error for StepError {}

/// A request's state while its steps are replayed.
pub(crate) struct Replay<'s> {
    pub chain: Vec<Role>,
    pub accepted: Vec<&'s ApprovalStep>,
    pub status: RequestStatus,
}

impl<'s> Replay<'s> {
    pub fn start(request: &ApprovalRequest, config: &ApprovalConfig) -> Replay<'s> {
        let chain = chain_for(request, config);
        let status = match chain.first() {
            Some(role) => RequestStatus::Pending {
                next_role: *role,
                step_index: 0,
            },
            None => RequestStatus::Approved {
                at: request.requested_at,
            },
        };
        Replay {
            chain,
            accepted: Vec::new(),
            status,
        }
    }

    /// Whether `step` may come next (directory not consulted).
    pub fn check(
        &self,
        request: &ApprovalRequest,
        step: &ApprovalStep,
        config: &ApprovalConfig,
    ) -> Result<(), StepError> {
        if step.request_id != request.id {
            return Err(StepError::WrongRequest {
                expected: request.id.clone(),
                got: step.request_id.clone(),
            });
        }
        let RequestStatus::Pending {
            next_role,
            step_index,
        } = self.status
        else {
            return Err(StepError::Closed {
                status: self.status.clone(),
            });
        };
        if step.step_index != step_index {
            return Err(StepError::OutOfOrder {
                expected: step_index,
                got: step.step_index,
            });
        }
        if step.role != next_role {
            return Err(StepError::WrongRole {
                expected: next_role,
                got: step.role,
            });
        }
        if step.at < request.requested_at {
            return Err(StepError::BeforeRequest);
        }
        if self.accepted.last().is_some_and(|prev| step.at < prev.at) {
            return Err(StepError::BeforePreviousStep);
        }
        if step.actor.trim().is_empty() {
            return Err(StepError::MissingActor);
        }
        if config.distinct_actors {
            if let Some(prev) = self
                .accepted
                .iter()
                .find(|prev| same_text(&prev.actor, &step.actor))
            {
                return Err(StepError::SameActor {
                    actor: step.actor.clone(),
                    step_index: prev.step_index,
                });
            }
        }
        if step.decision == Decision::Reject && step.comment.trim().is_empty() {
            return Err(StepError::RejectionNeedsComment);
        }
        Ok(())
    }

    /// Takes `step` if it fits; ignores it otherwise.
    pub fn apply(
        &mut self,
        request: &ApprovalRequest,
        step: &'s ApprovalStep,
        config: &ApprovalConfig,
    ) {
        if self.check(request, step, config).is_err() {
            return;
        }
        self.accepted.push(step);
        let next = step.step_index as usize + 1;
        self.status = match (step.decision, self.chain.get(next)) {
            (Decision::Reject, _) => RequestStatus::Rejected {
                at: step.at,
                by: step.actor.clone(),
                comment: step.comment.clone(),
            },
            (Decision::Approve, Some(role)) => RequestStatus::Pending {
                next_role: *role,
                step_index: step.step_index + 1,
            },
            (Decision::Approve, None) => RequestStatus::Approved { at: step.at },
        };
    }

    pub fn run<'a>(
        request: &ApprovalRequest,
        steps: impl IntoIterator<Item = &'a ApprovalStep>,
        config: &ApprovalConfig,
    ) -> Replay<'a> {
        let mut replay = Replay::start(request, config);
        for step in steps {
            if step.request_id == request.id {
                replay.apply(request, step, config);
            }
        }
        replay
    }
}

/// Where `request` stands after the valid ones of `steps` (steps of other requests are
/// skipped, so all stored steps may be passed; [`statuses`] does many requests at once).
pub fn status(
    request: &ApprovalRequest,
    steps: &[ApprovalStep],
    config: &ApprovalConfig,
) -> RequestStatus {
    Replay::run(request, steps, config).status
}

/// Whether `step` may be appended after the stored `steps`: the replay rules above, plus
/// the actor must be in `staff` and hold the step's role.
pub fn validate_step(
    request: &ApprovalRequest,
    steps: &[ApprovalStep],
    step: &ApprovalStep,
    config: &ApprovalConfig,
    staff: &[Person],
) -> Result<(), StepError> {
    Replay::run(request, steps, config).check(request, step, config)?;
    let person = staff
        .iter()
        .find(|p| same_text(&p.name, &step.actor))
        .ok_or_else(|| StepError::UnknownActor {
            actor: step.actor.clone(),
        })?;
    if !person.roles.contains(&step.role) {
        return Err(StepError::ActorLacksRole {
            actor: step.actor.clone(),
            role: step.role,
        });
    }
    Ok(())
}
