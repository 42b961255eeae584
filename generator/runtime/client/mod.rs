//! An HTTP client for the routes (feature `client`): send any [`Route`] and
//! get its typed response, follow `@odata.nextLink` as a stream, retry
//! throttled requests, send JSON batches and upload large files. A thin
//! layer over the sans-IO [`Route`]: requests are built and responses read
//! by [`crate::support`]; this module only moves them, on `reqwest` (rustls)
//! and `tokio`, with a `tracing` span per attempt.
//!
//! ```no_run
//! # async fn run() -> Result<(), msgraph_typed::client::Error> {
//! use futures_util::TryStreamExt;
//! use msgraph_typed::client::{Client, StaticToken};
//! use msgraph_typed::support::{CollectionPage, RequestRoute};
//!
//! let client = Client::new(StaticToken::new(std::env::var("GRAPH_TOKEN").unwrap_or_default()));
//! let users = RequestRoute::<CollectionPage<serde_json::Value>>::get("/users");
//! let all: Vec<serde_json::Value> = client.items(&users).try_collect().await?;
//! # Ok(()) }
//! ```

#[cfg(feature = "azure")]
mod azure;
mod error;
mod identity;
mod paging;
mod retry;
mod token;
mod upload;

#[cfg(feature = "azure")]
pub use azure::AzureCredential;
pub use error::Error;
pub use identity::{authority_host, ClientSecret, DeviceCode, DeviceCodePrompt, IdentityError};
pub use retry::{is_idempotent, is_retryable, retry_after, RetryPolicy};
pub use token::{StaticToken, TokenError, TokenSource};

use http::{HeaderMap, HeaderValue, StatusCode};
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

use crate::support::{self, ApiVersion, ConsistencyLevel, Prefer, Request, Route};

/// A national cloud (or the global service): where Graph is hosted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cloud {
    /// The global service, `graph.microsoft.com`.
    #[default]
    Global,
    /// US Government L4, `graph.microsoft.us`.
    UsGovL4,
    /// US Government L5 (DOD), `dod-graph.microsoft.us`.
    UsGovL5,
    /// China operated by 21Vianet, `microsoftgraph.chinacloudapi.cn`.
    China,
}

impl Cloud {
    /// The service root, such as `https://graph.microsoft.com`.
    pub fn root(self) -> &'static str {
        match self {
            Cloud::Global => "https://graph.microsoft.com",
            Cloud::UsGovL4 => "https://graph.microsoft.us",
            Cloud::UsGovL5 => "https://dod-graph.microsoft.us",
            Cloud::China => "https://microsoftgraph.chinacloudapi.cn",
        }
    }

    /// The base URL of a version in this cloud.
    pub fn base_url(self, version: ApiVersion) -> String {
        format!("{}/{}", self.root(), version.as_str())
    }
}

/// A response as received: status, headers and body.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Vec<u8>,
}

/// Sends routes to Microsoft Graph. Cheap to clone (the connection pool
/// and token source are shared).
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Arc<str>,
    /// Where requests for beta-only routes go: the cloud's `beta` base, or
    /// `None` when the base is `beta` already or a URL of the caller's.
    beta_base: Option<Arc<str>>,
    tokens: Arc<dyn TokenSource>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`]: the base URL (a cloud and version, or any URL such
/// as a local test server), the token source, the retry policy.
#[must_use]
pub struct ClientBuilder {
    tokens: Arc<dyn TokenSource>,
    cloud: Cloud,
    version: ApiVersion,
    base_url: Option<String>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    http: Option<reqwest::Client>,
}

/// How long one attempt may take, headers and body, unless
/// [`ClientBuilder::timeout`] says otherwise: 100 seconds, as the .NET and
/// Kiota Graph clients wait.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(100);

impl ClientBuilder {
    /// The cloud (global by default).
    pub fn cloud(mut self, cloud: Cloud) -> Self {
        self.cloud = cloud;
        self
    }

    /// The API version (`v1.0` by default).
    pub fn version(mut self, version: ApiVersion) -> Self {
        self.version = version;
        self
    }

    /// A base URL of its own, replacing cloud and version (such as
    /// `http://127.0.0.1:8080/v1.0`); every request goes there, beta-only
    /// routes too.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The retry policy ([`RetryPolicy::default`] unless set).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// How long one attempt may take ([`DEFAULT_TIMEOUT`] unless set);
    /// `None` waits as long as the connection lasts. An attempt that runs
    /// out is an error ([`Error::is_timeout`]), not retried: the service
    /// may have acted on it.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// A `reqwest` client of the caller's (proxies, connection settings, ...).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The client.
    pub fn build(self) -> Client {
        let beta_base = (self.base_url.is_none() && self.version != ApiVersion::Beta)
            .then(|| Arc::from(self.cloud.base_url(ApiVersion::Beta)));
        let base = self
            .base_url
            .unwrap_or_else(|| self.cloud.base_url(self.version))
            .trim_end_matches('/')
            .to_owned();
        Client {
            http: self.http.unwrap_or_default(),
            base: base.into(),
            beta_base,
            tokens: self.tokens,
            retry: self.retry,
            timeout: self.timeout,
        }
    }
}

