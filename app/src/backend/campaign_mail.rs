//! The campaign sender: a background task that e-mails each debtor of the running campaign
//! their notice — a live notice holding all their open debts (of the campaign's category)
//! is sent again, otherwise a new one is issued — with its PDF, in their language when
//! known. Throttled to a rate, a few messages under way at once, temporary failures tried
//! again with backoff, and at most one message per debtor per campaign: a debtor is taken
//! (leased) before the message goes, so a crash mid-message is reported, never repeated.

use super::campaign_notices::{batch_notice, BatchNotice, Changed, OpenDebt};
use super::campaigns::{ActiveCampaign, Recipient, RecipientOutcome};
use super::mailer::{Attachment, Email, SharedMailer};
use super::notice_pdf::{notice_pdf, NoticeIssuer};
use super::notices::{notice_code, NoticeError, NoticeRequest, NoticeSettings};
use super::{now_ms, Db};
use crate::domain::campaign::{retry_after_ms, CampaignState};
use crate::domain::notice::NoticeSource;
use crate::domain::time::format_iso_date;
use crate::domain::Lang;
use crate::i18n::Msg;
use crate::site::SiteInfo;
use crate::views::notices::NoticeDoc;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinSet;

/// The sender and what it needs besides the database.
#[derive(Clone)]
pub struct CampaignSender {
    pub db: Db,
    pub mailer: SharedMailer,
    pub notices: Arc<NoticeSettings>,
    pub site: Arc<SiteInfo>,
    /// Messages started per second, at most.
    pub per_second: u32,
    /// Messages under way at once, at most.
    pub at_once: usize,
}

/// A debtor's notice as printed, with its id, or why there is none.
type Prepared = Result<(NoticeDoc, String), ComposeError>;

/// How a batch's sending ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Finished {
    /// Every debtor of the batch was started.
    All,
    /// A stop was asked: the debtors not started went back to the queue.
    Stopped,
}

