//! Reads OData CSDL metadata (EDMX) into plain data.
