//! Configuration: defaults, then an optional TOML file, then environment variables.

use app::domain::MunicipalityCode;
use app::site::SiteInfo;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

mod gateway;
mod notices;
mod taxisnet;

pub use gateway::GatewayChoice;
pub use taxisnet::{callback_url, TaxisnetChoice};

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub listen: SocketAddr,
    pub site: SiteInfo,
    /// Folder holding the built site (`pkg/` with JS, WASM, CSS, plus public assets).
    pub site_root: PathBuf,
    pub log_json: bool,
    pub session_idle_minutes: i64,
    pub session_max_hours: i64,
    /// Where the file mailer writes `.eml` messages when no SMTP server is configured.
    pub outbox_dir: PathBuf,
    /// A folder the bank delivers its camt.054 files to; picked up every 15 s when set.
    pub bank_inbox_dir: Option<PathBuf>,
    /// `smtp://…` or `smtps://…`; when set, e-mail goes out through it.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// Sign-in, registration and password-reset attempts allowed per client per minute.
    pub auth_attempts_per_minute: u32,
    /// Header holding the client address when a reverse proxy sits in front (e.g.
    /// `x-forwarded-for`); unset means the socket's peer address.
    pub client_ip_header: Option<String>,
    /// An external protocol service (`POST` JSON, bearer token); unset: built-in numbering.
    pub protocol_url: Option<String>,
    pub protocol_token: String,
    pub protocol_timeout_secs: i64,
    /// Demonstration mode: the demo-only parts (sandbox bank, demo data) may be switched on.
    pub demo: bool,
    /// Which acquirer takes card payments.
    pub gateway: GatewayChoice,
    /// The sandbox bank's HMAC-SHA256 secret; unset in demo mode: one is generated per database.
    pub bank_secret: Option<String>,
    /// Reverse proxies in front of the portal that append to `client_ip_header`.
    pub trusted_proxies: usize,
    /// Anonymous comments allowed per client per hour.
    pub comments_per_hour: u32,
    /// Card payments unfinished after this long are settled by the clean-up job.
    pub payment_expiry_minutes: i64,
    /// How often the clean-up job looks for unfinished payments.
    pub payment_cleanup_seconds: i64,
    /// E-mail campaigns send at most this many messages a second (the mail provider's
    /// limit).
    pub campaign_per_second: u32,
    /// The municipality's time zone (its days, deadlines and printed times).
    pub time_zone: app::domain::time::TimeZone,
    /// How notices are numbered (RF layout) and paid (account); `None`: not configured
    /// outside demonstration mode, so no notice is issued.
    pub notices: Option<app::backend::notices::NoticeSettings>,
    /// Sign-in with TAXISnet: off, the stand-in (demonstrations), or GSIS.
    pub taxisnet: TaxisnetChoice,
}

/// The file form: every key optional, unknown keys refused so typos do not pass silently.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FileConfig {
    database_url: Option<String>,
    listen: Option<String>,
    municipality_name_el: Option<String>,
    municipality_name_en: Option<String>,
    municipality_code: Option<String>,
    public_base_url: Option<String>,
    contact_email: Option<String>,
    municipality_afm: Option<String>,
    municipality_address: Option<String>,
    site_root: Option<String>,
    log_format: Option<String>,
    session_idle_minutes: Option<NumberOrText>,
    session_max_hours: Option<NumberOrText>,
    outbox_dir: Option<String>,
    bank_inbox_dir: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    auth_attempts_per_minute: Option<NumberOrText>,
    client_ip_header: Option<String>,
    protocol_url: Option<String>,
    protocol_token: Option<String>,
    protocol_timeout_secs: Option<NumberOrText>,
    bank_secret: Option<String>,
    demo: Option<bool>,
    allow_demo: Option<bool>,
    payment_gateway: Option<String>,
    trusted_proxies: Option<NumberOrText>,
    comments_per_hour: Option<NumberOrText>,
    viva_environment: Option<String>,
    viva_client_id: Option<String>,
    viva_client_secret: Option<String>,
    viva_merchant_id: Option<String>,
    viva_api_key: Option<String>,
    viva_source_code: Option<String>,
    viva_iris: Option<bool>,
    viva_accounts_url: Option<String>,
    viva_api_url: Option<String>,
    viva_www_url: Option<String>,
    payment_expiry_minutes: Option<NumberOrText>,
    payment_cleanup_seconds: Option<NumberOrText>,
    campaign_per_second: Option<NumberOrText>,
    time_zone: Option<String>,
    rf_prefix: Option<NumberOrText>,
    rf_width: Option<NumberOrText>,
    notice_iban: Option<String>,
    notice_bic: Option<String>,
    notice_beneficiary: Option<String>,
    notice_days: Option<NumberOrText>,
    taxisnet: Option<String>,
    gsis_environment: Option<String>,
    gsis_base_url: Option<String>,
    gsis_client_id: Option<String>,
    gsis_client_secret: Option<String>,
    gsis_scope: Option<String>,
    gsis_pkce: Option<bool>,
    gsis_timeout_secs: Option<NumberOrText>,
    gsis_redirect_url: Option<String>,
}

