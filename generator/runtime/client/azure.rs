//! Tokens from the Azure SDK's credentials (feature `azure`): any
//! [`azure_core::credentials::TokenCredential`], such as the client-secret,
//! managed-identity, workload-identity or Azure CLI credentials of the
//! `azure_identity` crate, becomes the client's [`TokenSource`]. The
//! credential does the flow and its caching; this adapter only asks it for
//! Graph's scope.
//!
//! ```no_run
//! # fn run(credential: std::sync::Arc<dyn azure_core::credentials::TokenCredential>) {
//! use msgraph_typed::client::{AzureCredential, Client, Cloud};
//!
//! // `credential` from `azure_identity`, e.g. `ClientSecretCredential::new(...)`.
//! let client = Client::builder(AzureCredential::new(credential).cloud(Cloud::UsGovL4))
//!     .cloud(Cloud::UsGovL4)
//!     .build();
//! # }
//! ```

use std::sync::Arc;

use azure_core::credentials::TokenCredential;
use futures_util::future::BoxFuture;

use super::token::{TokenError, TokenSource};
use super::Cloud;

/// A [`TokenSource`] over an Azure SDK credential, asking for Graph's
/// `.default` scope of a cloud (or scopes of the caller's).
#[derive(Debug, Clone)]
pub struct AzureCredential {
    credential: Arc<dyn TokenCredential>,
    scopes: Vec<String>,
}

impl AzureCredential {
    /// Tokens from `credential` for the global service
    /// (`https://graph.microsoft.com/.default`).
    pub fn new(credential: Arc<dyn TokenCredential>) -> Self {
        AzureCredential {
            credential,
            scopes: vec![default_scope(Cloud::Global)],
        }
    }

    /// Asks for the `.default` scope of `cloud` instead (a national cloud's
    /// tokens are for its own Graph host).
    pub fn cloud(mut self, cloud: Cloud) -> Self {
        self.scopes = vec![default_scope(cloud)];
        self
    }

    /// Asks for these scopes instead (delegated flows that name theirs).
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// The scopes asked for.
    pub fn requested_scopes(&self) -> &[String] {
        &self.scopes
    }
}

/// `{root}/.default` of a cloud: every permission granted to the app.
fn default_scope(cloud: Cloud) -> String {
    format!("{}/.default", cloud.root())
}

impl TokenSource for AzureCredential {
    fn token(&self) -> BoxFuture<'_, Result<String, TokenError>> {
        Box::pin(async move {
            let scopes: Vec<&str> = self.scopes.iter().map(String::as_str).collect();
            let token = self.credential.get_token(&scopes, None).await?;
            Ok(token.token.secret().to_owned())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cloud_asks_for_its_own_graph_host() {
        assert_eq!(default_scope(Cloud::Global), "https://graph.microsoft.com/.default");
        assert_eq!(
            default_scope(Cloud::China),
            "https://microsoftgraph.chinacloudapi.cn/.default"
        );
    }
}
