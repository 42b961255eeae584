//! Tokens from the Microsoft identity platform without another crate
//! (feature `client`): app-only tokens from a client secret (OAuth 2.0 client
//! credentials, for daemons such as Intune automation) and delegated tokens
//! by device code sign-in (for command-line tools: the user signs in on
//! another device). Each token is kept until shortly before it expires; a
//! device code sign-in is renewed with its refresh token, so the user signs
//! in once. For certificates, managed identity or workload identity, use an
//! Azure SDK credential through `AzureCredential` (feature `azure`).
//!
//! ```no_run
//! use msgraph_typed::client::{Client, ClientSecret, DeviceCode};
//!
//! let app = Client::new(ClientSecret::new("contoso.onmicrosoft.com", "client-id", "secret"));
//! let user = Client::new(DeviceCode::new("organizations", "client-id", ["User.Read"], |prompt| {
//!     eprintln!("{}", prompt.message)
//! }));
//! ```

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::future::BoxFuture;
use serde::Deserialize;

use super::token::{TokenError, TokenSource};
use super::Cloud;

/// How long before its expiry a token is renewed.
const RENEW_BEFORE: Duration = Duration::from_secs(300);

/// The OAuth 2.0 grant type of a device code token request.
const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// The sign-in host of a cloud, such as `https://login.microsoftonline.com`.
pub fn authority_host(cloud: Cloud) -> &'static str {
    match cloud {
        Cloud::Global => "https://login.microsoftonline.com",
        Cloud::UsGovL4 | Cloud::UsGovL5 => "https://login.microsoftonline.us",
        Cloud::China => "https://login.chinacloudapi.cn",
    }
}

/// An error answer of the identity platform (`invalid_client`,
/// `authorization_declined`, ...), with its `AADSTS` description.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("sign-in failed ({status}): {error}: {description}")]
pub struct IdentityError {
    /// The HTTP status.
    pub status: u16,
    /// The OAuth error code (`invalid_client`).
    pub error: String,
    /// What the service says, such as `AADSTS7000215: Invalid client secret provided.`
    pub description: String,
}

/// What a token endpoint answers, success or error.
#[derive(Debug, Default, Deserialize)]
struct TokenAnswer {
    #[serde(default)]
    access_token: Option<String>,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    error_description: Option<String>,
}

/// A token kept until `renew_at`.
#[derive(Debug, Clone)]
struct Cached {
    token: String,
    renew_at: Instant,
}

impl Cached {
    fn new(token: String, expires_in: Option<u64>) -> Self {
        let lifetime = Duration::from_secs(expires_in.unwrap_or(0));
        // Renewed five minutes early, or halfway through a short lifetime.
        let early = RENEW_BEFORE.min(lifetime / 2);
        Cached {
            token,
            renew_at: Instant::now() + lifetime - early,
        }
    }

    fn current(&self) -> Option<String> {
        (Instant::now() < self.renew_at).then(|| self.token.clone())
    }
}

/// The service's error answer (or, with no OAuth error in it, the start of
/// the body), `missing` naming what a success would have held.
fn identity_error(status: u16, bytes: &[u8], missing: &str) -> TokenError {
    let answer: TokenAnswer = serde_json::from_slice(bytes).unwrap_or_default();
    Box::new(IdentityError {
        status,
        error: answer.error.unwrap_or_else(|| missing.to_string()),
        description: answer
            .error_description
            .unwrap_or_else(|| String::from_utf8_lossy(bytes).chars().take(300).collect()),
    })
}

/// An app signing in: its sign-in host, tenant and client id, and the
/// HTTP client that talks to the host.
#[derive(Debug, Clone)]
struct App {
    authority: String,
    tenant: String,
    client_id: String,
    http: reqwest::Client,
}

impl App {
    fn new(tenant: String, client_id: String) -> Self {
        App {
            authority: authority_host(Cloud::Global).to_string(),
            tenant,
            client_id,
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .build()
                .unwrap_or_default(),
        }
    }