/// The scheme, host and port of a URL (`https://host:port`), to tell the
/// service's own URLs from others.
fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

/// A `client-request-id` for one request (a random version-4 UUID: `uuid`
/// sets the version and variant bits of the random bytes).
fn client_request_id() -> String {
    uuid::Builder::from_random_bytes(fastrand::u128(..).to_le_bytes())
        .into_uuid()
        .to_string()
}

impl Client {
    /// A client for the global service, `v1.0`, with default retries.
    pub fn new(tokens: impl TokenSource + 'static) -> Client {
        Client::builder(tokens).build()
    }

    /// A builder, to choose the cloud, version, base URL or retries.
    pub fn builder(tokens: impl TokenSource + 'static) -> ClientBuilder {
        ClientBuilder {
            tokens: Arc::new(tokens),
            cloud: Cloud::Global,
            version: ApiVersion::V1_0,
            base_url: None,
            retry: RetryPolicy::default(),
            timeout: Some(DEFAULT_TIMEOUT),
            http: None,
        }
    }

    /// The base URL requests are sent against.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// The base URL for a request: the `beta` base of the cloud for a
    /// request built for `beta` (a beta-only route), else [`Client::base_url`].
    fn base_for(&self, request: &Request) -> &str {
        match (&self.beta_base, request.version) {
            (Some(beta), ApiVersion::Beta) => beta,
            _ => &self.base,
        }
    }

    /// Sends a route and reads its typed response: the value, the bytes of
    /// a content download, [`support::NoContent`] for `204`.
    pub async fn send<R: Route>(&self, route: &R) -> Result<R::Response, Error> {
        self.call(route).send().await
    }

    /// A call of a route, to set request headers before sending it.
    pub fn call<R: Route>(&self, route: &R) -> Call<'_, R> {
        Call {
            client: self,
            request: route.to_request(),
            route: PhantomData,
        }
    }

    /// Sends a request (retrying as the policy says) and gives the response
    /// as received, whatever its status.
    pub async fn execute(&self, request: &Request) -> Result<RawResponse, Error> {
        self.execute_with(request, true).await
    }

    /// [`Client::execute`]; `authorize` false sends no token (as for upload
    /// URLs). A token goes only to the base URL's own origin.
    async fn execute_with(&self, request: &Request, authorize: bool) -> Result<RawResponse, Error> {
        let base = self.base_for(request);
        let url = request.url(base);
        let authorize = authorize && origin(&url).eq_ignore_ascii_case(origin(base));
        let mut headers = request.headers.clone();
        let id = match headers.get("client-request-id").and_then(|v| v.to_str().ok()) {
            Some(id) => id.to_owned(),
            None => {
                let id = client_request_id();
                headers.insert(
                    "client-request-id",
                    HeaderValue::from_str(&id).map_err(support::Error::from)?,
                );
                id
            }
        };
        let mut retries = 0;
        loop {
            let span = tracing::info_span!(
                "graph_request",
                method = %request.method,
                url = %url,
                attempt = retries + 1,
                client_request_id = %id,
            );
            let response = self
                .attempt(request, &url, &headers, authorize)
                .instrument(span.clone())
                .await?;
            let delay = self
                .retry
                .delay(&request.method, response.status, &response.headers, retries);
            span.in_scope(|| {
                let request_id = response.headers.get("request-id").and_then(|v| v.to_str().ok());
                match delay {
                    Some(wait) => {
                        tracing::warn!(status = %response.status, request_id, wait_ms = wait.as_millis() as u64, "retrying")
                    }
                    None => tracing::debug!(status = %response.status, request_id, "response"),
                }
            });
            match delay {
                Some(wait) => {
                    tokio::time::sleep(wait).await;
                    retries += 1;
                }
                None => return Ok(response),
            }
        }
    }

    /// One attempt: the token, the request, the whole response body.
    async fn attempt(
        &self,
        request: &Request,
        url: &str,
        headers: &HeaderMap,
        authorize: bool,
    ) -> Result<RawResponse, Error> {
        let mut builder = self.http.request(request.method.clone(), url).headers(headers.clone());
        if let Some(timeout) = self.timeout {
            builder = builder.timeout(timeout);
        }
        if authorize {
            let token = self.tokens.token().await.map_err(Error::Token)?;
            builder = builder.bearer_auth(token);
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let response = builder.send().await?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await?.to_vec();
        Ok(RawResponse { status, headers, body })
    }
}

