//! TAXISnet (GSIS OAuth 2.0): the authorization-code flow through the `oauth2` crate, then
//! `userinfo?format=xml`, whose `<userinfo>` element names the taxpayer. The built-in
//! stand-in speaks the same wire format, so this one client serves both.

use super::{Authorization, IdentityFuture, IdentityProvider, ProviderError};
use crate::domain::identity::{Taxpayer, TaxpayerFields};
use oauth2::basic::BasicClient;
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet,
    EndpointSet, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope,
    TokenResponse, TokenUrl,
};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::time::Duration;

/// Largest userinfo answer read (a real one is a few hundred bytes).
const MAX_USERINFO_BYTES: usize = 64 * 1024;

/// Where and who: endpoints, the portal's registration, and how long to wait.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GsisSettings {
    pub authorize_url: String,
    pub token_url: String,
    pub userinfo_url: String,
    /// `{client_id}` is replaced by the client id; `None`: no sign-out at the provider.
    pub logout_url: Option<String>,
    pub client_id: String,
    pub client_secret: String,
    /// Space-separated; GSIS's is `read`.
    pub scope: String,
    /// The portal's callback, exactly as registered with the provider.
    pub redirect_url: String,
    /// Send a PKCE challenge (the stand-in checks it; GSIS does not document it).
    pub pkce: bool,
    pub timeout: Duration,
}

impl GsisSettings {
    /// GSIS's production and test environments, by name; endpoints under one base.
    pub fn preset(environment: &str) -> Option<&'static str> {
        match environment {
            "production" => Some("https://www1.gsis.gr/oauth2server"),
            "test" => Some("https://test.gsis.gr/oauth2server"),
            _ => None,
        }
    }

    /// The four endpoints under a GSIS-style base address.
    pub fn under(base: &str) -> [String; 4] {
        let base = base.trim_end_matches('/');
        [
            format!("{base}/oauth/authorize"),
            format!("{base}/oauth/token"),
            format!("{base}/userinfo?format=xml"),
            format!("{base}/logout/{{client_id}}/"),
        ]
    }
}

type Client = BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

pub struct GsisProvider {
    settings: GsisSettings,
    client: Client,
    http: reqwest::Client,
}

#[derive(Debug, thiserror::Error)]
#[error("the TAXISnet setting {0} is not a usable address")]
pub struct BadSetting(pub &'static str);

impl GsisProvider {
    pub fn new(settings: GsisSettings) -> Result<GsisProvider, BadSetting> {
        let client = BasicClient::new(ClientId::new(settings.client_id.clone()))
            .set_client_secret(ClientSecret::new(settings.client_secret.clone()))
            .set_auth_uri(
                AuthUrl::new(settings.authorize_url.clone())
                    .map_err(|_| BadSetting("authorize URL"))?,
            )
            .set_token_uri(
                TokenUrl::new(settings.token_url.clone()).map_err(|_| BadSetting("token URL"))?,
            )
            .set_redirect_uri(
                RedirectUrl::new(settings.redirect_url.clone())
                    .map_err(|_| BadSetting("redirect URL"))?,
            )
            // GSIS's clients send their credentials in the form body.
            .set_auth_type(AuthType::RequestBody);
        reqwest::Url::parse(&settings.userinfo_url).map_err(|_| BadSetting("userinfo URL"))?;
        let http = reqwest::Client::builder()
            .timeout(settings.timeout)
            // The token endpoint must never pass the code or keys on to another address.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|_| BadSetting("HTTP client"))?;
        Ok(GsisProvider {
            settings,
            client,
            http,
        })
    }

    async fn token(&self, code: &str, pkce_verifier: &str) -> Result<String, ProviderError> {
        let mut request = self
            .client
            .exchange_code(AuthorizationCode::new(code.to_owned()));
        if !pkce_verifier.is_empty() {
            request = request.set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()));
        }
        match request.request_async(&self.http).await {
            Ok(token) => Ok(token.access_token().secret().clone()),
            Err(RequestTokenError::ServerResponse(answer)) => {
                Err(ProviderError::Refused(answer.error().to_string()))
            }
            Err(RequestTokenError::Request(error)) => {
                Err(ProviderError::Unavailable(format!("token: {error}")))
            }
            Err(RequestTokenError::Parse(_, _)) => Err(ProviderError::Unavailable(
                "token: the answer was not a token".into(),
            )),
            Err(RequestTokenError::Other(what)) => {
                Err(ProviderError::Unavailable(format!("token: {what}")))
            }
        }
    }

    async fn userinfo(&self, access_token: &str) -> Result<Taxpayer, ProviderError> {
        let response = self
            .http
            .get(&self.settings.userinfo_url)
            .bearer_auth(access_token)
            .send()
            .await
            .map_err(|e| ProviderError::Unavailable(format!("userinfo: {e}")))?;
        let status = response.status();
        if status == reqwest::StatusCode::UNAUTHORIZED || status == reqwest::StatusCode::FORBIDDEN {
            return Err(ProviderError::Refused(format!("userinfo: {status}")));
        }
        if !status.is_success() {
            return Err(ProviderError::Unavailable(format!("userinfo: {status}")));
        }
        if response
            .content_length()
            .is_some_and(|n| n > MAX_USERINFO_BYTES as u64)
        {
            return Err(ProviderError::Invalid("userinfo: too large".into()));
        }
        // Read a piece at a time: an answer without a length stops at the bound too.
        let mut response = response;
        let mut body = Vec::new();
        while let Some(piece) = response
            .chunk()
            .await
            .map_err(|e| ProviderError::Unavailable(format!("userinfo: {e}")))?
        {
            if body.len() + piece.len() > MAX_USERINFO_BYTES {
                return Err(ProviderError::Invalid("userinfo: too large".into()));
            }
            body.extend_from_slice(&piece);
        }
        let text = std::str::from_utf8(&body)
            .map_err(|_| ProviderError::Invalid("userinfo: not UTF-8".into()))?;
        let fields = read_userinfo(text).map_err(ProviderError::Invalid)?;
        fields
            .parse()
            .map_err(|e| ProviderError::Invalid(format!("userinfo: {e}")))
    }
}

