//! Where the client gets its access tokens: a small trait, so any credential
//! library (or a token the caller already has) can supply them.

use futures_util::future::BoxFuture;

/// An error from a token source, whatever its kind.
pub type TokenError = Box<dyn std::error::Error + Send + Sync>;

/// Supplies a bearer token for each request. Implementations cache and
/// refresh as they see fit; the client asks once per attempt.
pub trait TokenSource: Send + Sync {
    /// A current access token for Microsoft Graph (without `Bearer `).
    fn token(&self) -> BoxFuture<'_, Result<String, TokenError>>;
}

/// A token fixed when the client is built (from the environment, a test, or
/// a flow run elsewhere).
#[derive(Clone)]
pub struct StaticToken(String);

impl StaticToken {
    /// A source that always gives `token`.
    pub fn new(token: impl Into<String>) -> Self {
        StaticToken(token.into())
    }
}

impl std::fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

impl TokenSource for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<String, TokenError>> {
        Box::pin(std::future::ready(Ok(self.0.clone())))
    }
}
