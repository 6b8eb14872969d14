//! Card payments' life cycle (after GOV.UK Pay): created → started → success | failed |
//! cancelled | expired | error. Every change of state goes through [`PaymentState::apply`].

use serde::{Deserialize, Serialize};

text_enum! {
    pub enum PaymentState {
        /// Amount fixed, not yet sent to the bank.
        Created = "created",
        /// The payer is on the bank's page.
        Started = "started",
        Success = "success",
        Failed = "failed",
        Cancelled = "cancelled",
        Expired = "expired",
        Error = "error",
    }
}

/// What the bank (or the clean-up job) reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PaymentEvent {
    SentToBank,
    Approved,
    Declined,
    CancelledByPayer,
    TimedOut,
    ProviderError,
}

/// The outcome of applying an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    /// The state changes to this one.
    To(PaymentState),
    /// Already in the state the event leads to (a duplicate delivery): nothing to do.
    Unchanged,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("a {event:?} report cannot change a payment that is {state:?}")]
pub struct IllegalTransition {
    pub state: PaymentState,
    pub event: PaymentEvent,
}

impl PaymentState {
    /// Final states never change again: late or repeated reports are ignored.
    pub fn is_final(self) -> bool {
        !matches!(self, PaymentState::Created | PaymentState::Started)
    }

    /// The one place that decides what a report does to a payment.
    pub fn apply(self, event: PaymentEvent) -> Result<Transition, IllegalTransition> {
        use PaymentEvent::*;
        use PaymentState::*;
        let target = match event {
            SentToBank => Started,
            Approved => Success,
            Declined => Failed,
            CancelledByPayer => Cancelled,
            TimedOut => Expired,
            ProviderError => Error,
        };
        match (self, event) {
            (state, _) if state == target => Ok(Transition::Unchanged),
            (Created, SentToBank) => Ok(Transition::To(Started)),
            // The bank may report before we saw the redirect: created counts as started.
            (
                Created | Started,
                Approved | Declined | CancelledByPayer | TimedOut | ProviderError,
            ) => Ok(Transition::To(target)),
            (state, event) => Err(IllegalTransition { state, event }),
        }
    }
}

text_enum! {
    /// What a payment is for. Each kind is a payment purpose of the server's list.
    pub enum PurposeKind {
        Fine = "fine",
        Tax = "tax",
        /// One or several debts of the register, paid together.
        Debts = "debts",
        /// A notice with an RF: every debt on it, at the amount printed on it.
        Notice = "notice",
        /// Test fees, in demonstration mode only.
        Test = "test",
    }
}

impl PurposeKind {
    /// Where the payer goes back to from a payment's outcome.
    pub fn return_path(self, purpose_id: &str) -> String {
        match self {
            PurposeKind::Fine => format!("/fines/{purpose_id}"),
            PurposeKind::Tax => format!("/business/tax/declarations/{purpose_id}"),
            PurposeKind::Debts => "/debts".to_owned(),
            PurposeKind::Notice => format!("/notices/{purpose_id}"),
            PurposeKind::Test => "/payments/test".to_owned(),
        }
    }
}

text_enum! {
    /// How the money came: by card through the acquirer's page, a bank transfer quoting a
    /// notice's RF, or a card on the cash desk's POS terminal.
    pub enum PaymentMethod {
        Card = "card",
        BankTransfer = "bank_transfer",
        Pos = "pos",
    }
}

/// A POS terminal's approval code as the cashier types it: 4 to 12 Latin letters and
/// digits, kept in capitals as the terminal prints them.
pub fn pos_approval_code(text: &str) -> Option<String> {
    let code = text.trim().to_ascii_uppercase();
    ((4..=12).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then_some(code)
}

text_enum! {
    /// A refund asked of the bank.
    pub enum RefundState {
        /// Asked; the amount is reserved until the bank answers.
        Pending = "pending",
        Succeeded = "succeeded",
        Failed = "failed",
    }
}

/// Who may see a payment's receipt: its payer, and cashiers. Anyone else is told "not
/// found" (it names the payer and what they paid).
pub fn may_see_receipt(
    payer_id: Option<&str>,
    viewer_id: &str,
    viewer_role: crate::domain::account::Role,
) -> bool {
    payer_id == Some(viewer_id) || viewer_role == crate::domain::account::Role::Cashier
}

/// A receipt's printed number: sequential per year, `123/2026`.
pub fn receipt_label(sequence: i64, year: i64) -> String {
    format!("{sequence}/{year}")
}

/// A refund note's printed number: sequential per year, `R-7/2026`.
pub fn refund_label(sequence: i64, year: i64) -> String {
    format!("R-{sequence}/{year}")
}

/// Why a refund cannot be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum RefundRefusal {
    #[error("only a successful payment can be refunded")]
    NotPaid,
    #[error("a refund must be more than zero")]
    Zero,
    #[error("more than what is left to refund ({left_cents} cents)")]
    MoreThanLeft { left_cents: i64 },
}

