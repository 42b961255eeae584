//! Defence in depth: a panic while reading, resolving or emitting one page
//! becomes an `internal-error` diagnostic on that page, and the run goes on
//! without it.
//!
//! Reading is isolated page by page. Resolving and emitting work on all
//! pages at once, so when they panic the pages are split in halves until the
//! pages that panic on their own are found; the run is then repeated without
//! them. The default panic hook stays silent for panics caught here (their
//! message goes into the diagnostic instead) and prints every other panic as
//! before.

use crate::diagnostic::{Diagnostic, Severity};
use crate::schema::Page;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// The code of the diagnostic a caught panic becomes.
pub const INTERNAL_ERROR: &str = "internal-error";

thread_local! {
    /// True while this thread runs code whose panics are caught here.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// The furthest input line the current page has reached.
    static REACHED: Cell<u32> = const { Cell::new(0) };
    /// Where the last caught panic happened in the generator's own source.
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The stage the code inside [`catch`] is in.
    static STAGE: Cell<Stage> = const { Cell::new(Stage::Reading) };
}

/// Records that the code inside [`catch`] has moved on to `stage`.
pub fn enter(stage: Stage) {
    STAGE.with(|s| s.set(stage));
}

/// Records that the page being worked on has reached input line `line`, for
/// the diagnostic of a panic.
pub fn reach(line: u32) {
    REACHED.with(|r| r.set(r.get().max(line)));
}

/// Which stage a panic was caught in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Resolving,
    Emitting,
}

/// A caught panic: its message, where in the generator, and the input line
/// reached.
#[derive(Debug, Clone)]
pub struct Panic {
    pub message: String,
    /// `file:line` in the generator's source.
    pub location: Option<String>,
    pub reached: u32,
    pub stage: Stage,
}

impl Panic {
    /// The error diagnostic for `file`.
    pub fn diagnostic(&self, file: &str) -> Diagnostic {
        let stage = match self.stage {
            Stage::Reading => "reading",
            Stage::Resolving => "resolving",
            Stage::Emitting => "emitting",
        };
        let at = self.location.as_ref().map(|at| format!(" at {at}")).unwrap_or_default();
        Diagnostic::new(
            file,
            self.reached.max(1),
            Severity::Error,
            INTERNAL_ERROR,
            format!(
                "internal error while {stage} this page (line {} reached): {}{at}; the page is left out",
                self.reached.max(1),
                self.message
            ),
        )
    }
}

/// Installs, once per process, a panic hook that is silent on threads inside
/// [`catch`] and defers to the previous hook everywhere else.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                let location = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
                LOCATION.with(|c| *c.borrow_mut() = location);
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, which starts in `stage`, turning a panic into a [`Panic`].
pub fn catch<T>(stage: Stage, f: impl FnOnce() -> T) -> Result<T, Panic> {
    install_hook();
    let stage_before = STAGE.with(|s| s.replace(stage));
    let was_guarded = GUARDED.with(|g| g.replace(true));
    let reached_before = REACHED.with(|r| r.replace(0));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was_guarded));
    let reached = REACHED.with(|r| r.replace(reached_before));
    let stage = STAGE.with(|s| s.replace(stage_before));
    result.map_err(|payload| Panic {
        message: payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".into()),
        location: LOCATION.with(RefCell::take),
        reached,
        stage,
    })
}

/// Runs `run` (resolving, then emitting, over pages: it calls [`enter`]
/// between the two) on `pages`; when it panics,
/// finds the pages that panic on their own, reports each as an
/// `internal-error` and runs again without them. A panic that no page
/// causes on its own is reported on every page of the run.
pub fn per_page<T>(pages: Vec<Page>, run: impl Fn(&[Page]) -> T) -> (Option<T>, Vec<Page>, Vec<Diagnostic>) {
    let attempt = |pages: &[Page]| catch(Stage::Resolving, || run(pages));
    let whole = match attempt(&pages) {
        Ok(out) => return (Some(out), pages, Vec::new()),
        Err(panic) => panic,
    };
    let mut culprits = Vec::new();
    halves(&pages, 0, whole.clone(), &attempt, &mut culprits);
    if culprits.is_empty() {
        let diagnostics = pages.iter().map(|p| whole.diagnostic(&p.file)).collect();
        return (None, pages, diagnostics);
    }
    let mut diagnostics = Vec::new();
    let mut kept = Vec::with_capacity(pages.len() - culprits.len());
    let mut next = culprits.iter().peekable();
    for (i, page) in pages.into_iter().enumerate() {
        if next.peek().is_some_and(|(at, _)| *at == i) {
            let (_, panic) = next.next().expect("peeked");
            diagnostics.push(panic.diagnostic(&page.file));
        } else {
            kept.push(page);
        }
    }
    let (out, kept, more) = per_page(kept, run);
    diagnostics.extend(more);
    (out, kept, diagnostics)
}

