//! The words for the domain's states, kinds and decisions, and for money: one place, so a
//! new state is a compile error here rather than a silent fallback on some page.

use super::{use_lang, Msg};
use crate::domain::account::Verification;
use crate::domain::debt::{DebtKind, DebtState};
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

/// The label of a form field by its name, for the error summary ("Plate: …"). A name used
/// by several forms gets the label they share (`email`: the e-mail address).
pub fn field_label(field: &str) -> Option<Msg> {
    Some(match field {
        "activity" => Msg::FieldActivity,
        "address" => Msg::FieldAddress,
        "afm" | "warrant_afm" => Msg::FieldAfm,
        "amount" => Msg::ColumnAmount,
        "auth_code" => Msg::CounterAuthCode,
        "business" => Msg::TaxBusinessSearch,
        "category" => Msg::TaxCategory,
        "category_rate" | "rate" => Msg::TaxRatePercent,
        "certified_on" => Msg::TaxCertifiedOn,
        "check_code" => Msg::ReceiptCheckCode,
        "code" => Msg::TaxCategoryCode,
        "current" => Msg::FieldCurrentPassword,
        "date" => Msg::FieldOffenceDate,
        "debt_number" => Msg::TaxDebtNumber,
        "debtor_name" => Msg::DebtorName,
        "debts" => Msg::DebtsOpenTitle,
        "department" => Msg::FieldDepartment,
        "description" | "warrant_description" => Msg::TaxDescription,
        "desired_action" => Msg::FieldDesiredAction,
        "due_date" => Msg::TaxDueDate,
        "email" => Msg::FieldEmail,
        "father_name" => Msg::FieldFatherName,
        "fine_cap" => Msg::TaxFineCap,
        "fine_percent" => Msg::TaxFinePerMonth,
        "from" => Msg::InboxFrom,
        "full_name" => Msg::FieldFullName,
        "interest_percent" => Msg::TaxInterestPerMonth,
        "kind" => Msg::FieldKind,
        "legal_form" => Msg::FieldLegalForm,
        "max" => Msg::CashierMaxAmount,
        "min" => Msg::CashierMinAmount,
        "municipality_code" => Msg::FieldMunicipalityCode,
        "name" => Msg::FieldBusinessName,
        "name_el" => Msg::DepartmentNameEl,
        "name_en" => Msg::DepartmentNameEn,
        "note" => Msg::FieldNote,
        "password" => Msg::FieldPassword,
        "password_confirm" => Msg::FieldPasswordConfirm,
        "payer" => Msg::CashierPayer,
        "period" => Msg::TaxPeriodNumber,
        "phone" => Msg::FieldPhone,
        "plate" => Msg::FieldPlate,
        "principal" => Msg::FinePrincipal,
        "q" => Msg::InboxSearch,
        "reason" => Msg::RefundReason,
        "reference" => Msg::DebtReference,
        "cancel_reason" => Msg::DebtCancelReason,
        "response" => Msg::FieldResponse,
        "revenue" => Msg::TaxRevenue,
        "role" => Msg::FieldRole,
        "settings_from" | "valid_from" => Msg::CatalogueValidFrom,
        "subject" => Msg::FieldSubject,
        "text" => Msg::FieldText,
        "ticket_number" => Msg::FieldTicketNumber,
        "ticket_type" => Msg::FieldTicketType,
        "time" => Msg::FieldOffenceTime,
        "to" => Msg::InboxTo,
        "vat_filed_on" => Msg::TaxVatFiledOn,
        "vat_period" => Msg::FieldVatPeriod,
        "warrant_date" => Msg::WarrantDate,
        "warrant_number" => Msg::WarrantNumber,
        "year" => Msg::TaxYear,
        _ => return None,
    })
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
        PurposeKind::Debts => Msg::PurposeDebts,
        PurposeKind::Notice => Msg::PurposeNotice,
        PurposeKind::Test => Msg::PurposeTest,
    }
}