    /// `{authority}/{tenant}/oauth2/v2.0/{endpoint}`.
    fn url(&self, endpoint: &str) -> String {
        format!("{}/{}/oauth2/v2.0/{endpoint}", self.authority, self.tenant)
    }

    /// Posts a form to an endpoint: the status and body.
    async fn post(&self, endpoint: &str, form: &[(&str, &str)]) -> Result<(u16, Vec<u8>), TokenError> {
        let response = self.http.post(self.url(endpoint)).form(form).send().await?;
        let status = response.status().as_u16();
        Ok((status, response.bytes().await?.to_vec()))
    }

    /// Posts a form to the token endpoint: the access token and what else
    /// came with it, or the service's error.
    async fn token(&self, form: &[(&str, &str)]) -> Result<TokenAnswer, TokenError> {
        let (status, bytes) = self.post("token", form).await?;
        match serde_json::from_slice::<TokenAnswer>(&bytes) {
            Ok(answer) if (200..300).contains(&status) && answer.access_token.is_some() && answer.error.is_none() => {
                Ok(answer)
            }
            _ => Err(identity_error(status, &bytes, "no_token")),
        }
    }
}

/// App-only tokens from a client secret (OAuth 2.0 client credentials),
/// for the `.default` scope of a cloud's Graph: every application
/// permission granted to the app.
#[derive(Clone)]
pub struct ClientSecret {
    app: App,
    secret: String,
    scope: String,
    cached: Arc<Mutex<Option<Cached>>>,
}

impl std::fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secret is left out.
        f.debug_struct("ClientSecret")
            .field("app", &self.app)
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

impl ClientSecret {
    /// Tokens for the global service, signing in to `tenant` (its id or a
    /// verified domain) as the app `client_id` with `secret`.
    pub fn new(tenant: impl Into<String>, client_id: impl Into<String>, secret: impl Into<String>) -> Self {
        ClientSecret {
            app: App::new(tenant.into(), client_id.into()),
            secret: secret.into(),
            scope: format!("{}/.default", Cloud::Global.root()),
            cached: Arc::default(),
        }
    }

    /// Signs in to a national cloud, for its own Graph host.
    pub fn cloud(mut self, cloud: Cloud) -> Self {
        self.app.authority = authority_host(cloud).to_string();
        self.scope = format!("{}/.default", cloud.root());
        self
    }

    /// Signs in at another authority host (a test server, a proxy).
    pub fn authority(mut self, host: impl Into<String>) -> Self {
        self.app.authority = host.into().trim_end_matches('/').to_string();
        self
    }

    /// The token endpoint asked.
    pub fn token_url(&self) -> String {
        self.app.url("token")
    }
}

impl TokenSource for ClientSecret {
    fn token(&self) -> BoxFuture<'_, Result<String, TokenError>> {
        Box::pin(async move {
            let kept = self.cached.lock().unwrap_or_else(PoisonError::into_inner).clone();
            if let Some(token) = kept.and_then(|c| c.current()) {
                return Ok(token);
            }
            let form = [
                ("grant_type", "client_credentials"),
                ("client_id", self.app.client_id.as_str()),
                ("client_secret", self.secret.as_str()),
                ("scope", self.scope.as_str()),
            ];
            let answer = self.app.token(&form).await?;
            let token = answer.access_token.unwrap_or_default();
            *self.cached.lock().unwrap_or_else(PoisonError::into_inner) =
                Some(Cached::new(token.clone(), answer.expires_in));
            Ok(token)
        })
    }
}

/// What the user is asked to do to sign in with a device code.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DeviceCodePrompt {
    /// The code to enter (`ABCD-EFGH`).
    pub user_code: String,
    /// Where to enter it (`https://microsoft.com/devicelogin`).
    pub verification_uri: String,
    /// The service's sentence saying both, to show as it is.
    #[serde(default)]
    pub message: String,
}