/// A number in the file may be written bare (`30`) or quoted (`"30"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum NumberOrText {
    Number(i64),
    Text(String),
}

impl From<NumberOrText> for String {
    fn from(value: NumberOrText) -> String {
        match value {
            NumberOrText::Number(n) => n.to_string(),
            NumberOrText::Text(t) => t,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the configuration file {path} is not valid TOML: {message}")]
    Parse { path: String, message: String },
    #[error("{key}: {value:?} is not an address like 127.0.0.1:3000")]
    Listen { key: &'static str, value: String },
    #[error("{key}: {value:?} is not a municipality code (1 to 8 digits)")]
    MunicipalityCode { key: &'static str, value: String },
    #[error("{key}: {value:?} must start with http:// or https://")]
    BaseUrl { key: &'static str, value: String },
    #[error("{key}: {value:?} must be \"json\" or \"text\"")]
    LogFormat { key: &'static str, value: String },
    #[error("{key}: {value:?} must be a whole number from 1 to {max}")]
    Number {
        key: &'static str,
        value: String,
        max: i64,
    },
    #[error("{key}: {value:?} must be on or off")]
    Switch { key: &'static str, value: String },
    #[error("DIMOS_PAYMENT_GATEWAY: {0:?} must be viva, sandbox or none")]
    Gateway(String),
    #[error(
        "DIMOS_PAYMENT_GATEWAY=sandbox: the sandbox bank approves any payment with a test card; \
         it runs only in demonstration mode (DIMOS_DEMO=on)"
    )]
    SandboxOutsideDemo,
    #[error(
        "DIMOS_DEMO=on with an https public address ({0}): demonstration parts (sandbox bank, \
         demo data) must not face the public; set DIMOS_ALLOW_DEMO=on (or --allow-demo) only \
         for a deliberate public demonstration"
    )]
    DemoOnHttps(String),
    #[error(
        "{key} is not set: it is a secret with no default (see the README's production checklist)"
    )]
    MissingSecret { key: &'static str },
    #[error("DIMOS_VIVA_ENVIRONMENT: {0:?} must be production or demo")]
    VivaEnvironment(String),
    #[error("DIMOS_MUNICIPALITY_AFM: {0:?} is not a valid ΑΦΜ (nine digits with a check digit)")]
    MunicipalityAfm(String),
    #[error("{key}: {reason}")]
    Notices { key: &'static str, reason: String },
    #[error(
        "notices need all of DIMOS_RF_PREFIX, DIMOS_NOTICE_IBAN and DIMOS_NOTICE_BIC (the RF \
         layout and account the municipality's bank assigned); {0} is not set"
    )]
    NoticesIncomplete(&'static str),
    #[error("DIMOS_TAXISNET: {0:?} must be gsis, sandbox or off")]
    Taxisnet(String),
    #[error(
        "DIMOS_TAXISNET=sandbox: the stand-in TAXISnet signs anyone in as a test taxpayer; it \
         runs only in demonstration mode (DIMOS_DEMO=on)"
    )]
    TaxisnetSandboxOutsideDemo,
    #[error(
        "DIMOS_GSIS_BASE_URL: {0:?} must start with https:// (the client secret and codes are \
         sent there; plain http only in demonstration mode, for a local fake)"
    )]
    GsisNotHttps(String),
    #[error("DIMOS_GSIS_ENVIRONMENT: {0:?} must be production or test")]
    GsisEnvironment(String),
    #[error("DIMOS_TIME_ZONE: {0}")]
    TimeZone(#[from] app::domain::time::UnknownTimeZone),
}