/// Decides whether `asked` can be refunded from a payment in `state` of `paid`, of which
/// `already` is refunded or being refunded.
pub fn check_refund(
    state: PaymentState,
    paid: crate::domain::Money,
    already: crate::domain::Money,
    asked: crate::domain::Money,
) -> Result<(), RefundRefusal> {
    if state != PaymentState::Success {
        return Err(RefundRefusal::NotPaid);
    }
    if asked.cents() <= 0 {
        return Err(RefundRefusal::Zero);
    }
    let left = paid.cents().saturating_sub(already.cents()).max(0);
    if asked.cents() > left {
        return Err(RefundRefusal::MoreThanLeft { left_cents: left });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pos_approval_code_is_four_to_twelve_latin_letters_and_digits() {
        assert_eq!(pos_approval_code(" a1b2c3 ").as_deref(), Some("A1B2C3"));
        assert_eq!(
            pos_approval_code("123456789012").as_deref(),
            Some("123456789012")
        );
        for bad in ["", "123", "1234567890123", "12 34", "ΑΒΓΔ", "12-34"] {
            assert_eq!(pos_approval_code(bad), None, "{bad:?}");
        }
    }
    use proptest::prelude::*;
    use PaymentEvent::*;
    use PaymentState::*;

    const EVENTS: [PaymentEvent; 6] = [
        SentToBank,
        Approved,
        Declined,
        CancelledByPayer,
        TimedOut,
        ProviderError,
    ];

    #[test]
    fn the_life_cycle() {
        assert_eq!(Created.apply(SentToBank), Ok(Transition::To(Started)));
        assert_eq!(Started.apply(Approved), Ok(Transition::To(Success)));
        assert_eq!(Started.apply(Declined), Ok(Transition::To(Failed)));
        assert_eq!(
            Started.apply(CancelledByPayer),
            Ok(Transition::To(Cancelled))
        );
        assert_eq!(Started.apply(TimedOut), Ok(Transition::To(Expired)));
        assert_eq!(
            Created.apply(Approved),
            Ok(Transition::To(Success)),
            "a fast bank"
        );
        assert_eq!(
            Success.apply(Approved),
            Ok(Transition::Unchanged),
            "duplicate callback"
        );
        assert!(
            Success.apply(Declined).is_err(),
            "a late decline cannot undo a payment"
        );
        assert_eq!(
            Started.apply(SentToBank),
            Ok(Transition::Unchanged),
            "a second redirect"
        );
        for &state in PaymentState::ALL {
            assert_eq!(PaymentState::parse(state.as_str()), Some(state));
        }
    }

    proptest! {
        /// Whatever order reports arrive in, a final state never changes.
        #[test]
        fn final_states_are_final(events in proptest::collection::vec(0usize..6, 1..12)) {
            let mut state = Created;
            let mut first_final = None;
            for index in events {
                if let Ok(Transition::To(next)) = state.apply(EVENTS[index]) {
                    state = next;
                }
                if state.is_final() && first_final.is_none() {
                    first_final = Some(state);
                }
                if let Some(final_state) = first_final {
                    prop_assert_eq!(state, final_state);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn refunds_never_exceed_what_was_paid(paid in 1i64..1_000_000, already in 0i64..1_000_000, asked in -10i64..1_000_000) {
            use crate::domain::Money;
            let outcome = check_refund(Success, Money::from_cents(paid), Money::from_cents(already), Money::from_cents(asked));
            if outcome.is_ok() {
                prop_assert!(asked > 0 && already + asked <= paid);
            } else {
                prop_assert!(asked <= 0 || already + asked > paid);
            }
        }
    }

    #[test]
    fn only_successful_payments_are_refunded() {
        use crate::domain::Money;
        for &state in PaymentState::ALL {
            let outcome = check_refund(
                state,
                Money::from_cents(100),
                Money::from_cents(0),
                Money::from_cents(50),
            );
            assert_eq!(outcome.is_ok(), state == Success, "{state:?}");
        }
        assert_eq!(
            check_refund(
                Success,
                Money::from_cents(100),
                Money::from_cents(60),
                Money::from_cents(50)
            ),
            Err(RefundRefusal::MoreThanLeft { left_cents: 40 })
        );
        assert_eq!(refund_label(7, 2026), "R-7/2026");
    }
}
