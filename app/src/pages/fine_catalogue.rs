//! The admin's ticket-type catalogue: every version with its amount and date rules, and the
//! form that adds a version from a date.

use super::guard::{query, with_role};
use crate::api::fine_catalogue::*;
use crate::components::PageTitle;
use crate::components::{ErrorSummary, Field, FormState, Notice};
use crate::domain::account::Role;
use crate::i18n::{t, use_lang, Msg};
use leptos::prelude::*;

#[component]
pub fn FineCataloguePage() -> impl IntoView {
    if let Err(page) = with_role(&[Role::Admin]) {
        return page;
    }
    let action = ServerAction::<AddFineType>::new();
    let state = FormState::from_result(action.value().get_untracked());
    let typed = state.clone();
    let field = move |name: &'static str, label: Msg, default: &str| {
        let (error, value) = (
            typed.error(name),
            typed.value(name).unwrap_or_else(|| default.to_owned()),
        );
        view! { <Field name=name label=label autocomplete="off" error=error value=Some(value) /> }
    };
    view! {
        <PageTitle text=t(Msg::CatalogueTitle) />
        <h1>{t(Msg::CatalogueTitle)}</h1>
        {query("saved").map(|_| view! { <Notice msg=Msg::CatalogueSaved /> })}
        <p>{t(Msg::CatalogueIntro)}</p>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let rows = fine_catalogue()
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .map(|v| {
                        let lang = use_lang();
                        let description = match lang {
                            crate::domain::Lang::El => v.description_el.clone(),
                            crate::domain::Lang::En => v.description_en.clone(),
                        };
                        let rules = format!(
                            "−{}% ≤ {}d · +{}% > {}d · ≤ {}d",
                            v.discount_percent, v.discount_days, v.surcharge_percent, v.surcharge_after_days, v.max_age_days
                        );
                        view! {
                            <tr>
                                <td>{v.code.clone()}</td>
                                <td class="nowrap">{crate::domain::time::format_iso_date(&v.valid_from, crate::i18n::use_lang())}</td>
                                <td>{description}</td>
                                <td class="num nowrap">{v.amount.format(lang)}</td>
                                <td>{if v.payable.is_set() { t(Msg::CataloguePayableYes) } else { t(Msg::CataloguePayableNo) }}</td>
                                <td class="nowrap">{rules}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{t(Msg::CatalogueCode)}</th>
                                    <th scope="col">{t(Msg::CatalogueValidFrom)}</th>
                                    <th scope="col">{t(Msg::FieldTicketType)}</th>
                                    <th scope="col">{t(Msg::ColumnAmount)}</th>
                                    <th scope="col">{t(Msg::CataloguePayable)}</th>
                                    <th scope="col">{t(Msg::CatalogueRules)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
            })}
        </Suspense>
        <h2>{t(Msg::CatalogueAdd)}</h2>
        <ErrorSummary state=state.clone() />
        <ActionForm action=action>
            {field("code", Msg::CatalogueCode, "")}
            <Field name="valid_from" label=Msg::CatalogueValidFrom kind="date" autocomplete="off" error=state.error("valid_from") value=state.value("valid_from") />
            {field("description_el", Msg::CatalogueDescriptionEl, "")}
            {field("description_en", Msg::CatalogueDescriptionEn, "")}
            {field("amount", Msg::ColumnAmount, "")}
            <div class="field checkbox">
                <input id="payable" name="payable" type="checkbox" value="1" checked=true />
                <label for="payable">{t(Msg::CataloguePayable)}</label>
            </div>
            {field("discount_days", Msg::CatalogueDiscountDays, "0")}
            {field("discount_percent", Msg::CatalogueDiscountPercent, "0")}
            {field("surcharge_after_days", Msg::CatalogueSurchargeDays, "0")}
            {field("surcharge_percent", Msg::CatalogueSurchargePercent, "0")}
            {field("max_age_days", Msg::CatalogueMaxAge, "365")}
            <button type="submit" class="button">{t(Msg::CatalogueAddButton)}</button>
        </ActionForm>
    }
    .into_any()
}
