//! Paging: a stream of the pages (or items) of a collection route, each
//! next page requested from the last one's `@odata.nextLink` with the first
//! request's headers. Dropping the stream stops; a page's `next_link` resumes
//! with [`Client::pages_from`]; the last page of a delta query keeps its
//! `delta_link` for the next sync.

use futures_util::stream::{self, Stream, TryStreamExt};
use serde::de::DeserializeOwned;

use super::{Call, Client, Error};
use crate::support::{CollectionPage, Request, RequestRoute, Route};

impl Client {
    /// The pages of a collection route, following `@odata.nextLink`.
    pub fn pages<'c, R, T>(&'c self, route: &R) -> impl Stream<Item = Result<CollectionPage<T>, Error>> + 'c
    where
        R: Route<Response = CollectionPage<T>>,
        T: DeserializeOwned + 'c,
    {
        self.call(route).pages()
    }

    /// The items of a collection route, page after page.
    pub fn items<'c, R, T>(&'c self, route: &R) -> impl Stream<Item = Result<T, Error>> + 'c
    where
        R: Route<Response = CollectionPage<T>>,
        T: DeserializeOwned + 'c,
    {
        self.call(route).items()
    }

    /// The pages from a link the service gave (a `next_link` kept when a
    /// stream was stopped, or a `delta_link` from the last sync).
    pub fn pages_from<'c, T>(&'c self, link: &str) -> impl Stream<Item = Result<CollectionPage<T>, Error>> + 'c
    where
        T: DeserializeOwned + 'c,
    {
        self.pages(&RequestRoute::<CollectionPage<T>>::get(link))
    }
}

impl<'c, R, T> Call<'c, R>
where
    R: Route<Response = CollectionPage<T>>,
    T: DeserializeOwned + 'c,
{
    /// The pages, following `@odata.nextLink`; each next page is asked for
    /// with this call's headers (`ConsistencyLevel` must be sent again).
    pub fn pages(self) -> impl Stream<Item = Result<CollectionPage<T>, Error>> + 'c {
        let client = self.client;
        let first = self.request.map_err(Error::from);
        stream::try_unfold(Some(first), move |next: Option<Result<Request, Error>>| async move {
            let Some(request) = next else {
                return Ok(None);
            };
            let request = request?;
            let headers = request.headers.clone();
            let response = client.execute(&request).await?;
            let page =
                RequestRoute::<CollectionPage<T>>::parse_response(response.status, &response.headers, &response.body)?;
            let next = page.next_request().map(|mut next| {
                next.headers = headers;
                Ok(next)
            });
            Ok(Some((page, next)))
        })
    }

    /// The items of every page, in order.
    pub fn items(self) -> impl Stream<Item = Result<T, Error>> + 'c {
        self.pages()
            .map_ok(|page| stream::iter(page.value.into_iter().map(Ok)))
            .try_flatten()
    }
}
