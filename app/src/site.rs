//! What every page needs to know about the installation: the municipality's name and contacts.

use crate::domain::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Installation facts from configuration, provided to every render by the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub municipality_name_el: String,
    pub municipality_name_en: String,
    pub municipality_code: String,
    pub public_base_url: String,
    pub contact_email: String,
    /// The acquirer offers IRIS instant payments beside cards (pay buttons offer both).
    #[serde(default)]
    pub iris: bool,
}

impl Default for SiteInfo {
    fn default() -> Self {
        SiteInfo {
            municipality_name_el: "Δήμος Επίδειξης".into(),
            municipality_name_en: "Demo Municipality".into(),
            municipality_code: "1234".into(),
            public_base_url: "http://127.0.0.1:3000".into(),
            contact_email: "accessibility@demo-municipality.example".into(),
            iris: false,
        }
    }
}

impl SiteInfo {
    /// The installation's facts during a server render (defaults elsewhere).
    pub fn current() -> SiteInfo {
        use_context::<SiteInfo>().unwrap_or_default()
    }

    pub fn municipality_name(&self, lang: Lang) -> &str {
        match lang {
            Lang::El => &self.municipality_name_el,
            Lang::En => &self.municipality_name_en,
        }
    }
}
