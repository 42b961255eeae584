//! A page and its published text give the same facts. Seed 004 is the
//! published text of seed 002; at scale, each v1.0 operation page of the
//! corpus is rendered into published text (`read::render_text`) and both
//! are read.

use generator::read::{read_folder, read_page, render_text, PageRead};
use generator::schema::PageKind;

/// The facts of an operation page a reader must find in every format.
#[derive(Debug, PartialEq)]
struct Facts {
    requests: Vec<String>,
    permissions: serde_json::Value,
    body: Vec<String>,
    response: Option<String>,
    examples: usize,
}

fn facts(read: &PageRead) -> Option<Facts> {
    let op = read.page.operation.as_ref()?;
    Some(Facts {
        requests: op
            .requests
            .iter()
            .map(|r| format!("{} {}", r.method.as_str(), r.path.template))
            .collect(),
        permissions: without_lines(serde_json::to_value(&op.permissions).expect("permissions serialise")),
        body: op
            .request_body
            .iter()
            .map(|p| format!("{}: {:?}", p.name, p.type_ref))
            .collect(),
        response: op.response.as_ref().map(|r| format!("{:?} {:?}", r.status, r.body)),
        examples: op.examples.len(),
    })
}

/// Facts without their provenance: the source line of a condition differs
/// between a page and its rendering by construction. Nor the national
/// clouds: a published page states them in the table the site adds, which
/// its 2021 markdown source does not hold.
fn without_lines(mut value: serde_json::Value) -> serde_json::Value {
    value.as_object_mut().map(|o| o.remove("national_clouds"));
    if let Some(conditions) = value.get_mut("conditional").and_then(|c| c.as_array_mut()) {
        for c in conditions {
            c.as_object_mut().map(|o| o.remove("line"));
        }
    }
    value
}

#[test]
fn seed_002_rendered_reads_as_seed_004() {
    let (name_002, markdown) = tests::seed("002");
    let (name_004, published) = tests::seed("004");
    let from_markdown = facts(&read_page(&name_002, &markdown)).expect("seed 002 is an operation");
    let from_published = facts(&read_page(&name_004, &published)).expect("seed 004 is an operation");
    let rendered = render_text::render(&markdown);
    let from_rendered = facts(&read_page("002.txt", &rendered)).expect("the rendering is an operation");
    assert_eq!(from_published, from_markdown);
    assert_eq!(from_rendered, from_markdown);
    assert_eq!(from_markdown.requests.len(), 1);
    assert_eq!(from_markdown.body.len(), 8);
    assert_eq!(from_markdown.examples, 1);
    // The rendering has the published page's shape: sign-in notice first,
    // headings as plain lines, no fences, comments or links.
    assert!(rendered.starts_with("Note\nAccess to this page requires authorization."));
    for line in [
        "Permissions",
        "HTTP Request",
        "Request body",
        "Response",
        "Example",
        "Request",
    ] {
        assert!(rendered.lines().any(|l| l == line), "{line}");
    }
    for markup in ["```", "<!--", "](", "# "] {
        assert!(!rendered.contains(markup), "{markup}");
    }
}

#[test]
fn corpus_pages_and_their_published_text_agree() {
    let Some(corpus) = tests::corpus() else {
        eprintln!("../shared/corpus is absent; published-text agreement skipped");
        return;
    };
    let dir = corpus.join("graph-docs-v1.0");
    let reads = read_folder(&dir).expect("corpus is readable");
    let (mut pages, mut agree) = (0usize, 0usize);
    let mut differ = Vec::new();
    for read in reads.iter().filter(|r| r.page.kind == PageKind::Operation) {
        let markdown = std::fs::read_to_string(dir.join(&read.page.file)).expect("page is UTF-8");
        let published = render_text::render(&markdown);
        let name = read.page.file.replace(".md", ".txt");
        let from_markdown = facts(read);
        let from_published = facts(&read_page(&name, &published));
        pages += 1;
        if from_markdown == from_published {
            agree += 1;
        } else {
            differ.push((read.page.file.clone(), from_markdown, from_published));
        }
    }
    println!(
        "operation pages: {pages}, same facts from markdown and published text: {agree} ({:.2}%)",
        agree as f64 * 100.0 / pages as f64
    );
    for (file, md, text) in &differ {
        let what = match (md, text) {
            (Some(a), Some(b)) => {
                let mut parts = Vec::new();
                if a.requests != b.requests {
                    parts.push(format!("requests {:?} / {:?}", a.requests, b.requests));
                }
                if a.permissions != b.permissions {
                    parts.push(format!("permissions {} / {}", a.permissions, b.permissions));
                }
                if a.body != b.body {
                    parts.push(format!("body {:?} / {:?}", a.body, b.body));
                }
                if a.response != b.response {
                    parts.push(format!("response {:?} / {:?}", a.response, b.response));
                }
                if a.examples != b.examples {
                    parts.push(format!("examples {} / {}", a.examples, b.examples));
                }
                parts.join("; ")
            }
            _ => "published text is not read as an operation".to_string(),
        };
        println!("  differs: {file}: {what}");
    }
    assert!(
        agree * 100 >= pages * 99,
        "{agree} of {pages} operation pages give the same facts from markdown and published text"
    );
}