/// What the device code endpoint answers.
#[derive(Debug, Deserialize)]
struct DeviceCodeAnswer {
    device_code: String,
    #[serde(flatten)]
    prompt: DeviceCodePrompt,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    interval: Option<u64>,
}

/// The signed-in state of a device code source.
#[derive(Debug, Default)]
struct Session {
    cached: Option<Cached>,
    refresh_token: Option<String>,
}

/// Delegated tokens by device code sign-in: on the first request the user
/// is shown a code and a URL (through `prompt`) and signs in on any device;
/// later tokens come from the refresh token without asking again.
#[derive(Clone)]
pub struct DeviceCode {
    app: App,
    scopes: String,
    prompt: Arc<dyn Fn(&DeviceCodePrompt) + Send + Sync>,
    session: Arc<Mutex<Session>>,
    /// One sign-in at a time: concurrent requests wait for it.
    signing_in: Arc<futures_util::lock::Mutex<()>>,
}

impl std::fmt::Debug for DeviceCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceCode")
            .field("app", &self.app)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

impl DeviceCode {
    /// Device code sign-in to `tenant` (an id, a domain, `organizations` or
    /// `common`) for the public client app `client_id`, asking for `scopes`
    /// (`User.Read`, `DeviceManagementManagedDevices.Read.All`; Graph's
    /// host is added to bare names, and `offline_access` for renewal).
    pub fn new<S: AsRef<str>>(
        tenant: impl Into<String>,
        client_id: impl Into<String>,
        scopes: impl IntoIterator<Item = S>,
        prompt: impl Fn(&DeviceCodePrompt) + Send + Sync + 'static,
    ) -> Self {
        let scopes: Vec<String> = scopes.into_iter().map(|s| s.as_ref().to_string()).collect();
        DeviceCode {
            app: App::new(tenant.into(), client_id.into()),
            scopes: scope_list(Cloud::Global, &scopes),
            prompt: Arc::new(prompt),
            session: Arc::default(),
            signing_in: Arc::default(),
        }
    }

    /// Signs in to a national cloud, for its own Graph host (set before
    /// the scopes are qualified: call it right after `new`).
    pub fn cloud(mut self, cloud: Cloud) -> Self {
        self.app.authority = authority_host(cloud).to_string();
        let bare: Vec<String> = self
            .scopes
            .split(' ')
            .map(|s| s.rsplit_once('/').map_or(s, |(_, name)| name).to_string())
            .filter(|s| s != "offline_access")
            .collect();
        self.scopes = scope_list(cloud, &bare);
        self
    }

    /// Signs in at another authority host (a test server, a proxy).
    pub fn authority(mut self, host: impl Into<String>) -> Self {
        self.app.authority = host.into().trim_end_matches('/').to_string();
        self
    }

    /// The scopes asked for, space-separated as sent.
    pub fn requested_scopes(&self) -> &str {
        &self.scopes
    }

    /// Keeps a token answer: the token until it expires, the refresh token
    /// for the next one.
    fn keep(&self, answer: TokenAnswer) -> String {
        let token = answer.access_token.unwrap_or_default();
        let mut session = self.session.lock().unwrap_or_else(PoisonError::into_inner);
        session.cached = Some(Cached::new(token.clone(), answer.expires_in));
        if answer.refresh_token.is_some() {
            session.refresh_token = answer.refresh_token;
        }
        token
    }

