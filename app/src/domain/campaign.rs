//! E-mail campaigns of notices: where a campaign and each of its debtors stand, what a
//! failed attempt leads to (another try later, or a reported failure), and how far along
//! a campaign is.

use serde::{Deserialize, Serialize};

text_enum! {
    /// Where a campaign stands.
    pub enum CampaignState {
        Running = "running",
        /// Asked to stop: the messages under way finish, no new one starts.
        Stopping = "stopping",
        /// Stopped on demand; what was not sent stays queued (it may be resumed).
        Stopped = "stopped",
        /// Every debtor handled: sent, failed or without an address.
        Done = "done",
    }
}

impl CampaignState {
    /// Still at work (the page keeps showing progress).
    pub fn is_active(self) -> bool {
        matches!(self, CampaignState::Running | CampaignState::Stopping)
    }
}

text_enum! {
    /// Where one debtor of a campaign stands.
    pub enum RecipientState {
        /// Waiting for its turn (or for its next try).
        Queued = "queued",
        /// Taken by a sender: the message is under way.
        Sending = "sending",
        Sent = "sent",
        Failed = "failed",
        /// No e-mail address is known for the debtor.
        NoEmail = "no_email",
    }
}

/// Tries of one debtor's message before it is reported as failed.
pub const MAX_ATTEMPTS: i64 = 5;

/// After a failed attempt (the `attempts`-th): try again after this many milliseconds, or
/// `None` — report it failed (a final answer from the mail server, or out of tries).
/// Backoff doubles from 2 s: 2, 4, 8, 16 s.
pub fn retry_after_ms(attempts: i64, temporary: bool) -> Option<i64> {
    if !temporary || attempts >= MAX_ATTEMPTS {
        return None;
    }
    Some(2_000 << (attempts.clamp(1, 20) - 1))
}

/// A campaign's debtors by where they stand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignCounts {
    /// Waiting, or under way.
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
    pub no_email: i64,
}

impl CampaignCounts {
    pub fn total(&self) -> i64 {
        self.queued + self.sent + self.failed + self.no_email
    }

    /// Debtors handled (sent, failed, no address): the progress bar's value.
    pub fn handled(&self) -> i64 {
        self.sent + self.failed + self.no_email
    }

    /// Whole per cent handled (100 for a campaign with nobody to e-mail).
    pub fn percent(&self) -> i64 {
        match self.total() {
            0 => 100,
            total => self.handled() * 100 / total,
        }
    }

    /// Adds `n` debtors found in `state`.
    pub fn add(&mut self, state: RecipientState, n: i64) {
        match state {
            RecipientState::Queued | RecipientState::Sending => self.queued += n,
            RecipientState::Sent => self.sent += n,
            RecipientState::Failed => self.failed += n,
            RecipientState::NoEmail => self.no_email += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_failures_are_tried_again_with_growing_waits_then_reported() {
        assert_eq!(retry_after_ms(1, true), Some(2_000));
        assert_eq!(retry_after_ms(2, true), Some(4_000));
        assert_eq!(retry_after_ms(4, true), Some(16_000));
        assert_eq!(retry_after_ms(MAX_ATTEMPTS, true), None);
        // A final answer is not asked again.
        assert_eq!(retry_after_ms(1, false), None);
    }

    #[test]
    fn progress_counts_every_debtor_once() {
        let mut counts = CampaignCounts::default();
        counts.add(RecipientState::Queued, 10);
        counts.add(RecipientState::Sending, 2);
        counts.add(RecipientState::Sent, 30);
        counts.add(RecipientState::Failed, 3);
        counts.add(RecipientState::NoEmail, 5);
        assert_eq!(counts.total(), 50);
        assert_eq!(counts.handled(), 38);
        assert_eq!(counts.percent(), 76);
        assert_eq!(CampaignCounts::default().percent(), 100);
    }
}
