//! The intermediate schema: plain serde data that reading produces and
//! emitting consumes. `page` holds the facts of one page, `path` and `types`
//! the path templates and type expressions they use.

pub mod page;
pub mod path;
pub mod permissions;
pub mod types;

pub use page::*;
pub use path::*;
pub use permissions::*;
pub use types::*;