/// `on`/`off` (also `1`/`0`, `true`/`false`, `yes`/`no`).
fn switch(key: &'static str, value: Option<String>, default: bool) -> Result<bool, ConfigError> {
    match value
        .as_deref()
        .map(str::trim)
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None => Ok(default),
        Some("on" | "1" | "true" | "yes") => Ok(true),
        Some("off" | "0" | "false" | "no") => Ok(false),
        Some(_) => Err(ConfigError::Switch {
            key,
            value: value.unwrap_or_default(),
        }),
    }
}

/// A secret the chosen service needs: required, never defaulted.
fn required_secret(key: &'static str, value: Option<String>) -> Result<String, ConfigError> {
    value
        .filter(|v| !v.trim().is_empty())
        .ok_or(ConfigError::MissingSecret { key })
}

/// A switch the file gives as a boolean, as the environment would spell it.
fn on_off(value: Option<bool>) -> Option<String> {
    value.map(|b| if b { "on" } else { "off" }.to_owned())
}

fn number(
    key: &'static str,
    value: Option<String>,
    default: i64,
    max: i64,
) -> Result<i64, ConfigError> {
    match value {
        None => Ok(default),
        Some(text) => text
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or(ConfigError::Number {
                key,
                value: text,
                max,
            }),
    }
}

impl Config {
    /// Reads the optional file and the process environment; `allow_demo` is the command
    /// line's `--allow-demo`.
    pub fn load(file: Option<&Path>, allow_demo: bool) -> Result<Config, ConfigError> {
        let file_config = match file {
            Some(path) => read_file(path)?,
            None => FileConfig::default(),
        };
        Config::from_sources(file_config, |key| {
            if key == "DIMOS_ALLOW_DEMO" && allow_demo {
                return Some("on".into());
            }
            std::env::var(key).ok()
        })
    }

    /// Merges file values with environment values (the environment wins).
    pub fn from_sources(
        mut file: FileConfig,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let pick =
            |key: &str, from_file: Option<String>| env(key).filter(|v| !v.is_empty()).or(from_file);
        let defaults = SiteInfo::default();
        let file_notices = notices::FileNotices {
            rf_prefix: file.rf_prefix.take().map(String::from),
            rf_width: file.rf_width.take().map(String::from),
            iban: file.notice_iban.take(),
            bic: file.notice_bic.take(),
            beneficiary: file.notice_beneficiary.take(),
            days: file.notice_days.take().map(String::from),
        };
        let file_taxisnet = taxisnet::FileTaxisnet {
            choice: file.taxisnet.take(),
            environment: file.gsis_environment.take(),
            base_url: file.gsis_base_url.take(),
            client_id: file.gsis_client_id.take(),
            client_secret: file.gsis_client_secret.take(),
            scope: file.gsis_scope.take(),
            pkce: file.gsis_pkce.take(),
            timeout_secs: file.gsis_timeout_secs.take().map(String::from),
            redirect_url: file.gsis_redirect_url.take(),
        };

        let database_url = pick("DATABASE_URL", file.database_url)
            .unwrap_or_else(|| "sqlite://data/dimos.db".into());

        let listen_text =
            pick("DIMOS_LISTEN", file.listen).unwrap_or_else(|| "127.0.0.1:3000".into());
        let listen = listen_text.parse().map_err(|_| ConfigError::Listen {
            key: "DIMOS_LISTEN",
            value: listen_text.clone(),
        })?;

        let code_text = pick("DIMOS_MUNICIPALITY_CODE", file.municipality_code)
            .unwrap_or(defaults.municipality_code);
        let code =
            MunicipalityCode::parse(&code_text).map_err(|_| ConfigError::MunicipalityCode {
                key: "DIMOS_MUNICIPALITY_CODE",
                value: code_text.clone(),
            })?;

        let base = pick("DIMOS_PUBLIC_BASE_URL", file.public_base_url)
            .unwrap_or_else(|| format!("http://{listen}"));
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(ConfigError::BaseUrl {
                key: "DIMOS_PUBLIC_BASE_URL",
                value: base,
            });
        }

        let log_format = pick("DIMOS_LOG_FORMAT", file.log_format).unwrap_or_else(|| "text".into());
        let log_json = match log_format.as_str() {
            "json" => true,
            "text" => false,
            _ => {
                return Err(ConfigError::LogFormat {
                    key: "DIMOS_LOG_FORMAT",
                    value: log_format,
                })
            }
        };

        let site_root = pick("DIMOS_SITE_ROOT", file.site_root)
            .or_else(|| env("LEPTOS_SITE_ROOT"))
            .unwrap_or_else(|| "target/site".into());

