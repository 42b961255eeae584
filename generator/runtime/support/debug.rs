//! `Debug` of generated routes and models: what the value stands for on the
//! wire (`ListUsers GET /users?$top=5`, `User {"displayName":"Ada"}`), from
//! the request it builds or the JSON it writes, by one function here
//! instead of a derived `match` over every field of each (which would be
//! compiled for every model of the crate; these are generic, compiled only
//! for the types an application prints).

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

/// `Debug` of a model named `name`: the JSON it writes (the properties that
/// are set, unknown ones kept; pretty with `{:#?}`), or why it cannot be
/// written.
pub fn debug_model<T: serde::Serialize>(model: &T, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let json = if f.alternate() {
        serde_json::to_string_pretty(model)
    } else {
        serde_json::to_string(model)
    };
    match json {
        Ok(json) => write!(f, "{name} {json}"),
        Err(e) => write!(f, "{name} (cannot be written: {e})"),
    }
}

#[cfg(test)]
mod tests {
    use super::debug_model;
    use std::fmt;

    struct Shown(serde_json::Value);

    impl fmt::Debug for Shown {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            debug_model(&self.0, "User", f)
        }
    }

    #[test]
    fn a_model_shows_the_json_it_writes() {
        let user = Shown(serde_json::json!({"displayName": "Ada"}));
        assert_eq!(format!("{user:?}"), r#"User {"displayName":"Ada"}"#);
        assert_eq!(format!("{user:#?}"), "User {\n  \"displayName\": \"Ada\"\n}");
    }
}
