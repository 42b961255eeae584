//! `Debug` of generated routes: what the value stands for on the wire
//! (`ListUsers GET /users?$top=5`), from the request it builds, written by
//! one function here instead of a derived `match` over every field of each.

use std::fmt;

use super::route::Route;

/// The most of a JSON body shown.
const BODY_SHOWN: usize = 1000;

/// `Debug` of a route named `name`: the method and URL of its request and
/// its body (JSON as text, else its size), or why it cannot be built.
pub fn debug_route<R: Route>(route: &R, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let request = match route.to_request() {
        Ok(request) => request,
        Err(e) => return write!(f, "{name} (cannot be built: {e})"),
    };
    write!(f, "{name} {} {}", request.method, request.url(""))?;
    let Some(body) = &request.body else {
        return Ok(());
    };
    let json = request
        .headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    match std::str::from_utf8(body) {
        Ok(text) if json && text.len() <= BODY_SHOWN => write!(f, " {text}"),
        Ok(text) if json => {
            let cut = (0..=BODY_SHOWN).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
            write!(f, " {}... ({} bytes)", &text[..cut], text.len())
        }
        _ => write!(f, " <{} bytes>", body.len()),
    }
}
