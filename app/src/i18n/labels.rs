//! The words for the domain's states, kinds and decisions, and for money: one place, so a
//! new state is a compile error here rather than a silent fallback on some page.

use super::{use_lang, Msg};
use crate::domain::account::Verification;
use crate::domain::fine::{Review, TicketStatus};
use crate::domain::import::ProblemReason;
use crate::domain::payment::{PaymentState, PurposeKind, RefundState};
use crate::domain::submission::{Kind, Status};
use crate::domain::tax::DeclarationState;
use crate::domain::work::WorkItem;
use crate::domain::Money;

/// An amount in the reader's language: `1.234,56 €`, `€1,234.56`.
pub fn euros(amount: Money) -> String {
    amount.format(use_lang())
}

pub fn work_label(item: WorkItem) -> Msg {
    match item {
        WorkItem::NewSubmissions => Msg::WorkNewSubmissions,
        WorkItem::MyDepartment => Msg::WorkMyDepartment,
        WorkItem::ProtocolToRegister => Msg::WorkProtocolToRegister,
        WorkItem::ProtocolWaiting => Msg::WorkProtocolWaiting,
        WorkItem::TicketsToReview => Msg::WorkTicketsToReview,
        WorkItem::Verifications => Msg::WorkVerifications,
        WorkItem::PaidTwice => Msg::WorkPaidTwice,
        WorkItem::RefundsPending => Msg::WorkRefundsPending,
    }
}

pub fn payment_state_label(state: PaymentState) -> Msg {
    match state {
        PaymentState::Success => Msg::PaymentStateSuccess,
        PaymentState::Failed => Msg::PaymentStateFailed,
        PaymentState::Cancelled => Msg::PaymentStateCancelled,
        PaymentState::Expired => Msg::PaymentStateExpired,
        PaymentState::Error => Msg::PaymentStateError,
        PaymentState::Created | PaymentState::Started => Msg::PaymentStateProcessing,
    }
}

pub fn purpose_label(kind: PurposeKind) -> Msg {
    match kind {
        PurposeKind::Fine => Msg::ServiceFinesTitle,
        PurposeKind::Tax => Msg::PurposeTax,
        PurposeKind::TaxDebt => Msg::PurposeTaxDebt,
        PurposeKind::Test => Msg::PurposeTest,
    }
}

/// The link back to what a payment paid for.
pub fn purpose_return_label(kind: PurposeKind) -> Msg {
    match kind {
        PurposeKind::Fine => Msg::PaymentFineLink,
        PurposeKind::Tax => Msg::PaymentTaxLink,
        PurposeKind::TaxDebt => Msg::PaymentTaxDebtLink,
        PurposeKind::Test => Msg::BackToPayments,
    }
}

pub fn refund_state_label(state: RefundState) -> Msg {
    match state {
        RefundState::Pending => Msg::RefundStatePending,
        RefundState::Succeeded => Msg::RefundStateSucceeded,
        RefundState::Failed => Msg::RefundStateFailed,
    }
}

pub fn ticket_status_label(status: TicketStatus) -> Msg {
    match status {
        TicketStatus::Paid => Msg::FineStatusPaid,
        TicketStatus::Rejected => Msg::FineStatusRejected,
        TicketStatus::Processing => Msg::FineStatusProcessing,
        TicketStatus::Unpaid => Msg::FineStatusUnpaid,
    }
}

/// What the staff list says of a ticket: its review when one is due, else its status.
pub fn ticket_label(status: TicketStatus, review: Review) -> Msg {
    if review == Review::Pending {
        Msg::FineStatusPending
    } else {
        ticket_status_label(status)
    }
}

pub fn verification_label(state: Verification) -> Msg {
    match state {
        Verification::Unverified => Msg::StatusUnverified,
        Verification::Pending => Msg::StatusPending,
        Verification::Verified => Msg::StatusVerified,
        Verification::Rejected => Msg::StatusRejected,
    }
}

pub fn declaration_state_label(state: DeclarationState) -> Msg {
    match state {
        DeclarationState::AwaitingPayment => Msg::TaxStateAwaiting,
        DeclarationState::Accepted => Msg::TaxStateAccepted,
        DeclarationState::Rejected => Msg::TaxStateRejected,
    }
}

pub fn submission_kind_label(kind: Kind) -> Msg {
    match kind {
        Kind::Comment => Msg::KindComment,
        Kind::Request => Msg::KindRequest,
        Kind::Complaint => Msg::KindComplaint,
        Kind::Proposal => Msg::KindProposal,
    }
}

pub fn submission_status_label(status: Status) -> Msg {
    match status {
        Status::Submitted => Msg::SubmissionStatusSubmitted,
        Status::UnderReview => Msg::SubmissionStatusUnderReview,
        Status::InProgress => Msg::SubmissionStatusInProgress,
        Status::Answered => Msg::SubmissionStatusAnswered,
        Status::Closed => Msg::SubmissionStatusClosed,
        Status::Rejected => Msg::SubmissionStatusRejected,
    }
}

pub fn import_reason_label(reason: ProblemReason) -> Msg {
    match reason {
        ProblemReason::Columns => Msg::ImportColumns,
        ProblemReason::TicketNumber => Msg::ImportTicketNumber,
        ProblemReason::Number => Msg::ImportNumber,
        ProblemReason::Duplicate => Msg::ImportDuplicate,
        ProblemReason::Municipality => Msg::ImportMunicipality,
        ProblemReason::Type => Msg::ImportType,
        ProblemReason::Plate => Msg::ImportPlate,
        ProblemReason::Date => Msg::ImportDate,
        ProblemReason::FutureDate => Msg::ImportFutureDate,
        ProblemReason::Time => Msg::ImportTime,
        ProblemReason::Amount => Msg::ImportAmount,
        ProblemReason::NegativeAmount => Msg::ImportNegativeAmount,
        ProblemReason::Afm => Msg::ImportAfm,
        ProblemReason::Description => Msg::ImportDescription,
        ProblemReason::State => Msg::ImportState,
        ProblemReason::Reconciled => Msg::FineReconciledSame,
        ProblemReason::Differs => Msg::FinePoliceDiffers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_being_paid_is_not_called_unpaid() {
        assert_eq!(
            ticket_status_label(TicketStatus::Processing),
            Msg::FineStatusProcessing
        );
        assert_ne!(
            ticket_label(TicketStatus::Processing, Review::NotNeeded),
            Msg::FineStatusUnpaid
        );
        assert_eq!(
            ticket_label(TicketStatus::Unpaid, Review::Pending),
            Msg::FineStatusPending
        );
    }
}
