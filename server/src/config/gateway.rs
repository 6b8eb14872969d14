//! The acquirer behind card payments from the configuration: none, the sandbox bank
//! (demonstration mode only), or Viva's Smart Checkout with the municipality's keys.

use super::{required_secret, switch, ConfigError};
use app::backend::gateway::VivaSettings;

/// The acquirer behind card payments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GatewayChoice {
    /// No card payments (the pay buttons say so).
    None,
    /// The built-in sandbox bank: demonstrations only.
    Sandbox,
    /// Viva's Smart Checkout (cards and IRIS).
    Viva(VivaSettings),
}

/// The settings as the file gives them.
pub(super) struct FileGateway {
    pub choice: Option<String>,
    pub environment: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub merchant_id: Option<String>,
    pub api_key: Option<String>,
    pub source_code: Option<String>,
    pub iris: Option<bool>,
    pub accounts_url: Option<String>,
    pub api_url: Option<String>,
    pub www_url: Option<String>,
}

/// The chosen acquirer: the sandbox by default in demonstration mode (and only there),
/// none otherwise; Viva's keys are required secrets with no default.
pub(super) fn gateway_choice(
    pick: impl Fn(&str, Option<String>) -> Option<String>,
    file: FileGateway,
    demo: bool,
) -> Result<GatewayChoice, ConfigError> {
    let name = pick("DIMOS_PAYMENT_GATEWAY", file.choice)
        .unwrap_or_else(|| if demo { "sandbox" } else { "none" }.into());
    let secret =
        |key: &'static str, from_file: Option<String>| required_secret(key, pick(key, from_file));
    Ok(match name.trim().to_ascii_lowercase().as_str() {
        "none" => GatewayChoice::None,
        "sandbox" if demo => GatewayChoice::Sandbox,
        "sandbox" => return Err(ConfigError::SandboxOutsideDemo),
        "viva" => {
            let environment = pick("DIMOS_VIVA_ENVIRONMENT", file.environment)
                .unwrap_or_else(|| "production".into());
            let preset = VivaSettings::preset(&environment)
                .ok_or(ConfigError::VivaEnvironment(environment))?;
            GatewayChoice::Viva(VivaSettings {
                accounts_url: pick("DIMOS_VIVA_ACCOUNTS_URL", file.accounts_url)
                    .unwrap_or(preset.accounts_url),
                api_url: pick("DIMOS_VIVA_API_URL", file.api_url).unwrap_or(preset.api_url),
                www_url: pick("DIMOS_VIVA_WWW_URL", file.www_url).unwrap_or(preset.www_url),
                client_id: secret("DIMOS_VIVA_CLIENT_ID", file.client_id)?,
                client_secret: secret("DIMOS_VIVA_CLIENT_SECRET", file.client_secret)?,
                merchant_id: secret("DIMOS_VIVA_MERCHANT_ID", file.merchant_id)?,
                api_key: secret("DIMOS_VIVA_API_KEY", file.api_key)?,
                source_code: secret("DIMOS_VIVA_SOURCE_CODE", file.source_code)?,
                iris: switch(
                    "DIMOS_VIVA_IRIS",
                    pick("DIMOS_VIVA_IRIS", super::on_off(file.iris)),
                    true,
                )?,
            })
        }
        _ => return Err(ConfigError::Gateway(name)),
    })
}