    /// The user signs in: the code is shown, then the token endpoint asked
    /// every `interval` seconds until they have, declined, or the code expired.
    async fn sign_in(&self) -> Result<String, TokenError> {
        let form = [
            ("client_id", self.app.client_id.as_str()),
            ("scope", self.scopes.as_str()),
        ];
        let (status, bytes) = self.app.post("devicecode", &form).await?;
        let code: DeviceCodeAnswer = match serde_json::from_slice(&bytes) {
            Ok(code) if (200..300).contains(&status) => code,
            _ => return Err(identity_error(status, &bytes, "no_device_code")),
        };
        (self.prompt)(&code.prompt);
        let deadline = Instant::now() + Duration::from_secs(code.expires_in.unwrap_or(900));
        let mut interval = Duration::from_secs(code.interval.unwrap_or(5));
        let form = [
            ("grant_type", DEVICE_CODE_GRANT),
            ("client_id", self.app.client_id.as_str()),
            ("device_code", code.device_code.as_str()),
        ];
        loop {
            tokio::time::sleep(interval).await;
            match self.app.token(&form).await {
                Ok(answer) => return Ok(self.keep(answer)),
                Err(error) => {
                    let pending = error
                        .downcast_ref::<IdentityError>()
                        .map(|e| e.error.as_str())
                        .filter(|e| matches!(*e, "authorization_pending" | "slow_down"));
                    match pending {
                        Some("slow_down") => interval += Duration::from_secs(5),
                        Some(_) => {}
                        None => return Err(error),
                    }
                    if Instant::now() >= deadline {
                        return Err(Box::new(IdentityError {
                            status: 400,
                            error: "expired_token".to_string(),
                            description: "the device code expired before the user signed in".to_string(),
                        }));
                    }
                }
            }
        }
    }
}

/// Scopes as sent: Graph's host before bare permission names, and
/// `offline_access` for a refresh token.
fn scope_list(cloud: Cloud, scopes: &[String]) -> String {
    let mut out: Vec<String> = scopes
        .iter()
        .map(|s| {
            if s.contains("://") || s == "offline_access" || s == "openid" || s == "profile" {
                s.clone()
            } else {
                format!("{}/{s}", cloud.root())
            }
        })
        .collect();
    if !out.iter().any(|s| s == "offline_access") {
        out.push("offline_access".to_string());
    }
    out.join(" ")
}

impl TokenSource for DeviceCode {
    fn token(&self) -> BoxFuture<'_, Result<String, TokenError>> {
        Box::pin(async move {
            let current = || {
                let session = self.session.lock().unwrap_or_else(PoisonError::into_inner);
                session.cached.as_ref().and_then(Cached::current)
            };
            if let Some(token) = current() {
                return Ok(token);
            }
            let _one = self.signing_in.lock().await;
            // Another request may have signed in while this one waited.
            if let Some(token) = current() {
                return Ok(token);
            }
            let refresh = self
                .session
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .refresh_token
                .clone();
            if let Some(refresh) = refresh {
                let form = [
                    ("grant_type", "refresh_token"),
                    ("client_id", self.app.client_id.as_str()),
                    ("refresh_token", refresh.as_str()),
                    ("scope", self.scopes.as_str()),
                ];
                match self.app.token(&form).await {
                    Ok(answer) => return Ok(self.keep(answer)),
                    // A refresh token revoked or expired: sign in again.
                    Err(_) => {
                        self.session
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .refresh_token = None
                    }
                }
            }
            self.sign_in().await
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_scopes_get_graphs_host_and_offline_access() {
        let scopes = [
            "User.Read".to_string(),
            "https://graph.microsoft.com/Mail.Read".to_string(),
        ];
        assert_eq!(
            scope_list(Cloud::Global, &scopes),
            "https://graph.microsoft.com/User.Read https://graph.microsoft.com/Mail.Read offline_access"
        );
        let source = DeviceCode::new("organizations", "app", ["User.Read"], |_| {}).cloud(Cloud::UsGovL4);
        assert_eq!(
            source.requested_scopes(),
            "https://graph.microsoft.us/User.Read offline_access"
        );
    }

    #[test]
    fn a_token_is_renewed_before_it_expires() {
        let hour = Cached::new("t".into(), Some(3600));
        assert!(hour.current().is_some());
        assert!(hour.renew_at <= Instant::now() + Duration::from_secs(3300));
        assert!(Cached::new("t".into(), Some(0)).current().is_none());
        assert!(Cached::new("t".into(), None).current().is_none());
    }
}