/// Why one debtor's message could not be made.
#[derive(Debug, thiserror::Error)]
enum ComposeError {
    /// The debts were paid or cancelled since the campaign started.
    #[error("nothing is owed any more")]
    NothingOwed,
    #[error("the notice could not be issued: {0}")]
    Notice(String),
    #[error("the PDF could not be made")]
    Pdf,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl CampaignSender {
    /// Works until `stop` turns true: the messages under way then finish, the debtors taken
    /// but not started go back to the queue, and it returns.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        while !*stop.borrow() {
            match self.round(&stop).await {
                Ok(true) => {}
                Ok(false) => {
                    tokio::select! {
                        _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                        _ = stop.changed() => {}
                    }
                }
                Err(error) => {
                    tracing::warn!(%error, "campaign round failed; trying again shortly");
                    tokio::time::sleep(Duration::from_secs(3)).await;
                }
            }
        }
    }

    /// One round: reports messages cut short earlier, settles a campaign with nothing
    /// left, or sends the running campaign's due debtors batch after batch. `true` when it
    /// did some work.
    pub async fn round(&self, stop: &watch::Receiver<bool>) -> Result<bool, sqlx::Error> {
        let now = now_ms();
        // Only a running or stopping campaign can have messages under way: an idle server
        // writes nothing here.
        let Some(campaign) = self.db.active_campaign().await? else {
            return Ok(false);
        };
        let interrupted = self.db.report_interrupted(&campaign.id, now).await?;
        if interrupted > 0 {
            tracing::warn!(
                interrupted,
                "campaign messages cut short are reported, not resent"
            );
        }
        if campaign.state == CampaignState::Stopping {
            return self.db.settle_campaign(&campaign.id, now).await;
        }
        let Some(mut batch) = self.next_batch(&campaign).await? else {
            return self.db.settle_campaign(&campaign.id, now).await;
        };
        // While one batch is sent the next is taken and its notices prepared, so the
        // database's work and the mail server's overlap instead of taking turns.
        loop {
            let (sent, next) = tokio::join!(
                self.send_batch(&campaign, batch, stop),
                self.next_batch(&campaign)
            );
            let next = match (sent, next) {
                (Ok(Finished::All), Ok(next)) if !*stop.borrow() => next,
                (sent, next) => {
                    // Stopped, or a failure on one side: the batch taken ahead goes back
                    // (one that failed to be prepared went back already), and a failure is
                    // reported, so the sender waits before its next round.
                    let ahead = match next {
                        Ok(Some(ahead)) => {
                            let afms: Vec<String> = ahead.into_iter().map(|(r, _)| r.afm).collect();
                            self.db.release_recipients(&campaign.id, &afms).await
                        }
                        Ok(None) => Ok(()),
                        Err(error) => Err(error),
                    };
                    sent?;
                    ahead?;
                    return Ok(true);
                }
            };
            match next {
                Some(next) => batch = next,
                // Nothing more is due now: the next round settles the campaign or waits.
                None => return Ok(true),
            }
        }
    }

    /// Takes the next batch of due debtors and prepares their notices; `None` when no
    /// debtor is due.
    async fn next_batch(
        &self,
        campaign: &ActiveCampaign,
    ) -> Result<Option<Vec<(Recipient, Prepared)>>, sqlx::Error> {
        // About four seconds of work at a time: a stop is seen within that.
        let batch_size = i64::from(self.per_second.clamp(1, 50)) * 4;
        let batch = self
            .db
            .claim_recipients(&campaign.id, now_ms(), batch_size)
            .await?;
        if batch.is_empty() {
            return Ok(None);
        }
        let mut prepared = match self.prepare(campaign, &batch).await {
            Ok(prepared) => prepared,
            Err(error) => {
                // The database failed us, not the debtors: they wait for their turn again.
                let afms: Vec<String> = batch.into_iter().map(|r| r.afm).collect();
                self.db.release_recipients(&campaign.id, &afms).await?;
                return Err(error);
            }
        };
        Ok(Some(
            batch
                .into_iter()
                .map(|recipient| {
                    let notice = prepared
                        .remove(&recipient.afm)
                        .unwrap_or(Err(ComposeError::NothingOwed));
                    (recipient, notice)
                })
                .collect(),
        ))
    }

    /// Each debtor's notice for the batch — their live one, or one issued for them, the
    /// batch's issued together — as printed today: read and written before any message
    /// leaves, in a few statements for the whole batch (`campaign_notices`).
    async fn prepare(
        &self,
        campaign: &ActiveCampaign,
        batch: &[Recipient],
    ) -> Result<HashMap<String, Prepared>, sqlx::Error> {
        let today = super::today();
        // A debtor with no address gets nothing, not even a notice.
        let afms: Vec<&str> = batch
            .iter()
            .filter(|r| r.email.is_some())
            .map(|r| r.afm.as_str())
            .collect();
        let open = self
            .db
            .open_debts_of(&afms, campaign.category.as_deref())
            .await?;
        let mut notice_ids: HashMap<String, Result<String, ComposeError>> = HashMap::new();
        let mut to_issue: Vec<(&str, &[OpenDebt])> = Vec::new();
        for afm in &afms {
            let debts = open.get(*afm).map(Vec::as_slice).unwrap_or_default();
            match batch_notice(debts, today) {
                BatchNotice::Live(id) => {
                    notice_ids.insert((*afm).to_owned(), Ok(id));
                }
                BatchNotice::Issue(_) => to_issue.push((afm, debts)),
                BatchNotice::NothingOwed => {
                    notice_ids.insert((*afm).to_owned(), Err(ComposeError::NothingOwed));
                }
            }
        }
        match self
            .db
            .issue_batch_notices(&self.notices, &to_issue, &campaign.actor, today)
            .await
        {
            Ok(Ok(issued)) => {
                for (afm, id) in issued {
                    notice_ids.insert(afm, Ok(id));
                }
            }
            // A debt changed since it was read: each debtor's notice on its own, as then.
            Ok(Err(Changed)) => {
                for (afm, _) in &to_issue {
                    let id = match self.notice_for(campaign, afm).await {
                        Err(ComposeError::Db(error)) => return Err(error),
                        other => other,
                    };
                    notice_ids.insert((*afm).to_owned(), id);
                }
            }
            Err(NoticeError::Db(error)) => return Err(error),
            Err(other) => {
                for (afm, _) in &to_issue {
                    notice_ids.insert(
                        (*afm).to_owned(),
                        Err(ComposeError::Notice(format!("{other:?}"))),
                    );
                }
            }
        }
        let ids: Vec<&str> = notice_ids
            .values()
            .filter_map(|id| id.as_deref().ok())
            .collect();
        let mut docs = self.db.notice_docs(&self.notices, &ids, today).await?;
        Ok(notice_ids
            .into_iter()
            .map(|(afm, id)| {
                let prepared = id.and_then(|id| {
                    docs.remove(&id)
                        .map(|doc| (doc, id))
                        .ok_or(ComposeError::NothingOwed)
                });
                (afm, prepared)
            })
            .collect())
    }

    async fn send_batch(
        &self,
        campaign: &ActiveCampaign,
        batch: Vec<(Recipient, Prepared)>,
        stop: &watch::Receiver<bool>,
    ) -> Result<Finished, sqlx::Error> {
        let mut tick = tokio::time::interval(Duration::from_secs(1) / self.per_second.max(1));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut under_way = JoinSet::new();
        let mut waiting = batch.into_iter();
        let mut started = 0usize;
        let mut left_over = Vec::new();
        let mut finished = Finished::All;
        let mut checked = std::time::Instant::now();
        while let Some((recipient, notice)) = waiting.next() {
            // Stop asked (by staff, or the server shutting down): staff's is read from the
            // database at a batch's start, then every second or twenty messages.
            let look = started.is_multiple_of(20) || checked.elapsed() >= Duration::from_secs(1);
            if look {
                checked = std::time::Instant::now();
            }
            let stopping = *stop.borrow()
                || (look
                    && self.db.campaign_state(&campaign.id).await? != Some(CampaignState::Running));
            if stopping {
                finished = Finished::Stopped;
                left_over.push(recipient.afm);
                left_over.extend(waiting.map(|(r, _)| r.afm));
                break;
            }
            tick.tick().await;
            while under_way.len() >= self.at_once.max(1) {
                under_way.join_next().await;
            }
            let (sender, campaign) = (self.clone(), campaign.clone());
            under_way.spawn(async move { sender.deliver(&campaign, recipient, notice).await });
            started += 1;
        }
        self.db.release_recipients(&campaign.id, &left_over).await?;
        while let Some(done) = under_way.join_next().await {
            if let Ok(Err(error)) = done {
                tracing::warn!(%error, "a campaign message's outcome was not recorded");
            }
        }
        Ok(finished)
    }

    /// Makes and sends one debtor's message and records what became of it.
    async fn deliver(
        &self,
        campaign: &ActiveCampaign,
        recipient: Recipient,
        notice: Prepared,
    ) -> Result<(), sqlx::Error> {
        let composed = match notice {
            Ok((doc, notice_id)) => self.compose(campaign, &recipient, doc, notice_id).await,
            Err(error) => Err(error),
        };
        let now = now_ms();
        let attempts = recipient.attempts + 1;
        let outcome_error: String;
        let outcome = match composed {
            Ok((email, notice_id)) => match self.mailer.send(&email).await {
                Ok(()) => {
                    return self
                        .db
                        .recipient_outcome(
                            &campaign.id,
                            &recipient.afm,
                            RecipientOutcome::Sent {
                                notice_id: &notice_id,
                            },
                            now_ms(),
                        )
                        .await;
                }
                Err(error) => {
                    outcome_error = error.server_reply().unwrap_or_else(|| error.to_string());
                    match retry_after_ms(attempts, error.is_temporary()) {
                        Some(wait) => RecipientOutcome::Retry {
                            error: &outcome_error,
                            at_ms: now + wait,
                        },
                        None => RecipientOutcome::Failed {
                            error: &outcome_error,
                        },
                    }
                }
            },
            Err(ComposeError::Db(error)) => {
                // The database failed us, not the debtor: try again later.
                outcome_error = error.to_string();
                match retry_after_ms(attempts, true) {
                    Some(wait) => RecipientOutcome::Retry {
                        error: &outcome_error,
                        at_ms: now + wait,
                    },
                    None => RecipientOutcome::Failed {
                        error: &outcome_error,
                    },
                }
            }
            Err(other) => {
                outcome_error = other.to_string();
                RecipientOutcome::Failed {
                    error: &outcome_error,
                }
            }
        };
        self.db
            .recipient_outcome(&campaign.id, &recipient.afm, outcome, now_ms())
            .await
    }

    /// The debtor's notice (reused or issued) as an e-mail with its PDF.
    async fn compose(
        &self,
        campaign: &ActiveCampaign,
        recipient: &Recipient,
        doc: NoticeDoc,
        notice_id: String,
    ) -> Result<(Email, String), ComposeError> {
        let Some(to) = recipient.email.clone() else {
            return Err(ComposeError::NothingOwed);
        };
        let lang = Lang::from_code(&recipient.lang).unwrap_or_default();
        let (settings, site, for_pdf) = (self.notices.clone(), self.site.clone(), doc.clone());
        // Typesetting is CPU work: off the async workers.
        let pdf = tokio::task::spawn_blocking(move || {
            let code = notice_code(&settings, &for_pdf);
            let issuer = NoticeIssuer {
                name: site.municipality_name(lang),
                address: &site.municipality_address,
            };
            notice_pdf(&for_pdf, &issuer, code.as_ref(), lang)
        })
        .await
        .map_err(|_| ComposeError::Pdf)?
        .map_err(|_| ComposeError::Pdf)?;
        let number = doc
            .row
            .number
            .map(|n| n.to_string())
            .unwrap_or_else(|| doc.row.rf.clone());
        let municipality = self.site.municipality_name(lang);
        let fill = |msg: Msg| {
            msg.text(lang)
                .replace("{number}", &number)
                .replace("{municipality}", municipality)
                .replace("{name}", &doc.debtor_name)
                .replace("{amount}", &doc.row.amount.format(lang))
                .replace("{rf}", &doc.row.rf)
                .replace("{pay_by}", &format_iso_date(&doc.row.pay_by, lang))
                .replace(
                    "{link}",
                    &format!("{}/notices/{notice_id}", self.site.public_base_url),
                )
        };
        let email = Email {
            to,
            subject: fill(Msg::MailNoticeSubject),
            body: fill(Msg::MailNoticeBody),
            // The same message if it is ever sent again: mail clients show it once.
            key: Some(format!("campaign-{}-{}", campaign.id, recipient.afm)),
            attachments: vec![Attachment {
                file_name: format!("notice-{}.pdf", number.replace(' ', "")),
                content_type: "application/pdf",
                bytes: pdf,
            }],
        };
        Ok((email, notice_id))
    }

    /// A live notice holding all the debtor's open debts of the campaign's category (at
    /// most a notice's worth, oldest first), or a new one for them: one debtor's, when the
    /// batch's could not be issued together.
    async fn notice_for(
        &self,
        campaign: &ActiveCampaign,
        afm: &str,
    ) -> Result<String, ComposeError> {
        let mut open = self
            .db
            .open_debts_of(&[afm], campaign.category.as_deref())
            .await?;
        let debts = open.remove(afm).unwrap_or_default();
        let ids = match batch_notice(&debts, super::today()) {
            BatchNotice::Live(id) => return Ok(id),
            BatchNotice::Issue(ids) => ids,
            BatchNotice::NothingOwed => return Err(ComposeError::NothingOwed),
        };
        self.db
            .create_notice(
                &self.notices,
                NoticeRequest {
                    afm,
                    source: NoticeSource::Staff,
                    actor: &campaign.actor,
                    on: super::today(),
                },
                &ids,
            )
            .await
            .map_err(|e| ComposeError::Notice(format!("{e:?}")))
    }
}
