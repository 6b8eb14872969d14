//! Sign-in with TAXISnet from the configuration: off, the built-in stand-in (demonstration
//! mode only), or GSIS's OAuth 2.0 server with the portal's registered client.

use super::{number, on_off, required_secret, switch, ConfigError};
use app::backend::identity::gsis::GsisSettings;
use std::time::Duration;

/// Who proves people's ΑΦΜ at sign-in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaxisnetChoice {
    /// No TAXISnet sign-in (the buttons are not shown).
    Off,
    /// The built-in stand-in with test taxpayers: demonstrations and tests only.
    Sandbox,
    /// GSIS's OAuth 2.0 server (production or test environment).
    Gsis(Box<GsisSettings>),
}

/// The settings as the file gives them.
#[derive(Default)]
pub(super) struct FileTaxisnet {
    pub choice: Option<String>,
    pub environment: Option<String>,
    pub base_url: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub scope: Option<String>,
    pub pkce: Option<bool>,
    pub timeout_secs: Option<String>,
    pub redirect_url: Option<String>,
}

/// Where GSIS sends people back: the address registered with GSIS.
pub fn callback_url(public_base_url: &str) -> String {
    format!(
        "{}/auth/taxisnet/callback",
        public_base_url.trim_end_matches('/')
    )
}

