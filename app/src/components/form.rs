//! Form pieces in GOV.UK's pattern: an error summary linked to the fields, labels, hints,
//! field errors in words, and the user's input kept after a failed plain-HTML post.

use crate::error::{AppError, FormErrors};
use crate::i18n::{app_error_message, t, use_lang, Msg};
use leptos::prelude::*;

/// The outcome of the last submission of a form, as the server render knows it.
#[derive(Clone, Debug, Default)]
pub struct FormState {
    pub errors: FormErrors,
    /// An error that belongs to no single field (conflict, rate limit, server fault).
    pub general: Option<String>,
}

impl FormState {
    pub fn from_result<T>(result: Option<Result<T, AppError>>) -> FormState {
        match result {
            Some(Err(AppError::Validation(errors))) => FormState {
                errors,
                general: None,
            },
            Some(Err(other)) => FormState {
                errors: FormErrors::default(),
                general: Some(app_error_message(&other, use_lang())),
            },
            _ => FormState::default(),
        }
    }

    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.error_for(field)
    }

    pub fn value(&self, field: &str) -> Option<String> {
        self.errors.value_of(field)
    }

    pub fn has_errors(&self) -> bool {
        self.general.is_some() || !self.errors.is_empty()
    }
}

/// The box at the top of a form listing what to fix, each item linking to its field.
#[component]
pub fn ErrorSummary(
    state: FormState,
    /// This form's labels where they differ from the shared ones (`field_label`): the
    /// summary names a field as the form does.
    #[prop(optional)]
    labels: &'static [(&'static str, Msg)],
    /// For a form repeated once per row: the row that failed, whose fields' ids end in
    /// `-<row>`.
    #[prop(default = None)]
    row: Option<String>,
) -> impl IntoView {
    state.has_errors().then(|| {
        let items = state
            .errors
            .fields
            .iter()
            .map(|e| {
                let href = match &row {
                    Some(row) => format!("#{}", row_field_id(&e.field, row)),
                    None => format!("#{}", e.field),
                };
                // Say which field: the same message twice ("fill in this field") is no help.
                let label = labels
                    .iter()
                    .find(|(field, _)| *field == e.field)
                    .map(|(_, label)| *label)
                    .or_else(|| crate::i18n::labels::field_label(&e.field))
                    .map(|label| format!("{}: ", t(label).trim_end_matches([':', ' '])));
                view! { <li><a href=href>{label}{e.message.clone()}</a></li> }
            })
            .collect_view();
        let general = state.general.clone().map(|g| view! { <li>{g}</li> });
        view! {
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
                <h2 id="error-summary-title">{t(Msg::ErrorSummaryTitle)}</h2>
                <ul>{general}{items}</ul>
            </div>
        }
    })
}

/// The id of `field` in the copy of a form that belongs to the row `row` (a list with one
/// small form per row: verifications, tickets to review).
pub fn row_field_id(field: &str, row: &str) -> String {
    format!("{field}-{row}")
}

