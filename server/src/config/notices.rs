//! The notices' RF layout and account from the configuration: all of prefix, IBAN and BIC,
//! or none (no notices), with a demonstration account only in demonstration mode.

use super::{number, ConfigError};

/// The notice settings as the file gives them.
pub(super) struct FileNotices {
    pub rf_prefix: Option<String>,
    pub rf_width: Option<String>,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub beneficiary: Option<String>,
    pub days: Option<String>,
}

/// The RF layout and account of notices: all three of prefix, IBAN and BIC, or none (then
/// notices are off, except in demonstration mode, which prints a demonstration account).
pub(super) fn notice_settings(
    pick: impl Fn(&str, Option<String>) -> Option<String>,
    file: &FileNotices,
    demo: bool,
    municipality_name: &str,
) -> Result<Option<app::backend::notices::NoticeSettings>, ConfigError> {
    use app::domain::epc::{Bic, Iban};
    use app::domain::notice::{RfLayout, MAX_DAYS_VALID};
    let prefix = pick("DIMOS_RF_PREFIX", file.rf_prefix.clone());
    let iban = pick("DIMOS_NOTICE_IBAN", file.iban.clone());
    let bic = pick("DIMOS_NOTICE_BIC", file.bic.clone());
    let beneficiary = pick("DIMOS_NOTICE_BENEFICIARY", file.beneficiary.clone())
        .unwrap_or_else(|| municipality_name.to_owned());
    let days = number(
        "DIMOS_NOTICE_DAYS",
        pick("DIMOS_NOTICE_DAYS", file.days.clone()),
        30,
        i64::from(MAX_DAYS_VALID),
    )? as u32;
    let (prefix, iban, bic) = match (prefix, iban, bic) {
        (None, None, None) if demo => {
            let mut settings = app::backend::notices::NoticeSettings::demo(&beneficiary);
            settings.days_valid = days;
            return Ok(Some(settings));
        }
        (None, None, None) => return Ok(None),
        (Some(prefix), Some(iban), Some(bic)) => (prefix, iban, bic),
        (None, _, _) => return Err(ConfigError::NoticesIncomplete("DIMOS_RF_PREFIX")),
        (_, None, _) => return Err(ConfigError::NoticesIncomplete("DIMOS_NOTICE_IBAN")),
        (_, _, None) => return Err(ConfigError::NoticesIncomplete("DIMOS_NOTICE_BIC")),
    };
    let width = number(
        "DIMOS_RF_WIDTH",
        pick("DIMOS_RF_WIDTH", file.rf_width.clone()),
        10,
        12,
    )? as usize;
    let problem = |key: &'static str, reason: String| ConfigError::Notices { key, reason };
    let layout =
        RfLayout::new(&prefix, width).map_err(|e| problem("DIMOS_RF_PREFIX", e.to_string()))?;
    let iban = Iban::parse(&iban).map_err(|e| problem("DIMOS_NOTICE_IBAN", e.to_string()))?;
    let bic = Bic::parse(&bic).map_err(|e| problem("DIMOS_NOTICE_BIC", e.to_string()))?;
    let beneficiary = beneficiary.trim().to_owned();
    if beneficiary.is_empty() || beneficiary.chars().count() > app::domain::epc::MAX_NAME_CHARS {
        return Err(problem(
            "DIMOS_NOTICE_BENEFICIARY",
            "the account holder's name must be 1 to 70 characters".into(),
        ));
    }
    Ok(Some(app::backend::notices::NoticeSettings {
        layout,
        iban,
        bic,
        beneficiary,
        days_valid: days,
    }))
}

#[cfg(test)]
mod tests {
    use crate::config::tests::env;
    use crate::config::{Config, FileConfig};

    #[test]
    fn notices_need_the_municipalitys_own_account_outside_demo_mode() {
        // Nothing set: no notices (never a demonstration account on a real portal).
        let config = Config::from_sources(FileConfig::default(), env(&[])).unwrap();
        assert!(config.notices.is_none());
        let demo =
            Config::from_sources(FileConfig::default(), env(&[("DIMOS_DEMO", "on")])).unwrap();
        assert!(demo.notices.is_some());
        // Half a configuration is refused by name.
        let err = Config::from_sources(FileConfig::default(), env(&[("DIMOS_RF_PREFIX", "5301")]))
            .unwrap_err();
        assert!(err.to_string().contains("DIMOS_NOTICE_IBAN"), "{err}");
        let full = [
            ("DIMOS_RF_PREFIX", "5301"),
            ("DIMOS_RF_WIDTH", "8"),
            ("DIMOS_NOTICE_IBAN", "gr16 0110 1250 0000 0001 2300 695"),
            ("DIMOS_NOTICE_BIC", "ETHNGRAA"),
            ("DIMOS_NOTICE_DAYS", "20"),
        ];
        let config = Config::from_sources(FileConfig::default(), env(&full)).unwrap();
        let notices = config.notices.expect("configured");
        assert_eq!(notices.days_valid, 20);
        assert_eq!(notices.beneficiary, "Δήμος Επίδειξης");
        // A mistyped IBAN is named with its reason.
        let mut typo = full;
        typo[2] = ("DIMOS_NOTICE_IBAN", "GR17 0110 1250 0000 0001 2300 695");
        let err = Config::from_sources(FileConfig::default(), env(&typo)).unwrap_err();
        assert!(
            err.to_string().contains("DIMOS_NOTICE_IBAN") && err.to_string().contains("typing"),
            "{err}"
        );
    }
}