pub(super) fn taxisnet_choice(
    pick: impl Fn(&str, Option<String>) -> Option<String>,
    file: FileTaxisnet,
    demo: bool,
    public_base_url: &str,
) -> Result<TaxisnetChoice, ConfigError> {
    let name = pick("DIMOS_TAXISNET", file.choice)
        .unwrap_or_else(|| if demo { "sandbox" } else { "off" }.into());
    match name.trim().to_ascii_lowercase().as_str() {
        "off" | "none" => Ok(TaxisnetChoice::Off),
        "sandbox" if demo => Ok(TaxisnetChoice::Sandbox),
        "sandbox" => Err(ConfigError::TaxisnetSandboxOutsideDemo),
        "gsis" => {
            let environment = pick("DIMOS_GSIS_ENVIRONMENT", file.environment)
                .unwrap_or_else(|| "production".into());
            let preset = GsisSettings::preset(environment.trim())
                .ok_or(ConfigError::GsisEnvironment(environment.clone()))?;
            let base = pick("DIMOS_GSIS_BASE_URL", file.base_url).unwrap_or_else(|| preset.into());
            // The client secret and codes travel there: plain http only for tests and
            // demonstrations (a fake GSIS on this machine).
            if !(base.starts_with("https://") || (demo && base.starts_with("http://"))) {
                return Err(ConfigError::GsisNotHttps(base));
            }
            let [authorize_url, token_url, userinfo_url, logout_url] = GsisSettings::under(&base);
            Ok(TaxisnetChoice::Gsis(Box::new(GsisSettings {
                authorize_url,
                token_url,
                userinfo_url,
                logout_url: Some(logout_url),
                client_id: required_secret(
                    "DIMOS_GSIS_CLIENT_ID",
                    pick("DIMOS_GSIS_CLIENT_ID", file.client_id),
                )?,
                client_secret: required_secret(
                    "DIMOS_GSIS_CLIENT_SECRET",
                    pick("DIMOS_GSIS_CLIENT_SECRET", file.client_secret),
                )?,
                scope: pick("DIMOS_GSIS_SCOPE", file.scope).unwrap_or_else(|| "read".into()),
                // As registered with GSIS; it must reach this portal's `/auth/taxisnet/callback`
                // (a reverse proxy may map another address there).
                redirect_url: pick("DIMOS_GSIS_REDIRECT_URL", file.redirect_url)
                    .filter(|u| !u.trim().is_empty())
                    .unwrap_or_else(|| callback_url(public_base_url)),
                pkce: switch(
                    "DIMOS_GSIS_PKCE",
                    pick("DIMOS_GSIS_PKCE", on_off(file.pkce)),
                    false,
                )?,
                timeout: Duration::from_secs(
                    number(
                        "DIMOS_GSIS_TIMEOUT_SECS",
                        pick("DIMOS_GSIS_TIMEOUT_SECS", file.timeout_secs),
                        10,
                        60,
                    )?
                    .unsigned_abs(),
                ),
            })))
        }
        _ => Err(ConfigError::Taxisnet(name)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::env;
    use super::super::{Config, ConfigError, FileConfig};
    use super::TaxisnetChoice;

    #[test]
    fn the_stand_in_is_for_demonstrations_only() {
        let config = Config::from_sources(FileConfig::default(), env(&[])).unwrap();
        assert_eq!(config.taxisnet, TaxisnetChoice::Off, "off by default");
        let demo =
            Config::from_sources(FileConfig::default(), env(&[("DIMOS_DEMO", "on")])).unwrap();
        assert_eq!(demo.taxisnet, TaxisnetChoice::Sandbox);
        let err =
            Config::from_sources(FileConfig::default(), env(&[("DIMOS_TAXISNET", "sandbox")]))
                .unwrap_err();
        assert!(
            matches!(err, ConfigError::TaxisnetSandboxOutsideDemo),
            "{err}"
        );
    }

    #[test]
    fn gsis_needs_its_keys_and_knows_its_environments() {
        let err = Config::from_sources(FileConfig::default(), env(&[("DIMOS_TAXISNET", "gsis")]))
            .unwrap_err();
        assert!(err.to_string().contains("DIMOS_GSIS_CLIENT_ID"), "{err}");
        let config = Config::from_sources(
            FileConfig::default(),
            env(&[
                ("DIMOS_TAXISNET", "gsis"),
                ("DIMOS_GSIS_ENVIRONMENT", "test"),
                ("DIMOS_GSIS_CLIENT_ID", "dimos"),
                ("DIMOS_GSIS_CLIENT_SECRET", "s3cret"),
                ("DIMOS_PUBLIC_BASE_URL", "https://e.dimos.example/"),
            ]),
        )
        .unwrap();
        let TaxisnetChoice::Gsis(gsis) = config.taxisnet else {
            panic!("gsis chosen")
        };
        assert_eq!(
            gsis.token_url,
            "https://test.gsis.gr/oauth2server/oauth/token"
        );
        assert_eq!(
            gsis.userinfo_url,
            "https://test.gsis.gr/oauth2server/userinfo?format=xml"
        );
        assert_eq!(
            gsis.redirect_url,
            "https://e.dimos.example/auth/taxisnet/callback"
        );
        assert_eq!(gsis.scope, "read");
        assert!(!gsis.pkce);
        let behind_proxy = Config::from_sources(
            FileConfig::default(),
            env(&[
                ("DIMOS_TAXISNET", "gsis"),
                ("DIMOS_GSIS_CLIENT_ID", "dimos"),
                ("DIMOS_GSIS_CLIENT_SECRET", "s3cret"),
                (
                    "DIMOS_GSIS_REDIRECT_URL",
                    "https://portal.example/eservices/taxisnet",
                ),
            ]),
        )
        .unwrap();
        let TaxisnetChoice::Gsis(gsis) = behind_proxy.taxisnet else {
            panic!("gsis chosen")
        };
        assert_eq!(
            gsis.redirect_url,
            "https://portal.example/eservices/taxisnet"
        );
        assert_eq!(
            gsis.authorize_url,
            "https://www1.gsis.gr/oauth2server/oauth/authorize"
        );
        let err = Config::from_sources(
            FileConfig::default(),
            env(&[
                ("DIMOS_TAXISNET", "gsis"),
                ("DIMOS_GSIS_ENVIRONMENT", "staging"),
            ]),
        )
        .unwrap_err();
        assert!(matches!(err, ConfigError::GsisEnvironment(_)), "{err}");
        let err = Config::from_sources(
            FileConfig::default(),
            env(&[
                ("DIMOS_TAXISNET", "gsis"),
                ("DIMOS_GSIS_BASE_URL", "http://gsis.example/oauth2server"),
                ("DIMOS_GSIS_CLIENT_ID", "dimos"),
                ("DIMOS_GSIS_CLIENT_SECRET", "s3cret"),
            ]),
        )
        .unwrap_err();
        assert!(matches!(err, ConfigError::GsisNotHttps(_)), "{err}");
    }
}
