//! How much work waits in each staff queue (the counts of the staff home).

use super::Db;
use crate::domain::work::WorkItem;

/// Open submissions: not yet answered, closed or rejected.
const OPEN: &str = "status NOT IN ('answered', 'closed', 'rejected')";

impl Db {
    /// How many items wait in `item`'s queue; `department` is the clerk's, for their queue.
    pub async fn work_count(
        &self,
        item: WorkItem,
        department: Option<&str>,
    ) -> Result<i64, sqlx::Error> {
        let sql = match item {
            WorkItem::NewSubmissions => {
                "SELECT COUNT(*) FROM submissions WHERE status = 'submitted' AND spam = 0"
                    .to_owned()
            }
            WorkItem::MyDepartment => {
                let Some(department) = department else {
                    return Ok(0);
                };
                return sqlx::query_scalar(&format!(
                    "SELECT COUNT(*) FROM submissions WHERE department = $1 AND {OPEN}"
                ))
                .bind(department)
                .fetch_one(self.pool())
                .await;
            }
            WorkItem::ProtocolToRegister => format!(
                "SELECT COUNT(*) FROM submissions WHERE kind <> 'comment' \
                 AND protocol_state = 'none' AND {OPEN}"
            ),
            WorkItem::ProtocolWaiting => {
                "SELECT COUNT(*) FROM submissions WHERE protocol_state = 'awaiting'".to_owned()
            }
            WorkItem::TicketsToReview => {
                "SELECT COUNT(*) FROM fines WHERE review = 'pending'".to_owned()
            }
            WorkItem::Verifications => {
                "SELECT (SELECT COUNT(*) FROM users WHERE verification = 'pending') \
                 + (SELECT COUNT(*) FROM businesses WHERE verification = 'pending')"
                    .to_owned()
            }
            WorkItem::PaidTwice => format!(
                "SELECT COUNT(*) FROM payments p WHERE p.paid_twice = 1 AND {}",
                super::cashier::NOT_FULLY_REFUNDED
            ),
            WorkItem::RefundsPending => {
                "SELECT COUNT(*) FROM payment_refunds WHERE state = 'pending'".to_owned()
            }
        };
        sqlx::query_scalar::<_, i64>(&sql)
            .fetch_one(self.pool())
            .await
    }
}
