//! Staff's e-mail campaigns: start one (every debtor with open debts of a category, or
//! all, gets their notice by e-mail), follow its progress bar and counts (the page asks
//! again every second where scripts run; a refresh link otherwise), stop or resume it,
//! and download the list of debtors it could not e-mail.

use super::debts::param;
use super::guard::with_role;
use crate::api::campaigns::*;
use crate::components::{ErrorSummary, FormState, PageTitle};
use crate::domain::account::Role;
use crate::domain::campaign::CampaignState;
use crate::domain::time::format_local;
use crate::domain::Lang;
use crate::i18n::labels::campaign_state_label;
use crate::i18n::{t, use_lang, Msg};
use crate::views::campaigns::CampaignView;
use leptos::prelude::*;

const CAMPAIGN_STAFF: &[Role] = &[Role::Clerk, Role::Cashier];

fn category_name(campaign: &CampaignView, lang: Lang) -> String {
    match (lang, &campaign.category_el, &campaign.category_en) {
        (Lang::El, Some(name), _) | (Lang::En, _, Some(name)) => name.clone(),
        _ => t(Msg::CampaignAllCategories).to_owned(),
    }
}

#[component]
pub fn CampaignsPage() -> impl IntoView {
    if let Err(page) = with_role(CAMPAIGN_STAFF) {
        return page;
    }
    let start = ServerAction::<StartCampaign>::new();
    let state = FormState::from_result(start.value().get_untracked());
    view! {
        <PageTitle text=t(Msg::CampaignsTitle) />
        <h1>{t(Msg::CampaignsTitle)}</h1>
        <p>{t(Msg::CampaignsIntro)}</p>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(view) = campaigns().await else {
                    return view! { <super::NotFound /> }.into_any();
                };
                let lang = use_lang();
                let options = view
                    .categories
                    .iter()
                    .map(|c| {
                        let name = match lang {
                            Lang::El => c.name_el.clone(),
                            Lang::En => c.name_en.clone(),
                        };
                        view! { <option value=c.code.clone()>{name}</option> }
                    })
                    .collect_view();
                let rows = view
                    .campaigns
                    .iter()
                    .map(|c| {
                        view! {
                            <tr>
                                <td data-label=t(Msg::CampaignStarted)><a href=format!("/staff/campaigns/{}", c.id)>{format_local(c.created_at_ms, lang)}</a></td>
                                <td data-label=t(Msg::DebtCategory)>{category_name(c, lang)}</td>
                                <td data-label=t(Msg::ColumnStatus)>{t(campaign_state_label(c.state))}</td>
                                <td class="num" data-label=t(Msg::CampaignSent)>{c.counts.sent}</td>
                                <td class="num" data-label=t(Msg::CampaignTotal)>{c.counts.total()}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let list = if view.campaigns.is_empty() {
                    view! { <p>{t(Msg::CampaignNone)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap" tabindex="0" role="region" aria-label=t(Msg::CampaignsListTitle)>
                            <table class="stack-on-phone campaigns">
                                <thead><tr>
                                    <th scope="col">{t(Msg::CampaignStarted)}</th>
                                    <th scope="col">{t(Msg::DebtCategory)}</th>
                                    <th scope="col">{t(Msg::ColumnStatus)}</th>
                                    <th scope="col">{t(Msg::CampaignSent)}</th>
                                    <th scope="col">{t(Msg::CampaignTotal)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    }
                    .into_any()
                };
                view! {
                    <section aria-labelledby="new-campaign">
                        <h2 id="new-campaign">{t(Msg::CampaignNewTitle)}</h2>
                        <ErrorSummary state=state.clone() labels=&[("category", Msg::DebtCategory)] />
                        <ActionForm action=start>
                            <div class="field">
                                <label for="category">{t(Msg::DebtCategory)}</label>
                                <select id="category" name="category">
                                    <option value="">{t(Msg::CampaignAllCategories)}</option>
                                    {options}
                                </select>
                            </div>
                            <p class="hint">{t(Msg::CampaignStartHint)}</p>
                            <button type="submit" class="button">{t(Msg::CampaignStartButton)}</button>
                        </ActionForm>
                    </section>
                    <h2>{t(Msg::CampaignsListTitle)}</h2>
                    {list}
                }
                .into_any()
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
pub fn CampaignPage() -> impl IntoView {
    if let Err(page) = with_role(CAMPAIGN_STAFF) {
        return page;
    }
    let id = param("id");
    let stop = ServerAction::<StopCampaign>::new();
    let resume = ServerAction::<ResumeCampaign>::new();
    let state = FormState::from_result(
        resume
            .value()
            .get_untracked()
            .or(stop.value().get_untracked()),
    );
    view! {
        <PageTitle text=t(Msg::CampaignTitle) />
        <h1>{t(Msg::CampaignTitle)}</h1>
        <ErrorSummary state=state />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let Ok(campaign) = campaign_progress(id).await else {
                    return view! { <super::NotFound /> }.into_any();
                };
                campaign_view_html(campaign, stop, resume)
            })}
        </Suspense>
    }
    .into_any()
}

fn campaign_view_html(
    campaign: CampaignView,
    stop: ServerAction<StopCampaign>,
    resume: ServerAction<ResumeCampaign>,
) -> AnyView {
    let lang = use_lang();
    let counts = campaign.counts;
    let progress_text = Msg::CampaignProgressText
        .text(lang)
        .replace("{handled}", &counts.handled().to_string())
        .replace("{total}", &counts.total().to_string())
        .replace("{percent}", &counts.percent().to_string());
    let active = campaign.state.is_active();
    let id = campaign.id.clone();
    let form_id = campaign.id.clone();
    let controls = match campaign.state {
        CampaignState::Running => Some(view! {
            <ActionForm action=stop>
                <input type="hidden" name="id" value=form_id.clone() />
                <button type="submit" class="button button--warning">{t(Msg::CampaignStopButton)}</button>
            </ActionForm>
        }.into_any()),
        CampaignState::Stopped => Some(view! {
            <ActionForm action=resume>
                <input type="hidden" name="id" value=form_id.clone() />
                <button type="submit" class="button">{t(Msg::CampaignResumeButton)}</button>
            </ActionForm>
        }.into_any()),
        _ => None,
    };
    let failures = counts.failed + counts.no_email;
    view! {
        <dl class="summary">
            <dt>{t(Msg::DebtCategory)}</dt><dd>{category_name(&campaign, lang)}</dd>
            <dt>{t(Msg::CampaignStarted)}</dt><dd>{format_local(campaign.created_at_ms, lang)}</dd>
            <dt>{t(Msg::ColumnStatus)}</dt><dd class="campaign-state">{t(campaign_state_label(campaign.state))}</dd>
        </dl>
        // The script (forms.js) asks for the counts every second while the campaign runs.
        <section class="campaign-progress" aria-labelledby="progress-title" data-campaign=active.then(|| id.clone())>
            <h2 id="progress-title">{t(Msg::CampaignProgress)}</h2>
            <progress id="campaign-bar" max=counts.total().max(1) value=counts.handled() aria-labelledby="progress-title" aria-describedby="campaign-progress-text"></progress>
            <p id="campaign-progress-text" class="progress-text" data-text=Msg::CampaignProgressText.text(lang)>{progress_text}</p>
            <dl class="summary campaign-counts">
                <dt>{t(Msg::CampaignQueued)}</dt><dd class="queued">{counts.queued}</dd>
                <dt>{t(Msg::CampaignSent)}</dt><dd class="sent">{counts.sent}</dd>
                <dt>{t(Msg::CampaignFailed)}</dt><dd class="failed">{counts.failed}</dd>
                <dt>{t(Msg::CampaignNoEmail)}</dt><dd class="no-email">{counts.no_email}</dd>
            </dl>
            {active.then(|| view! { <p class="campaign-refresh"><a href=format!("/staff/campaigns/{id}")>{t(Msg::CampaignRefresh)}</a></p> })}
        </section>
        {controls}
        {(failures > 0).then(|| view! {
            <p><a href=format!("/staff/campaigns/{}/failures.csv", campaign.id) download="">{t(Msg::CampaignFailuresExport)}</a></p>
        })}
        <p><a href="/staff/campaigns">{t(Msg::CampaignsTitle)}</a></p>
    }
    .into_any()
}
