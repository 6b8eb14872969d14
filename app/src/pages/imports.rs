//! The report of an import (tickets, debts, warrants) as staff read it: how many rows went
//! in, each row left out with its line and reason, and rows matched to records already there.

use crate::domain::import::ProblemReason;
use crate::i18n::labels::import_reason_label;
use crate::i18n::{t, Msg};
use crate::views::imports::ImportView;
use leptos::prelude::*;

/// A field where the police's record differed from the citizen's registration.
pub fn discrepancy_label(field: &str) -> Msg {
    match field {
        "type" => Msg::FieldTicketType,
        "plate" => Msg::FieldPlate,
        "date" => Msg::FieldOffenceDate,
        "time" => Msg::FieldOffenceTime,
        _ => Msg::ColumnAmount,
    }
}

/// What a reconciled row's line says: confirmed as it was, or which fields differ.
fn reconciled_text(reason: ProblemReason, detail: &str) -> String {
    if reason == ProblemReason::Differs {
        let fields = detail
            .split(", ")
            .map(|d| t(discrepancy_label(d)))
            .collect::<Vec<_>>()
            .join(", ");
        format!("{} {fields}", t(Msg::FinePoliceDiffers))
    } else {
        t(Msg::FineReconciledSame).to_owned()
    }
}

/// The counts, the table of rows left out, and the table of reconciled rows.
pub fn import_report(report: ImportView, key_label: Msg) -> impl IntoView {
    let rejected = report.problems.len();
    let reconciled = (!report.reconciled.is_empty()).then(|| {
        let rows = report
            .reconciled
            .into_iter()
            .map(|r| {
                let what = reconciled_text(r.reason, &r.detail);
                view! { <tr><td class="num">{r.line}</td><td>{r.key}</td><td>{what}</td></tr> }
            })
            .collect_view();
        view! {
            <h2>{t(Msg::FinesReconciledHeading)}</h2>
            <div class="table-wrap">
                <table class="reconciled">
                    <thead><tr>
                        <th scope="col">{t(Msg::ColumnLine)}</th>
                        <th scope="col">{t(key_label)}</th>
                        <th scope="col">{t(Msg::ColumnDetail)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    let rows = report
        .problems
        .into_iter()
        .map(|p| {
            view! {
                <tr>
                    <td class="num">{p.line}</td>
                    <td>{p.key}</td>
                    <td>{t(import_reason_label(p.reason))}</td>
                    <td>{p.detail}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="results-count">
            {t(Msg::FinesImported)} " " <strong class="imported">{report.imported}</strong>
            " · " {t(Msg::FinesRejectedRows)} " " <strong class="rejected">{rejected}</strong>
        </p>
        {(rejected > 0).then(|| view! {
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::ColumnLine)}</th>
                            <th scope="col">{t(key_label)}</th>
                            <th scope="col">{t(Msg::ColumnReason)}</th>
                            <th scope="col">{t(Msg::ColumnDetail)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })}
        {reconciled}
    }
}
