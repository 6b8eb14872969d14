//! Configuration: defaults, then an optional TOML file, then environment variables.

use app::domain::MunicipalityCode;
use app::site::SiteInfo;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

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
    /// Shared secret for the bank's signatures (HMAC-SHA256).
    pub bank_secret: String,
    /// Serve the built-in sandbox bank under `/sandbox-bank/…`.
    pub sandbox_bank: bool,
    /// Card payments unfinished after this long are settled by the clean-up job.
    pub payment_expiry_minutes: i64,
    /// How often the clean-up job looks for unfinished payments.
    pub payment_cleanup_seconds: i64,
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
    site_root: Option<String>,
    log_format: Option<String>,
    session_idle_minutes: Option<NumberOrText>,
    session_max_hours: Option<NumberOrText>,
    outbox_dir: Option<String>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    auth_attempts_per_minute: Option<NumberOrText>,
    client_ip_header: Option<String>,
    protocol_url: Option<String>,
    protocol_token: Option<String>,
    protocol_timeout_secs: Option<NumberOrText>,
    bank_secret: Option<String>,
    sandbox_bank: Option<bool>,
    payment_expiry_minutes: Option<NumberOrText>,
    payment_cleanup_seconds: Option<NumberOrText>,
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
    /// Reads the optional file and the process environment.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let file_config = match file {
            Some(path) => read_file(path)?,
            None => FileConfig::default(),
        };
        Config::from_sources(file_config, |key| std::env::var(key).ok())
    }

    /// Merges file values with environment values (the environment wins).
    pub fn from_sources(
        file: FileConfig,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let pick =
            |key: &str, from_file: Option<String>| env(key).filter(|v| !v.is_empty()).or(from_file);
        let defaults = SiteInfo::default();

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

        let sandbox_bank = match env("DIMOS_SANDBOX_BANK").as_deref() {
            Some("0" | "false" | "off") => false,
            Some(_) => true,
            None => file.sandbox_bank.unwrap_or(true),
        };

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

        Ok(Config {
            payment_expiry_minutes,
            payment_cleanup_seconds,
            bank_secret: pick("DIMOS_BANK_SECRET", file.bank_secret)
                .unwrap_or_else(|| "sandbox-bank-secret-for-local-runs".into()),
            sandbox_bank,
            protocol_url: pick("DIMOS_PROTOCOL_URL", file.protocol_url),
            protocol_token: pick("DIMOS_PROTOCOL_TOKEN", file.protocol_token).unwrap_or_default(),
            protocol_timeout_secs,
            session_idle_minutes,
            session_max_hours,
            auth_attempts_per_minute,
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
            },
            site_root: PathBuf::from(site_root),
            log_json,
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

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
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
    }

    #[test]
    fn origin_drops_the_path() {
        assert_eq!(origin_of("https://e.dimos.gr/portal"), "https://e.dimos.gr");
    }
}
