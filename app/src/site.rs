//! What every page needs to know about the installation: the municipality's name and contacts.

use crate::domain::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Installation facts from configuration, provided to every render by the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub municipality_name_el: String,
    pub municipality_name_en: String,
    pub municipality_code: String,
    pub public_base_url: String,
    pub contact_email: String,
    /// The municipality's tax number and address, printed on receipts and notices.
    #[serde(default)]
    pub municipality_afm: String,
    #[serde(default)]
    pub municipality_address: String,
    /// The acquirer offers IRIS instant payments beside cards (pay buttons offer both).
    #[serde(default)]
    pub iris: bool,
    /// People may sign in with TAXISnet (or its stand-in) and link it to their account.
    #[serde(default)]
    pub taxisnet: bool,
}

impl Default for SiteInfo {
    fn default() -> Self {
        SiteInfo {
            municipality_name_el: "Δήμος Επίδειξης".into(),
            municipality_name_en: "Demo Municipality".into(),
            municipality_code: "1234".into(),
            public_base_url: "http://127.0.0.1:3000".into(),
            contact_email: "accessibility@demo-municipality.example".into(),
            municipality_afm: "090000045".into(),
            municipality_address: "Πλατεία Δημαρχείου 1, 54000 Δήμος Επίδειξης".into(),
            iris: false,
            taxisnet: false,
        }
    }
}

/// Where the built files are served: names with a content hash once the server has
/// fingerprinted them at start (browsers may then keep them a year), plain names otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assets {
    pub css: String,
    /// The islands' JavaScript glue and WebAssembly.
    pub app_js: String,
    pub app_wasm: String,
    /// Small enhancements every page loads (character counts, payment status).
    pub forms_js: String,
    /// Wakes a page's islands when the person first reaches for one.
    pub islands_js: String,
}

impl Default for Assets {
    fn default() -> Self {
        Assets {
            css: "/pkg/dimos.css".into(),
            app_js: "/pkg/dimos.js".into(),
            app_wasm: "/pkg/dimos.wasm".into(),
            forms_js: "/forms.js".into(),
            islands_js: "/islands.js".into(),
        }
    }
}

impl Assets {
    /// The addresses during a server render (shared, not copied: a page asks more than once).
    pub fn current() -> Arc<Assets> {
        use_context::<Arc<Assets>>().unwrap_or_default()
    }
}

impl SiteInfo {
    /// The installation's facts during a server render (defaults elsewhere), shared: a page
    /// asks for them some twenty times, and each copy was nine strings.
    pub fn current() -> Arc<SiteInfo> {
        use_context::<Arc<SiteInfo>>().unwrap_or_default()
    }

    /// Where anyone can check a receipt by its code.
    pub fn check_url(&self, code: &crate::domain::receipt_code::ReceiptCode) -> String {
        format!("{}/check/{}", self.public_base_url, code.as_str())
    }

    pub fn municipality_name(&self, lang: Lang) -> &str {
        match lang {
            Lang::El => &self.municipality_name_el,
            Lang::En => &self.municipality_name_en,
        }
    }
}