/// The link back to what a payment paid for.
pub fn purpose_return_label(kind: PurposeKind) -> Msg {
    match kind {
        PurposeKind::Fine => Msg::PaymentFineLink,
        PurposeKind::Tax => Msg::PaymentTaxLink,
        PurposeKind::Debts => Msg::PaymentDebtsLink,
        PurposeKind::Notice => Msg::PaymentNoticeLink,
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

pub fn debt_kind_label(kind: DebtKind) -> Msg {
    match kind {
        DebtKind::Certified => Msg::DebtKindCertified,
        DebtKind::InSettlement => Msg::DebtKindSettlement,
        DebtKind::Uncertified => Msg::DebtKindUncertified,
        DebtKind::AssessmentNote => Msg::DebtKindAssessmentNote,
        DebtKind::Fee => Msg::DebtKindFee,
    }
}

pub fn debt_state_label(state: DebtState) -> Msg {
    match state {
        DebtState::Open => Msg::DebtStateOpen,
        DebtState::PartlyPaid => Msg::DebtStatePartlyPaid,
        DebtState::Paid => Msg::DebtStatePaid,
        DebtState::InSettlement => Msg::DebtStateInSettlement,
        DebtState::Cancelled => Msg::DebtStateCancelled,
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
        ProblemReason::DebtKind => Msg::ImportDebtKind,
        ProblemReason::Category => Msg::ImportCategory,
        ProblemReason::Name => Msg::ImportDebtorName,
        ProblemReason::Reconciled => Msg::FineReconciledSame,
        ProblemReason::Differs => Msg::FinePoliceDiffers,
        ProblemReason::Rf => Msg::ImportRf,
        ProblemReason::RfTaken => Msg::ImportRfTaken,
        ProblemReason::UnknownDebt => Msg::ImportUnknownDebt,
        ProblemReason::DebtClosed => Msg::ImportDebtClosed,
    }
}

#[cfg(test)]
mod field_tests {
    use super::field_label;

    /// Every field a page renders (`name="…"` on a Field, TextArea or Choice) has a label the
    /// error summary can name it by.
    #[test]
    fn every_form_field_has_a_label_for_the_error_summary() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let (mut missing, mut checked) = (Vec::new(), 0);
        for folder in ["pages", "components"] {
            for entry in std::fs::read_dir(root.join(folder)).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                for piece in text.split("name=\"").skip(1) {
                    let name = piece.split('"').next().unwrap_or("");
                    let is_field = piece
                        .split('>')
                        .next()
                        .unwrap_or("")
                        .contains(" label=Msg::");
                    checked += usize::from(is_field);
                    if is_field && field_label(name).is_none() {
                        missing.push(name.to_owned());
                    }
                }
            }
        }
        assert!(missing.is_empty(), "fields without a label: {missing:?}");
        assert!(checked > 40, "only {checked} fields read");
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

pub fn notice_shown_label(shown: crate::domain::notice::NoticeShown) -> Msg {
    use crate::domain::notice::NoticeShown;
    match shown {
        NoticeShown::Open => Msg::NoticeStateOpen,
        NoticeShown::Paid => Msg::NoticeStatePaid,
        NoticeShown::Replaced => Msg::NoticeStateReplaced,
        NoticeShown::Expired => Msg::NoticeStateExpired,
        NoticeShown::Cancelled => Msg::NoticeStateCancelled,
    }
}

pub fn queue_reason_label(reason: crate::domain::bank::QueueReason) -> Msg {
    use crate::domain::bank::QueueReason;
    match reason {
        QueueReason::UnknownRf => Msg::QueueUnknownRf,
        QueueReason::MalformedRf => Msg::QueueMalformedRf,
        QueueReason::AlreadyPaid => Msg::QueueAlreadyPaid,
        QueueReason::Expired => Msg::QueueExpired,
        QueueReason::Replaced => Msg::QueueReplaced,
        QueueReason::Cancelled => Msg::QueueCancelled,
        QueueReason::Short => Msg::QueueShort,
        QueueReason::Over => Msg::QueueOver,
        QueueReason::NotEuro => Msg::QueueNotEuro,
        QueueReason::Reversal => Msg::QueueReversal,
        QueueReason::Debit => Msg::QueueDebit,
    }
}

pub fn payment_method_label(method: crate::domain::payment::PaymentMethod) -> Msg {
    use crate::domain::payment::PaymentMethod;
    match method {
        PaymentMethod::Card => Msg::ReceiptMethodCard,
        PaymentMethod::BankTransfer => Msg::ReceiptMethodBankTransfer,
        PaymentMethod::Pos => Msg::ReceiptMethodPos,
    }
}

pub fn resolution_label(resolution: crate::domain::bank::Resolution) -> Msg {
    use crate::domain::bank::Resolution;
    match resolution {
        Resolution::Assigned => Msg::ResolutionAssigned,
        Resolution::Partial => Msg::ResolutionPartial,
        Resolution::Refund => Msg::ResolutionRefund,
        Resolution::Dismissed => Msg::ResolutionDismissed,
    }
}

pub fn transfer_state_label(state: crate::views::bank::TransferState) -> Msg {
    use crate::views::bank::TransferState;
    match state {
        TransferState::Paid => Msg::TransferStatePaid,
        TransferState::Queued => Msg::TransferStateQueued,
        TransferState::Resolved => Msg::TransferStateResolved,
    }
}

pub fn campaign_state_label(state: crate::domain::campaign::CampaignState) -> Msg {
    use crate::domain::campaign::CampaignState;
    match state {
        CampaignState::Running => Msg::CampaignStateRunning,
        CampaignState::Stopping => Msg::CampaignStateStopping,
        CampaignState::Stopped => Msg::CampaignStateStopped,
        CampaignState::Done => Msg::CampaignStateDone,
    }
}
