//! Payments: the purposes that can be paid for, the payments as stored and moved through
//! their states, and the receipt e-mail.

mod purpose;
mod receipt_mail;
mod store;

pub use purpose::{fulfil_once, DbFuture, Description, Payer, PaymentPurpose, Purposes};
pub use receipt_mail::{run_due_receipt_mails, run_receipt_job, RECEIPT_MAIL_JOB};
pub(crate) use store::{lock_payment, log_event};
pub use store::{
    open_payment_in, record_received_payment, Payment, PaymentError, Received, Report,
};
