//! The integration tests of the generator, the generated crate, its client
//! and the local Graph, as one test binary (one link instead of one per
//! file; each file is a module named as it was). `polymorphic` and
//! `route_types` stay binaries of their own: their fixtures are emitted code
//! that names its own `crate::models`.

mod local_graph;

mod api_diff;
mod client;
mod client_identity;
mod client_local_graph;
mod client_navigation;
mod client_settings;
mod corpus_layout;
mod corpus_navigation;
mod corpus_route_types;
mod corpus_routes;
mod corpus_sweep;
mod csdl;
mod edm_values;
mod emit_seeds;
mod generated_behaviour;
mod hostile;
mod merge;
mod mock_answer_choice;
mod mock_batch;
mod mock_corpus;
mod mock_expand_delta;
mod mock_faults;
mod mock_flow;
mod mock_held_out;
mod mock_metadata;
mod mock_other_docs;
mod mock_overrides;
mod mock_recording;
mod mock_references;
mod mock_tenant;
mod mock_upload;
mod permissions;
mod read_damage;
mod read_diagnostics;
mod read_families;
mod read_published_text;
mod read_seeds;
mod read_task_families;
mod regen_check;
mod regen_fixes;
mod resolve_routes;