        let session_idle_minutes = number(
            "DIMOS_SESSION_IDLE_MINUTES",
            pick(
                "DIMOS_SESSION_IDLE_MINUTES",
                file.session_idle_minutes.map(String::from),
            ),
            30,
            24 * 60,
        )?;
        let session_max_hours = number(
            "DIMOS_SESSION_MAX_HOURS",
            pick(
                "DIMOS_SESSION_MAX_HOURS",
                file.session_max_hours.map(String::from),
            ),
            12,
            24 * 30,
        )?;
        let auth_attempts_per_minute = number(
            "DIMOS_AUTH_ATTEMPTS_PER_MINUTE",
            pick(
                "DIMOS_AUTH_ATTEMPTS_PER_MINUTE",
                file.auth_attempts_per_minute.map(String::from),
            ),
            10,
            10_000,
        )? as u32;

        let protocol_timeout_secs = number(
            "DIMOS_PROTOCOL_TIMEOUT_SECS",
            pick(
                "DIMOS_PROTOCOL_TIMEOUT_SECS",
                file.protocol_timeout_secs.map(String::from),
            ),
            10,
            300,
        )?;

        let demo = switch("DIMOS_DEMO", pick("DIMOS_DEMO", on_off(file.demo)), false)?;
        let allow_demo = switch(
            "DIMOS_ALLOW_DEMO",
            pick("DIMOS_ALLOW_DEMO", on_off(file.allow_demo)),
            false,
        )?;
        if demo && base.starts_with("https://") && !allow_demo {
            return Err(ConfigError::DemoOnHttps(base));
        }
        let gateway = gateway::gateway_choice(
            |key, from_file| pick(key, from_file),
            gateway::FileGateway {
                choice: file.payment_gateway.take(),
                environment: file.viva_environment.take(),
                client_id: file.viva_client_id.take(),
                client_secret: file.viva_client_secret.take(),
                merchant_id: file.viva_merchant_id.take(),
                api_key: file.viva_api_key.take(),
                source_code: file.viva_source_code.take(),
                iris: file.viva_iris.take(),
                accounts_url: file.viva_accounts_url.take(),
                api_url: file.viva_api_url.take(),
                www_url: file.viva_www_url.take(),
            },
            demo,
        )?;
        let iris = matches!(&gateway, GatewayChoice::Viva(viva) if viva.iris);
        let protocol_url = pick("DIMOS_PROTOCOL_URL", file.protocol_url);
        let protocol_token = pick("DIMOS_PROTOCOL_TOKEN", file.protocol_token);
        let protocol_token = match &protocol_url {
            Some(_) => required_secret("DIMOS_PROTOCOL_TOKEN", protocol_token)?,
            None => String::new(),
        };
        let trusted_proxies = number(
            "DIMOS_TRUSTED_PROXIES",
            pick(
                "DIMOS_TRUSTED_PROXIES",
                file.trusted_proxies.map(String::from),
            ),
            1,
            10,
        )? as usize;
        let comments_per_hour = number(
            "DIMOS_COMMENTS_PER_HOUR",
            pick(
                "DIMOS_COMMENTS_PER_HOUR",
                file.comments_per_hour.map(String::from),
            ),
            10,
            10_000,
        )? as u32;

        let payment_expiry_minutes = number(
            "DIMOS_PAYMENT_EXPIRY_MINUTES",
            pick(
                "DIMOS_PAYMENT_EXPIRY_MINUTES",
                file.payment_expiry_minutes.map(String::from),
            ),
            90,
            24 * 60,
        )?;

        let payment_cleanup_seconds = number(
            "DIMOS_PAYMENT_CLEANUP_SECONDS",
            pick(
                "DIMOS_PAYMENT_CLEANUP_SECONDS",
                file.payment_cleanup_seconds.map(String::from),
            ),
            60,
            3600,
        )?;

        let campaign_per_second = number(
            "DIMOS_CAMPAIGN_PER_SECOND",
            pick(
                "DIMOS_CAMPAIGN_PER_SECOND",
                file.campaign_per_second.map(String::from),
            ),
            10,
            1000,
        )? as u32;

