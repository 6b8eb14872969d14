//! What the stand-in TAXISnet keeps (in the server's state): its client's secret, the codes
//! and tokens it handed out, and where it lives. Its pages and endpoints are the parent's.

use app::domain::identity::Taxpayer;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Where the stand-in lives on the portal's own address.
pub const BASE_PATH: &str = "/sandbox-taxisnet/oauth2server";
/// The client id the portal is registered under at the stand-in.
pub const CLIENT_ID: &str = "dimos-sandbox";

pub(super) const CODE_LIFE: Duration = Duration::from_secs(60);
pub(super) const TOKEN_LIFE: Duration = Duration::from_secs(300);
/// Codes and tokens held at most (the one that ends first makes room).
const MAX_HELD: usize = 10_000;

/// The documented test taxpayers: `(userid, ΑΦΜ, first name, last name, father's name)`.
pub const TEST_TAXPAYERS: [(&str, &str, &str, &str, &str); 3] = [
    (
        "test-maria",
        "100000015",
        "ΜΑΡΙΑ",
        "ΠΑΠΑΔΟΠΟΥΛΟΥ",
        "ΓΕΩΡΓΙΟΣ",
    ),
    (
        "test-giorgos",
        "100000027",
        "ΓΕΩΡΓΙΟΣ",
        "ΝΙΚΟΛΑΟΥ",
        "ΔΗΜΗΤΡΙΟΣ",
    ),
    ("test-eleni", "100000039", "ΕΛΕΝΗ", "ΔΗΜΗΤΡΙΟΥ", "ΙΩΑΝΝΗΣ"),
];

pub(super) struct Grant {
    pub(super) taxpayer: Taxpayer,
    pub(super) redirect_uri: String,
    pub(super) code_challenge: Option<String>,
    pub(super) until: Instant,
}

/// The stand-in's keys and what it has handed out.
pub struct SandboxTaxisnet {
    pub(super) client_secret: String,
    pub(super) codes: Mutex<HashMap<String, Grant>>,
    pub(super) tokens: Mutex<HashMap<String, (Taxpayer, Instant)>>,
}

impl SandboxTaxisnet {
    pub fn new(client_secret: String) -> SandboxTaxisnet {
        SandboxTaxisnet {
            client_secret,
            codes: Mutex::new(HashMap::new()),
            tokens: Mutex::new(HashMap::new()),
        }
    }
}

/// Keeps `value` under `key`, forgetting what is no longer `alive`; when still full, the
/// entry that ends first makes room (a flood of requests cannot lock sign-ins out).
pub(super) fn hold<V>(
    map: &Mutex<HashMap<String, V>>,
    key: String,
    value: V,
    alive: impl Fn(&V) -> bool,
    until: impl Fn(&V) -> Instant,
) {
    if let Ok(mut map) = map.lock() {
        map.retain(|_, v| alive(v));
        if map.len() >= MAX_HELD {
            let first = map
                .iter()
                .min_by_key(|(_, v)| until(v))
                .map(|(k, _)| k.clone());
            if let Some(first) = first {
                map.remove(&first);
            }
        }
        map.insert(key, value);
    }
}