impl IdentityProvider for GsisProvider {
    fn name(&self) -> &'static str {
        "taxisnet"
    }

    fn authorize(&self) -> Authorization {
        let mut request = self.client.authorize_url(CsrfToken::new_random);
        for scope in self.settings.scope.split_whitespace() {
            request = request.add_scope(Scope::new(scope.to_owned()));
        }
        let mut pkce_verifier = String::new();
        if self.settings.pkce {
            let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
            request = request.set_pkce_challenge(challenge);
            pkce_verifier = verifier.secret().clone();
        }
        let (url, state) = request.url();
        Authorization {
            url: url.to_string(),
            state: state.secret().clone(),
            pkce_verifier,
        }
    }

    fn identify<'a>(&'a self, code: &'a str, pkce_verifier: &'a str) -> IdentityFuture<'a> {
        Box::pin(async move {
            let access_token = self.token(code, pkce_verifier).await?;
            self.userinfo(&access_token).await
        })
    }

    fn logout_url(&self, return_to: &str) -> Option<String> {
        let template = self.settings.logout_url.as_deref()?;
        let base = template.replace("{client_id}", &self.settings.client_id);
        let mut url = reqwest::Url::parse(&base).ok()?;
        url.query_pairs_mut().append_pair("url", return_to);
        Some(url.to_string())
    }
}

const XML: XmlVersion = XmlVersion::Implicit1_0;

/// PKCE's S256 challenge of a verifier (what the stand-in checks the verifier against).
pub fn pkce_s256(verifier: &str) -> String {
    PkceCodeChallenge::from_code_verifier_sha256(&PkceCodeVerifier::new(verifier.to_owned()))
        .as_str()
        .to_owned()
}

/// A userinfo answer in GSIS's form: one `<userinfo>` element with attributes.
pub fn userinfo_xml(taxpayer: &Taxpayer) -> String {
    use quick_xml::escape::escape;
    let optional = |v: &Option<String>| escape(v.as_deref().unwrap_or("")).into_owned();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><root><userinfo userid=\"{}\" taxid=\"{}\" \
         lastname=\"{}\" firstname=\"{}\" fathername=\"{}\" mothername=\"{}\" birthyear=\"{}\"/></root>",
        escape(taxpayer.subject.as_str()),
        escape(taxpayer.afm.as_str()),
        escape(taxpayer.last_name.as_str()),
        escape(taxpayer.first_name.as_str()),
        optional(&taxpayer.father_name),
        optional(&taxpayer.mother_name),
        taxpayer.birth_year.map(|y| y.to_string()).unwrap_or_default(),
    )
}

/// The fields of the first `<userinfo>` element: its attributes (GSIS's form) or, failing
/// those, its child elements' text. Unknown attributes and elements are ignored.
pub fn read_userinfo(xml: &str) -> Result<TaxpayerFields, String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut fields = TaxpayerFields::default();
    let mut inside = false;
    let mut child: Option<String> = None;
    let mut text = String::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("userinfo XML at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(start) if !inside && is_userinfo(&start) => {
                take_attributes(&start, &mut fields);
                inside = true;
            }
            Event::Empty(start) if !inside && is_userinfo(&start) => {
                take_attributes(&start, &mut fields);
                return Ok(fields);
            }
            Event::Start(start) if inside => {
                child = Some(start.local_name().as_ref().to_owned());
                text.clear();
            }
            Event::Text(content) if child.is_some() => {
                text.push_str(content.xml_content(XML).as_ref());
            }
            Event::CData(content) if child.is_some() => {
                text.push_str(&content);
            }
            Event::GeneralRef(reference) if child.is_some() => {
                text.extend(crate::backend::xml::predefined_entity(&reference));
            }
            Event::End(end) if inside => {
                if let Some(name) = child.take() {
                    set(&mut fields, &name, std::mem::take(&mut text), false);
                } else if end.local_name().as_ref() == "userinfo" {
                    return Ok(fields);
                }
            }
            Event::Eof if inside => return Err("userinfo XML ends inside <userinfo>".into()),
            Event::Eof => return Err("no <userinfo> element in the answer".into()),
            _ => {}
        }
    }
}

