//! Large-file upload sessions: the session `createUploadSession` answers
//! with, the request for each byte range (`Content-Range`), and reading
//! where to resume. Sans-IO: the client (or any other) sends the requests.

use http::Method;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::error::Error;
use super::request::Request;

/// Chunk sizes should be a multiple of this (320 KiB), as Graph asks.
pub const UPLOAD_CHUNK_MULTIPLE: usize = 320 * 1024;

/// An upload session: where to send the bytes and which are still wanted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadSession {
    /// The URL the byte ranges go to. It authorises the upload itself: send
    /// no `Authorization` header to it.
    #[serde(default)]
    pub upload_url: String,
    /// When the session expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date_time: Option<String>,
    /// The ranges still wanted, such as `["0-"]` or `["26-", "52-60"]`.
    #[serde(default)]
    pub next_expected_ranges: Vec<String>,
    /// Other properties, kept as sent.
    #[serde(flatten)]
    pub additional_properties: BTreeMap<String, serde_json::Value>,
}

impl UploadSession {
    /// The first byte the service still wants (the start of the first
    /// expected range); `None` when it lists none.
    pub fn next_offset(&self) -> Option<u64> {
        let first = self.next_expected_ranges.first()?;
        first.split('-').next()?.trim().parse().ok()
    }

    /// The request sending `content[offset..offset + len]` of a file of
    /// `content.len()` bytes: `PUT` to the upload URL with `Content-Range`.
    /// `len` is cut at the end of the content.
    pub fn chunk_request(&self, content: &[u8], offset: u64, len: usize) -> Result<Request, Error> {
        let total = content.len() as u64;
        let start = offset.min(total);
        let end = start.saturating_add(len as u64).min(total);
        let range = if end > start {
            format!("bytes {start}-{}/{total}", end - 1)
        } else {
            format!("bytes */{total}")
        };
        Request::new(Method::PUT, self.upload_url.clone())
            .with_body(
                "application/octet-stream",
                content[start as usize..end as usize].to_vec(),
            )?
            .with_header("Content-Range", &range)
    }

    /// The request asking the service which ranges it still wants (to
    /// resume an interrupted upload).
    pub fn status_request(&self) -> Request {
        Request::new(Method::GET, self.upload_url.clone())
    }

    /// The request cancelling the session.
    pub fn cancel_request(&self) -> Request {
        Request::new(Method::DELETE, self.upload_url.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sessions_read_and_build_ranges() {
        let session: UploadSession = serde_json::from_value(json!({
            "uploadUrl": "https://up.example/s?x=1",
            "expirationDateTime": "2015-01-29T09:21:55.523Z",
            "nextExpectedRanges": ["26-", "52-60"]
        }))
        .unwrap();
        assert_eq!(session.next_offset(), Some(26));
        let content: Vec<u8> = (0..100u8).collect();
        let r = session.chunk_request(&content, 26, 50).unwrap();
        assert_eq!(r.method, Method::PUT);
        assert_eq!(r.url("https://graph.microsoft.com/v1.0"), "https://up.example/s?x=1");
        assert_eq!(r.headers["content-range"], "bytes 26-75/100");
        assert_eq!(r.body.as_deref(), Some(&content[26..76]));
        // The last chunk is cut at the end.
        let r = session.chunk_request(&content, 90, 50).unwrap();
        assert_eq!(r.headers["content-range"], "bytes 90-99/100");
        assert_eq!(r.body.unwrap().len(), 10);
        assert_eq!(UploadSession::default().next_offset(), None);
        assert_eq!(session.status_request().method, Method::GET);
        assert_eq!(session.cancel_request().method, Method::DELETE);
    }
}
