//! Comments, requests, complaints and proposals: kinds, the staff state machine, limits,
//! and the protocol number's printed form.

pub const MAX_SUBJECT_CHARS: usize = 150;
pub const MAX_TEXT_CHARS: usize = 5000;
pub const MAX_ACTION_CHARS: usize = 1000;
/// A department's name, in either language.
pub const MAX_DEPARTMENT_CHARS: usize = 100;

text_enum! {
    pub enum Kind {
        Comment = "comment",
        Request = "request",
        Complaint = "complaint",
        Proposal = "proposal",
    }
}

impl Kind {
    pub const NAMED: [Kind; 3] = [Kind::Request, Kind::Complaint, Kind::Proposal];
}

text_enum! {
    /// Where a submission stands in the municipality's protocol: not sent, sent and waiting
    /// for the number (the protocol system may be down), or registered with a number.
    pub enum ProtocolState {
        None = "none",
        Awaiting = "awaiting",
        Registered = "registered",
    }
}

text_enum! {
    /// Where a submission stands: submitted → under review → in progress → answered → closed,
    /// or rejected on the way.
    pub enum Status {
        Submitted = "submitted",
        UnderReview = "under_review",
        InProgress = "in_progress",
        Answered = "answered",
        Closed = "closed",
        Rejected = "rejected",
    }
}

impl Status {
    /// The statuses staff may move to from this one.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Submitted => &[UnderReview, Rejected],
            UnderReview => &[InProgress, Answered, Rejected],
            InProgress => &[Answered, Rejected],
            Answered => &[Closed, InProgress],
            Closed | Rejected => &[],
        }
    }

    pub fn can_become(self, to: Status) -> bool {
        self.next().contains(&to)
    }
}

/// The printed protocol number: `1234/21-11-2026`.
pub fn protocol_label(number: i64, date: crate::domain::time::Date) -> String {
    format!("{number}/{}", date.dd_mm_yyyy())
}

/// Longest text the staff's searches take (a longer one is refused in words: SQLite gives
/// up on very long `LIKE` patterns, and nobody searches by a paragraph).
pub const MAX_SEARCH_CHARS: usize = 100;

/// Whether a typed search fits [`MAX_SEARCH_CHARS`].
pub fn search_fits(text: Option<&str>) -> bool {
    text.is_none_or(|t| t.trim().chars().count() <= MAX_SEARCH_CHARS)
}

/// A `LIKE … ESCAPE '\'` pattern finding `text` anywhere in a search key: what the user
/// typed is folded like the keys, and `%`, `_` and `\` in it match only themselves.
pub fn contains_pattern(text: &str) -> String {
    let escaped = search_key(text.trim())
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Folds text for search: lower case, Greek accents and diaeresis dropped, final sigma as
/// sigma, so "Θόρυβος" is found by "θορυβος"; control characters dropped (nobody searches
/// for them, and PostgreSQL refuses a NUL in text).
pub fn search_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ά' => 'α',
            'έ' => 'ε',
            'ή' => 'η',
            'ί' | 'ϊ' | 'ΐ' => 'ι',
            'ό' => 'ο',
            'ύ' | 'ϋ' | 'ΰ' => 'υ',
            'ώ' => 'ω',
            'ς' => 'σ',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn searches_fold_case_accents_and_drop_control_characters() {
        assert_eq!(search_key("Θόρυβος"), "θορυβοσ");
        assert_eq!(contains_pattern("a\u{0}b\t%"), "%ab\\%%");
    }

    #[test]
    fn the_state_machine_allows_only_its_steps() {
        assert!(Submitted.can_become(UnderReview));
        assert!(UnderReview.can_become(Answered));
        assert!(Answered.can_become(Closed));
        assert!(Answered.can_become(InProgress), "an answer can be reopened");
        for &to in Status::ALL {
            assert!(
                !Closed.can_become(to) && !Rejected.can_become(to),
                "final states stay final"
            );
        }
        assert!(!Submitted.can_become(Answered), "no skipping review");
        assert!(!Submitted.can_become(Closed));
        assert!(!InProgress.can_become(Submitted));
    }

    #[test]
    fn codes_round_trip() {
        for &status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        for kind in [
            Kind::Comment,
            Kind::Request,
            Kind::Complaint,
            Kind::Proposal,
        ] {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("<script>"), None);
    }

    #[test]
    fn search_ignores_case_and_accents() {
        assert_eq!(search_key("Θόρυβος τη ΝΎΧΤΑ"), "θορυβοσ τη νυχτα");
        assert!(search_key("Λακκούβα στην Εγνατίας").contains(&search_key("εγνατιας")));
    }

    #[test]
    fn protocol_labels() {
        let date = crate::domain::time::Date {
            year: 2026,
            month: 11,
            day: 21,
        };
        assert_eq!(protocol_label(1234, date), "1234/21-11-2026");
    }
}