fn is_userinfo(start: &BytesStart<'_>) -> bool {
    start.local_name().as_ref() == "userinfo"
}

fn take_attributes(start: &BytesStart<'_>, fields: &mut TaxpayerFields) {
    for attribute in start.attributes().flatten() {
        let name = attribute.key.local_name().as_ref().to_owned();
        if let Ok(value) = attribute.normalized_value(XML) {
            set(fields, &name, value.into_owned(), true);
        }
    }
}

/// Puts one named value in its field; an attribute wins over a child element of the same
/// name (the first form GSIS documents).
fn set(fields: &mut TaxpayerFields, name: &str, value: String, attribute: bool) {
    let slot = match name {
        "userid" => &mut fields.subject,
        "taxid" => &mut fields.afm,
        "firstname" => &mut fields.first_name,
        "lastname" => &mut fields.last_name,
        "fathername" => &mut fields.father_name,
        "mothername" => &mut fields.mother_name,
        "birthyear" => &mut fields.birth_year,
        _ => return,
    };
    if attribute || slot.is_none() {
        *slot = Some(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userinfo_is_read_from_attributes_or_children() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?><root><userinfo userid="User064 " taxid="090000045" lastname="ΠΑΠΑΔΟΠΟΥΛΟΥ" firstname="ΜΑΡΙΑ" fathername="ΓΕΩΡΓΙΟΣ" mothername="ΕΛΕΝΗ" birthyear="1980" extra="ignored"/></root>"#;
        let taxpayer = read_userinfo(xml).expect("read").parse().expect("valid");
        assert_eq!(taxpayer.subject, "User064");
        assert_eq!(taxpayer.afm.as_str(), "090000045");
        assert_eq!(taxpayer.mother_name.as_deref(), Some("ΕΛΕΝΗ"));
        let children = "<root><userinfo><userid>u1</userid><taxid>090000045</taxid>\
            <lastname>A &amp; B</lastname><firstname>C</firstname><other>x</other></userinfo></root>";
        let taxpayer = read_userinfo(children)
            .expect("read")
            .parse()
            .expect("valid");
        assert_eq!(taxpayer.last_name, "A & B");
    }

    #[test]
    fn what_the_stand_in_writes_reads_back() {
        let taxpayer = TaxpayerFields {
            subject: Some("test-1".into()),
            afm: Some("100000015".into()),
            first_name: Some("Ο \"Μικρός\" & <Ο>".into()),
            last_name: Some("Ζ".into()),
            ..TaxpayerFields::default()
        }
        .parse()
        .expect("valid");
        let back = read_userinfo(&userinfo_xml(&taxpayer))
            .expect("read")
            .parse()
            .expect("valid");
        assert_eq!(back, taxpayer);
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(
            pkce_s256(verifier),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn broken_or_foreign_answers_are_refused() {
        assert!(read_userinfo("<root><user taxid=\"090000045\"/></root>").is_err());
        assert!(read_userinfo("<root><userinfo userid=\"u\">").is_err());
        assert!(read_userinfo("not xml <").is_err());
        let missing =
            read_userinfo("<userinfo userid=\"u\" firstname=\"A\" lastname=\"B\"/>").expect("read");
        assert!(missing.parse().is_err(), "no taxid");
    }

    #[test]
    fn the_logout_address_carries_the_client_and_the_return() {
        let [authorize_url, token_url, userinfo_url, logout] =
            GsisSettings::under("https://test.gsis.gr/oauth2server/");
        let provider = GsisProvider::new(GsisSettings {
            authorize_url,
            token_url,
            userinfo_url,
            logout_url: Some(logout),
            client_id: "dimos".into(),
            client_secret: "s".into(),
            scope: "read".into(),
            redirect_url: "https://dimos.example/auth/taxisnet/callback".into(),
            pkce: true,
            timeout: Duration::from_secs(5),
        })
        .expect("settings");
        assert_eq!(
            provider.logout_url("https://dimos.example/?signed_out=1").as_deref(),
            Some("https://test.gsis.gr/oauth2server/logout/dimos/?url=https%3A%2F%2Fdimos.example%2F%3Fsigned_out%3D1")
        );
        let begun = provider.authorize();
        assert!(begun
            .url
            .starts_with("https://test.gsis.gr/oauth2server/oauth/authorize?"));
        for part in [
            "response_type=code",
            "client_id=dimos",
            "scope=read",
            "code_challenge_method=S256",
        ] {
            assert!(begun.url.contains(part), "{} lacks {part}", begun.url);
        }
        assert!(begun.url.contains(&format!("state={}", begun.state)));
        assert!(!begun.pkce_verifier.is_empty());
    }
}