        // The ΑΦΜ printed on receipts must be one (checked like any other).
        let municipality_afm = pick("DIMOS_MUNICIPALITY_AFM", file.municipality_afm)
            .unwrap_or(defaults.municipality_afm.clone());
        if app::domain::Afm::parse(&municipality_afm).is_err() {
            return Err(ConfigError::MunicipalityAfm(municipality_afm));
        }
        let time_zone = app::domain::time::time_zone(
            &pick("DIMOS_TIME_ZONE", file.time_zone)
                .unwrap_or_else(|| app::domain::time::DEFAULT_TIME_ZONE.into()),
        )?;

        let notices = notices::notice_settings(
            |key, from_file| pick(key, from_file),
            &file_notices,
            demo,
            &pick(
                "DIMOS_MUNICIPALITY_NAME_EL",
                file.municipality_name_el.clone(),
            )
            .unwrap_or(defaults.municipality_name_el.clone()),
        )?;

        let taxisnet = taxisnet::taxisnet_choice(
            |key, from_file| pick(key, from_file),
            file_taxisnet,
            demo,
            &base,
        )?;

        Ok(Config {
            notices,
            time_zone,
            payment_expiry_minutes,
            payment_cleanup_seconds,
            campaign_per_second,
            bank_secret: pick("DIMOS_BANK_SECRET", file.bank_secret).filter(|s| !s.is_empty()),
            demo,
            gateway,
            trusted_proxies,
            comments_per_hour,
            protocol_url,
            protocol_token,
            protocol_timeout_secs,
            session_idle_minutes,
            session_max_hours,
            auth_attempts_per_minute,
            bank_inbox_dir: pick("DIMOS_BANK_INBOX_DIR", file.bank_inbox_dir)
                .filter(|d| !d.trim().is_empty())
                .map(PathBuf::from),
            outbox_dir: PathBuf::from(
                pick("DIMOS_OUTBOX_DIR", file.outbox_dir).unwrap_or_else(|| "data/outbox".into()),
            ),
            smtp_url: pick("DIMOS_SMTP_URL", file.smtp_url),
            mail_from: pick("DIMOS_MAIL_FROM", file.mail_from)
                .unwrap_or_else(|| "Dimos <no-reply@demo-municipality.example>".into()),
            client_ip_header: pick("DIMOS_CLIENT_IP_HEADER", file.client_ip_header)
                .map(|h| h.to_ascii_lowercase()),
            database_url,
            listen,
            site: SiteInfo {
                municipality_name_el: pick("DIMOS_MUNICIPALITY_NAME_EL", file.municipality_name_el)
                    .unwrap_or(defaults.municipality_name_el),
                municipality_name_en: pick("DIMOS_MUNICIPALITY_NAME_EN", file.municipality_name_en)
                    .unwrap_or(defaults.municipality_name_en),
                municipality_code: code.to_string(),
                public_base_url: base.trim_end_matches('/').to_owned(),
                contact_email: pick("DIMOS_CONTACT_EMAIL", file.contact_email)
                    .unwrap_or(defaults.contact_email),
                municipality_afm,
                municipality_address: pick("DIMOS_MUNICIPALITY_ADDRESS", file.municipality_address)
                    .unwrap_or(defaults.municipality_address),
                iris,
                taxisnet: taxisnet != TaxisnetChoice::Off,
            },
            site_root: PathBuf::from(site_root),
            log_json,
            taxisnet,
        })
    }

    /// The scheme, host and port of the public base URL, as browsers send it in `Origin`.
    pub fn public_origin(&self) -> String {
        origin_of(&self.site.public_base_url)
    }

    pub fn is_https(&self) -> bool {
        self.site.public_base_url.starts_with("https://")
    }
}

fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let authority = rest.split('/').next().unwrap_or(rest);
    format!("{scheme}://{authority}")
}

