//! The public receipt check: anyone holding a receipt (a bank, an office, the payer) scans
//! its QR code or types its code and learns whether the municipality issued it.

use crate::api::payments::{check_receipt, CheckReceiptCode};
use crate::components::{ErrorSummary, Field, FormState, PageDescription, PageTitle};
use crate::domain::time::format_local;
use crate::i18n::labels::euros;
use crate::i18n::{t, use_lang, Msg};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn check_form(state: FormState) -> impl IntoView {
    let action = ServerAction::<CheckReceiptCode>::new();
    let state = if state.has_errors() {
        state
    } else {
        FormState::from_result(action.value().get_untracked())
    };
    view! {
        <ErrorSummary state=state.clone() />
        <ActionForm action=action>
            <Field name="check_code" label=Msg::ReceiptCheckCode hint=Msg::CheckCodeHint autocomplete="off"
                maxlength=20 error=state.error("check_code") value=state.value("check_code") />
            <button type="submit" class="button">{t(Msg::CheckButton)}</button>
        </ActionForm>
    }
}

#[component]
pub fn CheckFormPage() -> impl IntoView {
    view! {
        <PageTitle text=t(Msg::CheckTitle) />
        <PageDescription text=Msg::MetaCheck />
        <h1>{t(Msg::CheckTitle)}</h1>
        <p>{t(Msg::CheckIntro)}</p>
        {check_form(FormState::default())}
    }
}

#[component]
pub fn CheckPage() -> impl IntoView {
    let code = use_params_map()
        .get_untracked()
        .get("code")
        .unwrap_or_default();
    view! {
        <PageTitle text=t(Msg::CheckTitle) />
        <h1>{t(Msg::CheckTitle)}</h1>
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let lang = use_lang();
                match check_receipt(code).await {
                    Ok(Some(receipt)) => view! {
                        <div class="notice" role="status">
                            <p><strong>{t(Msg::CheckGenuine)}</strong></p>
                        </div>
                        <dl class="summary">
                            <dt>{t(Msg::ReceiptNumberPlain)}</dt><dd>{receipt.number.clone()}</dd>
                            <dt>{t(Msg::ReceiptIssued)}</dt><dd>{format_local(receipt.issued_at_ms, lang)}</dd>
                            <dt>{t(Msg::ColumnAmount)}</dt><dd>{euros(receipt.amount)}</dd>
                            {(!receipt.refunded.is_zero()).then(|| view! {
                                <dt>{t(Msg::ColumnRefunded)}</dt><dd>{euros(receipt.refunded)}</dd>
                            })}
                        </dl>
                        <p>{t(Msg::CheckNothingPersonal)}</p>
                    }
                    .into_any(),
                    Ok(None) => view! {
                        <div class="notice notice--warning" role="status">
                            <p><strong>{t(Msg::CheckNotFound)}</strong></p>
                        </div>
                        <p>{t(Msg::CheckTryAgain)}</p>
                        {check_form(FormState::default())}
                    }
                    .into_any(),
                    Err(_) => view! { <p>{t(Msg::ErrInternal)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
