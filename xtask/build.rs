// Empty: it makes cargo resolve `[build-dependencies]` (see Cargo.toml).
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
}
