//! Typed Microsoft Graph models and requests, generated from the reference
//! documentation. Hand-written support code lives in [`support`].

pub mod support;
