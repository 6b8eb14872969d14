//! Server functions of e-mail campaigns: the list and a new campaign's choices, one
//! campaign's progress (the page asks for it again while it runs), start, stop, resume.
//! The failures' CSV is a plain route (`/staff/campaigns/{id}/failures.csv`).

use crate::error::AppError;
use crate::views::campaigns::{CampaignView, CampaignsView};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::context::*,
    crate::auth::{require, Need},
    crate::backend::audit::Actor,
    crate::backend::campaigns::CampaignError,
    crate::domain::account::Role,
    crate::error::FormErrors,
    crate::i18n::{use_lang, Msg},
};

#[cfg(feature = "ssr")]
const CAMPAIGN_STAFF: Need = Need::AnyRole(&[Role::Clerk, Role::Cashier]);

/// Longest id taken from a request.
#[cfg(feature = "ssr")]
const MAX_ID_CHARS: usize = 64;

/// Campaigns a page lists (newest first).
#[cfg(feature = "ssr")]
const LISTED: i64 = 20;

/// The campaigns so far and the categories a new one may choose.
#[server(endpoint = "campaigns")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn campaigns() -> Result<CampaignsView, AppError> {
    require(CAMPAIGN_STAFF)?;
    let db = db()?;
    Ok(CampaignsView {
        campaigns: db.campaigns(LISTED).await.map_err(internal)?,
        categories: db.debt_categories().await.map_err(internal)?,
    })
}

/// One campaign and how far it is.
#[server(endpoint = "campaign_progress")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn campaign_progress(id: String) -> Result<CampaignView, AppError> {
    require(CAMPAIGN_STAFF)?;
    if id.len() > MAX_ID_CHARS {
        return Err(AppError::NotFound);
    }
    db()?
        .campaign(&id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)
}

/// Starts e-mailing every debtor with open debts of `category` ('' for all) their notice.
#[server(endpoint = "start_campaign")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn start_campaign(#[server(default)] category: String) -> Result<(), AppError> {
    let user = require(CAMPAIGN_STAFF)?;
    let lang = use_lang();
    if use_context::<std::sync::Arc<crate::backend::notices::NoticeSettings>>().is_none() {
        return Err(AppError::Conflict(Msg::ErrNoticesOff.text(lang).into()));
    }
    let category = category.trim();
    if category.len() > MAX_ID_CHARS {
        return Err(AppError::NotFound);
    }
    let chosen = (!category.is_empty()).then_some(category);
    let id = db()?
        .start_campaign(chosen, &Actor::User(user.id))
        .await
        .map_err(|e| match e {
            CampaignError::Running => AppError::Conflict(Msg::ErrCampaignRunning.text(lang).into()),
            CampaignError::Category => {
                let mut errors = FormErrors::default();
                errors.add("category", Msg::ErrDebtCategory.text(lang));
                AppError::Validation(errors)
            }
            CampaignError::Db(e) => internal(e),
        })?;
    redirect_local(&format!("/staff/campaigns/{id}"));
    Ok(())
}

/// Asks a running campaign to stop (messages under way finish).
#[server(endpoint = "stop_campaign")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn stop_campaign(id: String) -> Result<(), AppError> {
    let user = require(CAMPAIGN_STAFF)?;
    if id.len() > MAX_ID_CHARS {
        return Err(AppError::NotFound);
    }
    let db = db()?;
    db.campaign(&id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    db.stop_campaign(&id, &Actor::User(user.id))
        .await
        .map_err(internal)?;
    redirect_local(&format!("/staff/campaigns/{id}"));
    Ok(())
}

/// Resumes a stopped campaign where it stopped.
#[server(endpoint = "resume_campaign")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all))]
pub async fn resume_campaign(id: String) -> Result<(), AppError> {
    let user = require(CAMPAIGN_STAFF)?;
    if id.len() > MAX_ID_CHARS {
        return Err(AppError::NotFound);
    }
    let db = db()?;
    db.campaign(&id)
        .await
        .map_err(internal)?
        .ok_or(AppError::NotFound)?;
    if !db
        .resume_campaign(&id, &Actor::User(user.id))
        .await
        .map_err(internal)?
    {
        return Err(AppError::Conflict(
            Msg::ErrCampaignRunning.text(use_lang()).into(),
        ));
    }
    redirect_local(&format!("/staff/campaigns/{id}"));
    Ok(())
}
