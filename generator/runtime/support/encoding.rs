//! The percent-encoding set paths and queries share: everything outside
//! the RFC 3986 unreserved characters.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};

/// Everything outside the RFC 3986 unreserved set (`A-Z a-z 0-9 - . _ ~`).
pub(crate) const UNRESERVED_ONLY: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
