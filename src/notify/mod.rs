//! Building messages: `mailto:` links, `.eml` drafts, `sms:` links, chat-robot payloads and
//! their signatures, a generic JSON webhook, `curl` commands, rate limits and send outcomes.
//!
//! Everything here is pure: no browser, no clock (callers pass timestamps), no network.
//! The browser senders (fetch, clipboard, downloads) are thin adapters on top of these
//! builders. Deciding *who* gets *what* is `domain::rules`' job, not this room's.
//!
//! Security invariants kept by the builders and tested here:
//! - no CR/LF from data ever starts a new header line (`mailto`, `eml`);
//! - every value in a URL is percent-encoded (`&`, `?`, `#`, `%`, `=`, `+` included);
//! - secrets never appear in [`SendOutcome`] reasons (see [`redact`]).

pub mod address;
pub mod curl;
pub mod dingtalk;
pub mod dispatch;
pub mod eml;
pub mod feishu;
pub mod mailto;
pub mod outcome;
pub mod rate_limit;
pub mod sms;
pub mod text;
pub mod webhook;
pub mod wecom;

pub use address::{AddressError, Mailbox};
pub use curl::{curl_command, curl_command_with_headers, relay_request, shell_quote};
pub use eml::eml;
pub use mailto::{mailto, MailtoLink};
pub use outcome::{
    interpret_dingtalk_response, interpret_feishu_response, interpret_webhook_response,
    interpret_wecom_response, redact, SendOutcome,
};
pub use rate_limit::{RateLimiter, RateLimiters};
pub use sms::{sms_link, SmsLink};

/// The channels a rule can choose (`domain::rules` decides; this room builds and sends).
pub use crate::domain::rules::Channel;
/// The message's language (a template renders in it); the few words the builders add
/// themselves (truncation notes) follow it.
pub use crate::domain::templates::Lang;

/// A chat-robot request body, ready to POST (or to show with [`curl_command`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RobotMessage {
    /// The JSON body.
    pub body: String,
    /// The text was shortened to fit the robot's limit (the note says so in the message).
    pub truncated: bool,
    /// Mobiles to @-mention that were left out because they are not phone numbers.
    pub rejected_mobiles: Vec<(String, sms::MobileError)>,
}

/// The note appended where a message was cut because the channel cannot carry all of it.
pub fn truncation_note(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "……（全文已复制到剪贴板）",
        Lang::En => "… (full text copied to the clipboard)",
    }
}

/// The note appended where a robot message was cut (nothing is copied for robots).
pub fn robot_truncation_note(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "……（内容过长，已截断）",
        Lang::En => "… (message too long, truncated)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_exist_in_both_languages() {
        assert!(truncation_note(Lang::Zh).contains("剪贴板"));
        assert!(truncation_note(Lang::En).contains("clipboard"));
        assert!(robot_truncation_note(Lang::Zh).contains("截断"));
        assert!(robot_truncation_note(Lang::En).contains("truncated"));
    }
}
