//! Hand-written support types used by the generated code.
