//! Large-file uploads: create the session with any route answering an
//! upload session (`createUploadSession`), then send the content range by
//! range to the session's URL (no token: the URL authorises itself), and
//! resume an interrupted upload from the ranges the service still wants.

use serde::de::DeserializeOwned;

use super::{Client, Error};
use crate::support::{RequestRoute, Route, UploadSession, UPLOAD_CHUNK_MULTIPLE};

impl Client {
    /// Sends a `createUploadSession` route and reads the session it answers.
    pub async fn create_upload_session<R: Route>(&self, route: &R) -> Result<UploadSession, Error> {
        self.send(&RequestRoute::<UploadSession>::new(route.to_request()?))
            .await
    }

    /// Uploads `content` through `session`, `chunk_size` bytes at a time
    /// (rounded down to a multiple of 320 KiB, at least one), from the first
    /// range the session still wants; gives the created item (`T`, such as
    /// a drive item) from the last response.
    pub async fn upload<T: DeserializeOwned>(
        &self,
        session: &UploadSession,
        content: &[u8],
        chunk_size: usize,
    ) -> Result<T, Error> {
        let chunk = (chunk_size / UPLOAD_CHUNK_MULTIPLE).max(1) * UPLOAD_CHUNK_MULTIPLE;
        self.upload_chunks(session, content, chunk).await
    }

    /// Resumes an upload: asks the session's URL which ranges it still
    /// wants, then sends them.
    pub async fn resume_upload<T: DeserializeOwned>(
        &self,
        upload_url: &str,
        content: &[u8],
        chunk_size: usize,
    ) -> Result<T, Error> {
        let session = UploadSession {
            upload_url: upload_url.to_owned(),
            ..UploadSession::default()
        };
        let response = self.execute_with(&session.status_request(), false).await?;
        let mut status =
            RequestRoute::<UploadSession>::parse_response(response.status, &response.headers, &response.body)?;
        status.upload_url = upload_url.to_owned();
        self.upload(&status, content, chunk_size).await
    }

    /// The upload loop with the chunk size as given (tests use small ones).
    pub(crate) async fn upload_chunks<T: DeserializeOwned>(
        &self,
        session: &UploadSession,
        content: &[u8],
        chunk: usize,
    ) -> Result<T, Error> {
        let mut offset = session.next_offset().unwrap_or(0);
        loop {
            if offset >= content.len() as u64 && !content.is_empty() {
                return Err(Error::Upload(format!(
                    "the service still wants bytes from {offset}, past the end of the {} bytes",
                    content.len()
                )));
            }
            let request = session.chunk_request(content, offset, chunk)?;
            let response = self.execute_with(&request, false).await?;
            if response.status == http::StatusCode::ACCEPTED {
                let next =
                    RequestRoute::<UploadSession>::parse_response(response.status, &response.headers, &response.body)?;
                let sent_to = offset + request.body.as_ref().map_or(0, |b| b.len() as u64);
                let next_offset = next.next_offset().unwrap_or(sent_to);
                if next_offset <= offset {
                    return Err(Error::Upload(format!(
                        "the service asked again for bytes from {next_offset} after bytes {offset}-{}",
                        sent_to.saturating_sub(1)
                    )));
                }
                offset = next_offset;
                continue;
            }
            return Ok(RequestRoute::<T>::parse_response(
                response.status,
                &response.headers,
                &response.body,
            )?);
        }
    }
}