/// Ids of a field's hint and error, and the `aria-describedby` that names those present.
fn described_by(name: &str, has_hint: bool, has_error: bool) -> (String, String, Option<String>) {
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described = [
        has_hint.then(|| hint_id.clone()),
        has_error.then(|| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    (
        hint_id,
        error_id,
        (!described.is_empty()).then_some(described),
    )
}

/// A labelled input with optional hint and error, wired with `aria-describedby`.
#[component]
pub fn Field(
    name: &'static str,
    label: Msg,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<Msg>,
    #[prop(default = None)] error: Option<String>,
    #[prop(default = None)] value: Option<String>,
    #[prop(default = false)] required: bool,
    /// The server's limit, so the browser stops the typing there too.
    #[prop(optional)]
    maxlength: Option<usize>,
) -> impl IntoView {
    // A date says its format in words: where the browser has no date picker the box is
    // plain text, and the person needs to know what to type.
    let hint = hint.or((kind == "date").then_some(Msg::DateInputHint));
    let (hint_id, error_id, described) = described_by(name, hint.is_some(), error.is_some());
    let class = if error.is_some() {
        "field field--error"
    } else {
        "field"
    };
    view! {
        <div class=class>
            <label for=name>{t(label)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{t(h)}</p> })}
            {error.clone().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                maxlength=maxlength
                required=required
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described
            />
        </div>
    }
}

/// A labelled multi-line text box with the server's length limit: `maxlength` stops the
/// typing there, and a line under the box says the limit (and, where the small forms script
/// runs, counts down as the person types).
#[component]
pub fn TextArea(
    name: &'static str,
    label: Msg,
    max: usize,
    #[prop(optional)] hint: Option<Msg>,
    #[prop(default = None)] error: Option<String>,
    #[prop(default = None)] value: Option<String>,
    #[prop(default = 6)] rows: u32,
) -> impl IntoView {
    let (hint_id, error_id, described) = described_by(name, hint.is_some(), error.is_some());
    let count_id = format!("{name}-count");
    let described = Some(match described {
        Some(ids) => format!("{ids} {count_id}"),
        None => count_id.clone(),
    });
    let lang = use_lang();
    let limit = Msg::CharCountMax
        .text(lang)
        .replace("{max}", &max.to_string());
    let left = Msg::CharCountLeft.text(lang);
    let class = if error.is_some() {
        "field field--error"
    } else {
        "field"
    };
    view! {
        <div class=class>
            <label for=name>{t(label)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{t(h)}</p> })}
            {error.clone().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            <textarea
                id=name
                name=name
                rows=rows
                maxlength=max
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described
            >
                {value.unwrap_or_default()}
            </textarea>
            <p class="hint char-count" id=count_id aria-live="polite" data-left=left>{limit}</p>
        </div>
    }
}

/// A labelled `<select>` of coded options.
#[component]
pub fn Choice(
    name: &'static str,
    label: Msg,
    options: Vec<(&'static str, Msg)>,
    #[prop(default = None)] error: Option<String>,
    #[prop(default = None)] value: Option<String>,
) -> impl IntoView {
    let error_id = format!("{name}-error");
    let class = if error.is_some() {
        "field field--error"
    } else {
        "field"
    };
    let selected = value.unwrap_or_default();
    let options = options
        .into_iter()
        .map(|(code, msg)| view! { <option value=code selected=selected == code>{t(msg)}</option> })
        .collect_view();
    view! {
        <div class=class>
            <label for=name>{t(label)}</label>
            {error.clone().map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            <select
                id=name
                name=name
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=error.is_some().then_some(error_id.clone())
            >
                <option value="">{t(Msg::ChooseOption)}</option>
                {options}
            </select>
        </div>
    }
}

/// A green confirmation banner.
#[component]
pub fn Notice(msg: Msg) -> impl IntoView {
    view! { <div class="notice" role="status"><p>{t(msg)}</p></div> }
}

/// The pay button of a payment form (`kind` and `purpose_id` are the form's own fields):
/// by card, and by IRIS instant payment where the municipality's acquirer offers it.
#[component]
pub fn PayButtons(
    /// What the button says after "Pay by card" (the amount), if anything.
    #[prop(optional, into)]
    amount: Option<String>,
    /// A fuller name for screen readers when several pay buttons share a page.
    #[prop(optional, into)]
    label: Option<String>,
) -> impl IntoView {
    let iris = crate::site::SiteInfo::current().iris;
    let card_text = match &amount {
        Some(amount) => format!("{} {amount}", t(Msg::PayByCard)),
        None => t(Msg::PayByCard).to_owned(),
    };
    let iris_label = label
        .as_ref()
        .map(|l| format!("{} · {l}", t(Msg::PayByIris)));
    view! {
        <button type="submit" class="button" name="method" value="card" aria-label=label>{card_text}</button>
        {iris.then(|| view! {
            " "
            <button type="submit" class="button button--secondary" name="method" value="iris" aria-label=iris_label>{t(Msg::PayByIris)}</button>
        })}
    }
}

/// A `<select>` for a GET filter, with "all" first and the current value kept.
pub fn filter_select(
    name: &'static str,
    label: Msg,
    options: Vec<(&'static str, Msg)>,
    current: Option<String>,
) -> impl IntoView {
    let current = current.unwrap_or_default();
    let options = options
        .into_iter()
        .map(|(code, msg)| view! { <option value=code selected=current == code>{t(msg)}</option> })
        .collect_view();
    view! {
        <div class="field">
            <label for=name>{t(label)}</label>
            <select id=name name=name>
                <option value="">{t(Msg::InboxAny)}</option>
                {options}
            </select>
        </div>
    }
}