/// One route about to be sent, with its request headers.
#[must_use = "a call does nothing until sent"]
pub struct Call<'c, R> {
    client: &'c Client,
    request: Result<Request, support::Error>,
    route: PhantomData<fn() -> R>,
}

impl<'c, R: Route> Call<'c, R> {
    fn map(mut self, f: impl FnOnce(Request) -> Result<Request, support::Error>) -> Self {
        self.request = self.request.and_then(f);
        self
    }

    /// Sets `ConsistencyLevel` (for advanced queries: `$count`, `$search`,
    /// `endsWith`, ...).
    pub fn consistency_level(self, level: ConsistencyLevel) -> Self {
        self.map(|r| Ok(r.consistency_level(level)))
    }

    /// Sets `Prefer`.
    pub fn prefer(self, prefer: &Prefer) -> Self {
        self.map(|r| r.prefer(prefer))
    }

    /// Sets any other header.
    pub fn header(self, name: &str, value: &str) -> Self {
        self.map(|r| r.with_header(name, value))
    }

    /// The request as it will be sent (relative to the base URL).
    pub fn request(&self) -> Result<&Request, &support::Error> {
        self.request.as_ref()
    }

    /// Sends it and reads the typed response.
    pub async fn send(self) -> Result<R::Response, Error> {
        let request = self.request?;
        let response = self.client.execute(&request).await?;
        Ok(R::parse_response(response.status, &response.headers, &response.body)?)
    }
}

/// The OData query options the operation's page documents, typed by the
/// model it answers: `client.users().list().select([User::DISPLAY_NAME]).top(5)`.
/// Each is there only when the route's page documents it
/// ([`support::Queryable`]).
impl<'c, R: Route + support::Queryable> Call<'c, R> {
    fn options(self, options: support::QueryOptions) -> Self {
        self.map(|r| Ok(r.merge_query(&options)))
    }

    /// Adds properties to `$select`.
    pub fn select(self, properties: impl IntoIterator<Item = support::Property<R::Item>>) -> Self
    where
        R: support::Queryable<Select = support::Yes>,
    {
        self.options(support::QueryOptions::new().select(properties.into_iter().map(support::Property::name)))
    }

    /// Adds navigation properties to `$expand`.
    pub fn expand(self, properties: impl IntoIterator<Item = support::Navigation<R::Item>>) -> Self
    where
        R: support::Queryable<Expand = support::Yes>,
    {
        self.options(support::QueryOptions::new().expand(properties.into_iter().map(support::Navigation::name)))
    }

    /// Sets `$filter`: built from the model's properties
    /// (`User::DISPLAY_NAME.starts_with("A")`) or a string.
    pub fn filter(self, expression: impl Into<support::FilterExpr<R::Item>>) -> Self
    where
        R: support::Queryable<Filter = support::Yes>,
    {
        let expression = expression.into();
        self.options(support::QueryOptions::new().filter(expression.as_str()))
    }

    /// Adds sort keys to `$orderby`: properties, ascending, or
    /// [`support::Property::desc`].
    pub fn order_by<K: Into<support::OrderKey<R::Item>>>(self, keys: impl IntoIterator<Item = K>) -> Self
    where
        R: support::Queryable<OrderBy = support::Yes>,
    {
        let keys: Vec<String> = keys.into_iter().map(|k| k.into().as_str().to_owned()).collect();
        self.options(support::QueryOptions::new().order_by(keys))
    }

    /// Sets `$top`: at most this many items per page.
    pub fn top(self, top: u64) -> Self
    where
        R: support::Queryable<Top = support::Yes>,
    {
        self.options(support::QueryOptions::new().top(top))
    }

