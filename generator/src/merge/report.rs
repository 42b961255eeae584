//! Coverage and drift report: what the pages and the metadata each describe,
//! counted per kind (types, properties, enums, operations, paths) with a few
//! examples of each.
