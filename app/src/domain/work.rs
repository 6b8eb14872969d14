//! What waits for the staff: the kinds of work each role's home counts and links to.

use super::account::Role;

text_enum! {
    /// A queue of work a staff home shows with its count.
    pub enum WorkItem {
        /// Submissions nobody has looked at yet (comments, requests, complaints, proposals).
        NewSubmissions = "new_submissions",
        /// Open submissions routed to the clerk's own department.
        MyDepartment = "my_department",
        /// Named submissions not yet given a protocol number.
        ProtocolToRegister = "protocol_to_register",
        /// Sent to the protocol service, no number back yet.
        ProtocolWaiting = "protocol_waiting",
        /// Tickets citizens registered that staff must confirm or reject.
        TicketsToReview = "tickets_to_review",
        /// People and businesses asking to be verified.
        Verifications = "verifications",
        /// Payments that arrived twice and are not refunded yet.
        PaidTwice = "paid_twice",
        /// Refunds asked of the bank, not confirmed yet.
        RefundsPending = "refunds_pending",
    }
}

impl WorkItem {
    /// The work a role's home shows, most urgent first.
    pub fn for_role(role: Role) -> &'static [WorkItem] {
        use WorkItem::*;
        match role {
            Role::Clerk => &[
                NewSubmissions,
                MyDepartment,
                ProtocolToRegister,
                ProtocolWaiting,
                Verifications,
                TicketsToReview,
            ],
            Role::Cashier => &[PaidTwice, RefundsPending, TicketsToReview],
            Role::Admin | Role::Citizen => &[],
        }
    }

    /// The list that shows this work, filtered to it.
    pub fn href(self) -> &'static str {
        use WorkItem::*;
        match self {
            NewSubmissions => "/staff/inbox?status=submitted",
            MyDepartment => "/staff/inbox?department=mine",
            ProtocolToRegister => "/staff/inbox?protocol=none",
            ProtocolWaiting => "/staff/inbox?protocol=awaiting",
            TicketsToReview => "/staff/fines?status=pending",
            Verifications => "/staff/verifications",
            PaidTwice => "/staff/payments?attention=paid_twice",
            RefundsPending => "/staff/payments?attention=refund_pending",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_queue_belongs_to_a_role_that_can_open_its_list() {
        for item in WorkItem::ALL {
            let roles: Vec<Role> = [Role::Clerk, Role::Cashier, Role::Admin]
                .into_iter()
                .filter(|r| WorkItem::for_role(*r).contains(item))
                .collect();
            assert!(!roles.is_empty(), "{item:?} is shown to nobody");
            assert!(item.href().starts_with("/staff/"));
        }
    }
}