    /// Sets `$skip`.
    pub fn skip(self, skip: u64) -> Self
    where
        R: support::Queryable<Skip = support::Yes>,
    {
        self.options(support::QueryOptions::new().skip(skip))
    }

    /// Sets `$count` (with `ConsistencyLevel: eventual` on directory
    /// objects: [`Call::consistency_level`]).
    pub fn count(self, count: bool) -> Self
    where
        R: support::Queryable<Count = support::Yes>,
    {
        self.options(support::QueryOptions::new().count(count))
    }

    /// Sets `$search`, sent as given (`"displayName:team"`, in double quotes).
    pub fn search(self, expression: impl Into<String>) -> Self
    where
        R: support::Queryable<Search = support::Yes>,
    {
        self.options(support::QueryOptions::new().search(expression))
    }
}

/// A call is awaited as it is sent: `client.users().by_id(id).get().await?`.
impl<'c, R> std::future::IntoFuture for Call<'c, R>
where
    R: Route + 'c,
    R::Response: Send + 'c,
{
    type Output = Result<R::Response, Error>;
    type IntoFuture = futures_util::future::BoxFuture<'c, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// Navigation from a client gives calls: `client.users().list()` is the
/// call of `ListUsers`, to await, page through or give headers.
impl<'c> support::Context for &'c Client {
    type Call<R: Route> = Call<'c, R>;

    fn call<R: Route>(&self, route: R) -> Call<'c, R> {
        Client::call(self, &route)
    }
}

impl Client {
    /// The root of navigation by path, sending through this client
    /// (`client.graph().users()` is `client.users()`).
    pub fn graph(&self) -> crate::nav::Graph<&Self> {
        crate::nav::Graph::with_context(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compare_scheme_host_and_port() {
        assert_eq!(
            origin("https://graph.microsoft.com/v1.0/users?x=1"),
            "https://graph.microsoft.com"
        );
        assert_eq!(origin("http://127.0.0.1:8080/v1.0"), "http://127.0.0.1:8080");
        assert_eq!(origin("https://h?x"), "https://h");
        assert_eq!(origin("https://h"), "https://h");
        assert_ne!(
            origin("https://graph.microsoft.com.evil/x"),
            origin("https://graph.microsoft.com/x")
        );
    }

    #[test]
    fn client_request_ids_are_version_4_uuids() {
        for _ in 0..20 {
            let id = client_request_id();
            let parts: Vec<&str> = id.split('-').collect();
            assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12]);
            assert!(parts[2].starts_with('4'), "{id}");
            assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"), "{id}");
        }
    }

    #[test]
    fn clouds_and_versions_make_the_base() {
        let base = |b: ClientBuilder| b.build().base_url().to_owned();
        let builder = || Client::builder(StaticToken::new("t"));
        assert_eq!(base(builder()), "https://graph.microsoft.com/v1.0");
        assert_eq!(
            base(builder().cloud(Cloud::UsGovL4).version(ApiVersion::Beta)),
            "https://graph.microsoft.us/beta"
        );
        assert_eq!(
            base(builder().cloud(Cloud::China)),
            "https://microsoftgraph.chinacloudapi.cn/v1.0"
        );
        assert_eq!(
            base(builder().base_url("http://127.0.0.1:9/v1.0/")),
            "http://127.0.0.1:9/v1.0"
        );
    }

    #[test]
    fn a_request_built_for_beta_goes_to_the_clouds_beta_base() {
        let beta = Request::new(http::Method::GET, "/x").with_version(ApiVersion::Beta);
        let v1 = Request::new(http::Method::GET, "/x");
        let client = Client::builder(StaticToken::new("t")).cloud(Cloud::UsGovL4).build();
        assert_eq!(client.base_for(&beta), "https://graph.microsoft.us/beta");
        assert_eq!(client.base_for(&v1), "https://graph.microsoft.us/v1.0");
        let beta_client = Client::builder(StaticToken::new("t")).version(ApiVersion::Beta).build();
        assert_eq!(beta_client.base_for(&v1), "https://graph.microsoft.com/beta");
        let local = Client::builder(StaticToken::new("t"))
            .base_url("http://127.0.0.1:9/v1.0")
            .build();
        assert_eq!(local.base_for(&beta), "http://127.0.0.1:9/v1.0");
    }
}