/// Splits `pages` (starting at index `offset` of the whole run), known to
/// panic with `panic`, until each panicking part is one page, in order.
fn halves<T>(
    pages: &[Page],
    offset: usize,
    panic: Panic,
    attempt: &dyn Fn(&[Page]) -> Result<T, Panic>,
    out: &mut Vec<(usize, Panic)>,
) {
    if pages.len() <= 1 {
        if !pages.is_empty() {
            out.push((offset, panic));
        }
        return;
    }
    let (left, right) = pages.split_at(pages.len() / 2);
    for (part, at) in [(left, offset), (right, offset + left.len())] {
        if let Err(panic) = attempt(part) {
            halves(part, at, panic, attempt, out);
        }
    }
}

/// Forced panics for tests: a page named here panics in that stage.
#[cfg(test)]
pub mod inject {
    use super::Stage;
    use std::sync::Mutex;

    static MARKERS: Mutex<Vec<(Stage, String)>> = Mutex::new(Vec::new());

    /// Makes `file` panic in `stage` from now on.
    pub fn panic_on(stage: Stage, file: &str) {
        MARKERS.lock().unwrap().push((stage, file.to_string()));
    }

    /// Panics if `file` is to panic in `stage`.
    pub fn fire(stage: Stage, file: &str) {
        let hit = MARKERS.lock().unwrap().iter().any(|(s, f)| *s == stage && f == file);
        if hit {
            panic!("forced panic on {file}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regen::{regen, Settings};

    fn page(name: &str) -> String {
        format!(
            "# {name} resource type\n\nNamespace: microsoft.graph\n\nA {name}.\n\n## Properties\n\n\
             | Property | Type | Description |\n|:---|:---|:---|\n| size | Int32 | The size. |\n"
        )
    }

    /// Regenerates a folder of two resource pages, `widget` and `gadget`,
    /// where the page `file` is made to panic in `stage`.
    fn run(stage: Stage, file: &str) -> (crate::regen::Report, String) {
        let dir = std::env::temp_dir().join(format!("msgraph-isolate-{file}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("in")).unwrap();
        std::fs::write(dir.join("in/widget.md"), page("widget")).unwrap();
        std::fs::write(dir.join(format!("in/{file}")), page("gadget")).unwrap();
        inject::panic_on(stage, file);
        let report = regen(&Settings::new(dir.join("in"), dir.join("out"))).unwrap();
        let models = std::fs::read_to_string(dir.join("out/models/src/models.rs")).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        (report, models)
    }

    fn check(stage: Stage, file: &str, word: &str) {
        let (report, models) = run(stage, file);
        let internal: Vec<_> = report.diagnostics.iter().filter(|d| d.code == INTERNAL_ERROR).collect();
        assert_eq!(internal.len(), 1, "{internal:#?}");
        let d = internal[0];
        assert_eq!(d.file, file);
        assert_eq!(d.severity, Severity::Error);
        assert!(d.message.contains(&format!("while {word} this page")), "{}", d.message);
        assert!(d.message.contains(&format!("forced panic on {file}")), "{}", d.message);
        assert!(
            d.message.contains("isolate.rs:"),
            "the panic's place is named: {}",
            d.message
        );
        assert!(report.errors() >= 1, "the run says a page failed");
        assert!(
            models.contains("pub struct Widget"),
            "the other page is still generated"
        );
        assert!(!models.contains("pub struct Gadget"), "the failed page is left out");
    }

    #[test]
    fn a_panic_while_reading_a_page_is_an_error_on_it_and_the_run_goes_on() {
        check(Stage::Reading, "gadget-read.md", "reading");
    }

    #[test]
    fn a_panic_while_resolving_a_page_is_an_error_on_it_and_the_run_goes_on() {
        check(Stage::Resolving, "gadget-resolve.md", "resolving");
    }

    #[test]
    fn a_panic_while_emitting_a_page_is_an_error_on_it_and_the_run_goes_on() {
        check(Stage::Emitting, "gadget-emit.md", "emitting");
    }

    #[test]
    fn the_line_reached_is_reported() {
        let panic = catch(Stage::Reading, || {
            reach(7);
            reach(3);
            panic!("stop")
        })
        .unwrap_err();
        assert_eq!(panic.reached, 7);
        let d = panic.diagnostic("p.md");
        assert_eq!((d.line, d.file.as_str()), (7, "p.md"));
        assert!(d.message.contains("line 7 reached"), "{}", d.message);
        // Nothing is left behind for the next page.
        assert_eq!(catch(Stage::Reading, || REACHED.with(Cell::get)).unwrap(), 0);
    }

    #[test]
    fn a_panic_on_no_page_alone_is_reported_on_every_page() {
        let pages: Vec<Page> = ["a.md", "b.md"]
            .iter()
            .map(|f| crate::read::read_page(f, "# x\n"))
            .map(|r| r.page)
            .collect();
        let (out, kept, diagnostics) = per_page(pages, |pages| assert!(pages.len() < 2, "together"));
        assert!(out.is_none());
        assert_eq!(kept.len(), 2);
        let files: Vec<&str> = diagnostics.iter().map(|d| d.file.as_str()).collect();
        assert_eq!(files, ["a.md", "b.md"]);
    }
}