fn read_file(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.display().to_string(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| ConfigError::Parse {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    pub(super) fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |key| map.get(key).cloned()
    }

    #[test]
    fn defaults_run_locally_on_sqlite() {
        let config = Config::from_sources(FileConfig::default(), env(&[])).unwrap();
        assert_eq!(config.database_url, "sqlite://data/dimos.db");
        assert_eq!(config.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(config.public_origin(), "http://127.0.0.1:3000");
        assert_eq!(config.site.municipality_code, "1234");
        assert_eq!(config.time_zone.iana_name(), Some("Europe/Athens"));
    }

    #[test]
    fn environment_wins_over_file() {
        let file: FileConfig =
            toml::from_str("municipality_code = \"1111\"\nlisten = \"0.0.0.0:8080\"").unwrap();
        let config =
            Config::from_sources(file, env(&[("DIMOS_MUNICIPALITY_CODE", "2222")])).unwrap();
        assert_eq!(config.site.municipality_code, "2222");
        assert_eq!(config.listen.to_string(), "0.0.0.0:8080");
    }

    #[test]
    fn bad_values_are_named() {
        let err =
            Config::from_sources(FileConfig::default(), env(&[("DIMOS_LISTEN", "localhost")]))
                .unwrap_err();
        assert!(err.to_string().contains("DIMOS_LISTEN"), "{err}");
        let err = Config::from_sources(
            FileConfig::default(),
            env(&[("DIMOS_MUNICIPALITY_CODE", "12a")]),
        )
        .unwrap_err();
        assert!(err.to_string().contains("municipality code"), "{err}");
        assert!(toml::from_str::<FileConfig>("typo_key = 1").is_err());
        let err = Config::from_sources(
            FileConfig::default(),
            env(&[("DIMOS_TIME_ZONE", "Europe/Atlantis")]),
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("DIMOS_TIME_ZONE") && err.to_string().contains("IANA"),
            "{err}"
        );
    }

    #[test]
    fn demo_parts_are_off_unless_enabled_and_never_on_https_by_default() {
        let config = Config::from_sources(FileConfig::default(), env(&[])).unwrap();
        assert!(!config.demo);
        assert_eq!(
            config.gateway,
            GatewayChoice::None,
            "no sandbox bank by default"
        );
        assert_eq!(config.bank_secret, None, "no secret has a default");

        let demo =
            Config::from_sources(FileConfig::default(), env(&[("DIMOS_DEMO", "on")])).unwrap();
        assert_eq!(demo.gateway, GatewayChoice::Sandbox);

        let err = Config::from_sources(
            FileConfig::default(),
            env(&[("DIMOS_PAYMENT_GATEWAY", "sandbox")]),
        )
        .unwrap_err();
        assert!(matches!(err, ConfigError::SandboxOutsideDemo), "{err}");

        let https = [
            ("DIMOS_DEMO", "on"),
            ("DIMOS_PUBLIC_BASE_URL", "https://e.dimos.gr"),
        ];
        let err = Config::from_sources(FileConfig::default(), env(&https)).unwrap_err();
        assert!(err.to_string().contains("DIMOS_ALLOW_DEMO"), "{err}");
        let allowed = [
            ("DIMOS_DEMO", "on"),
            ("DIMOS_PUBLIC_BASE_URL", "https://e.dimos.gr"),
            ("DIMOS_ALLOW_DEMO", "on"),
        ];
        assert!(Config::from_sources(FileConfig::default(), env(&allowed)).is_ok());
    }

    #[test]
    fn a_real_acquirer_needs_every_secret_named() {
        let mut pairs = vec![
            ("DIMOS_PAYMENT_GATEWAY", "viva"),
            ("DIMOS_VIVA_CLIENT_ID", "id"),
            ("DIMOS_VIVA_CLIENT_SECRET", "secret"),
            ("DIMOS_VIVA_MERCHANT_ID", "merchant"),
            ("DIMOS_VIVA_API_KEY", "key"),
            ("DIMOS_VIVA_SOURCE_CODE", "1234"),
        ];
        let config = Config::from_sources(FileConfig::default(), env(&pairs)).unwrap();
        let GatewayChoice::Viva(viva) = config.gateway else {
            panic!("viva chosen")
        };
        assert_eq!(viva.api_url, "https://api.vivapayments.com");
        for missing in 1..pairs.len() {
            let mut without = pairs.clone();
            let (key, _) = without.remove(missing);
            let err = Config::from_sources(FileConfig::default(), env(&without)).unwrap_err();
            assert!(err.to_string().starts_with(key), "{err}");
        }
        pairs.push(("DIMOS_VIVA_ENVIRONMENT", "demo"));
        let config = Config::from_sources(FileConfig::default(), env(&pairs)).unwrap();
        let GatewayChoice::Viva(viva) = config.gateway else {
            panic!("viva chosen")
        };
        assert_eq!(viva.www_url, "https://demo.vivapayments.com");
        let err = Config::from_sources(
            FileConfig::default(),
            env(&[("DIMOS_PROTOCOL_URL", "https://protocol.example")]),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("DIMOS_PROTOCOL_TOKEN"), "{err}");
    }

    #[test]
    fn origin_drops_the_path() {
        assert_eq!(origin_of("https://e.dimos.gr/portal"), "https://e.dimos.gr");
    }
}
