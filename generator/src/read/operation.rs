//! Operation pages: sections into an `Operation` (requests, permissions,
//! headers, parameters, body, response, examples).

use super::annotation;
use super::blocks::{Block, Inline, Table};
use super::example::{self, HttpBlock};
use super::include::Included;
use super::ledger::Ledger;
use super::path::{parse_request_line, PathError};
use super::permissions;
use super::props::{self, Columns};
use super::prose;
use super::query_options;
use super::sections;
use super::sections::{Section, SectionKind};
use super::Intro;
use crate::diagnostic::{Diagnostics, Severity};
use crate::schema::{
    Example, ExampleResponse, Header, Method, Operation, OperationKind, Permissions, RequestLine, Segment, TypeRef,
};

pub fn read(
    intro: &Intro,
    sections: &[Section<'_>],
    includes: &[Included],
    diags: &mut Diagnostics,
    ledger: &mut Ledger,
) -> Operation {
    let mut op = empty(intro);
    // What a response section says when its prose names no status: the
    // body its prose names (`returns a collection of DriveItem resources`),
    // and a response block written in it (status line, `@odata.type`).
    let mut fallback = ResponseFallback::default();
    let mut in_example = ExampleResponseSection::default();
    for (i, section) in sections.iter().enumerate() {
        use SectionKind::*;
        let end = sections.get(i + 1).map_or(u32::MAX, |s| s.line);
        let here: Vec<&Included> = includes
            .iter()
            .filter(|inc| inc.line >= section.line && inc.line < end)
            .collect();
        if !reads_includes(section.kind) {
            ignore_includes(section, &here, diags);
        }
        match section.kind {
            Permissions => permissions_section(section, &here, &mut op, diags, ledger),
            HttpRequest => request_lines(section, &mut op.requests, diags, ledger),
            RequestHeaders => headers(section, &mut op.request_headers, diags, ledger),
            QueryParameters => query_parameters(section, &mut op, diags, ledger),
            Parameters => tables_into(section, &mut op.parameters, diags, ledger),
            RequestBody => request_body(section, &mut op, diags, ledger),
            Response if !section.in_examples => {
                response_section(section, &mut op.response, &mut fallback);
                for block in &section.blocks {
                    if let Block::Table(t) = block {
                        ledger.ignore_table(t, &section.heading, diags);
                    }
                }
            }
            Examples | Request | Response => {
                // The first example's response stands in for a page with
                // no response section of its own.
                if section.kind == Response && in_example.line == 0 {
                    in_example.line = section.line;
                    response_section(section, &mut in_example.response, &mut in_example.fallback);
                }
                examples(section, &mut op.examples, diags, ledger)
            }
            Intro | Properties | Relationships | JsonRepresentation | Methods | EnumValues | Ignored | Unknown => {
                other_section(section, &here, &mut op, diags, ledger)
            }
        }
    }
    permissions::tie_to_paths(&mut op.permissions, &op.requests);
    if op.response.is_none() {
        settle_response(&mut op, sections, fallback, in_example, diags);
    }
    op.api_version = intro.api_version.or_else(|| {
        op.examples
            .iter()
            .find_map(|e| e.request.as_ref().and_then(|r| r.api_version))
    });
    name_and_kind(intro, &mut op);
    op
}

/// An operation with only what the introduction says; its name and kind
/// are settled last ([`name_and_kind`]).
fn empty(intro: &Intro) -> Operation {
    Operation {
        name: String::new(),
        kind: OperationKind::Get,
        target: None,
        api_version: None,
        namespace: intro.namespace.clone(),
        description: intro.description.clone(),
        requests: Vec::new(),
        permissions: Permissions::default(),
        request_headers: Vec::new(),
        odata_query: false,
        query_options: Vec::new(),
        query_parameters: Vec::new(),
        parameters: Vec::new(),
        request_body_type: None,
        request_body: Vec::new(),
        response: None,
        examples: Vec::new(),
    }
}

/// Whether a section of this kind reads the fact-bearing includes in it.
fn reads_includes(kind: SectionKind) -> bool {
    use SectionKind::*;
    matches!(
        kind,
        Permissions
            | Intro
            | Properties
            | Relationships
            | JsonRepresentation
            | Methods
            | EnumValues
            | Ignored
            | Unknown
    )
}

/// Warns of each fact-bearing include in a section that reads none.
fn ignore_includes(section: &Section<'_>, here: &[&Included], diags: &mut Diagnostics) {
    for inc in here {
        diags.warning(
            inc.line,
            "include-ignored",
            format!(
                "include `{}` ({}) in section `{}` carries facts, but no reader takes includes here; skipped",
                inc.target,
                match inc.kind {
                    super::include::IncludeKind::Permissions => "a permissions table",
                    super::include::IncludeKind::DirectoryRoles => "directory roles",
                    super::include::IncludeKind::NationalClouds(_) => "national cloud availability",
                },
                section.heading
            ),
        );
    }
}

/// A permissions section (or a subsection of one, whose heading is its
/// condition): its tables and includes, in page order.
fn permissions_section(
    section: &Section<'_>,
    here: &[&Included],
    op: &mut Operation,
    diags: &mut Diagnostics,
    ledger: &mut Ledger,
) {
    let mut items: Vec<permissions::Item<'_>> = section.blocks.iter().map(|b| permissions::Item::Block(b)).collect();
    items.extend(here.iter().map(|inc| permissions::Item::Include(inc)));
    items.sort_by_key(|item| match item {
        permissions::Item::Block(b) => b.line(),
        permissions::Item::Include(inc) => inc.line,
    });
    let is_subsection = sections::heading_kind(&section.heading) != SectionKind::Permissions;
    let condition = is_subsection.then_some((section.heading.as_str(), section.line));
    permissions::read(condition, &items, &mut op.permissions, diags, ledger);
}

/// The query parameters section: whether OData query options are supported,
/// which ones its prose and table name, and its table of custom parameters.
fn query_parameters(section: &Section<'_>, op: &mut Operation, diags: &mut Diagnostics, ledger: &mut Ledger) {
    let mut mentions = query_options::Mentions::default();
    for block in &section.blocks {
        match block {
            Block::Paragraph { text, .. } | Block::ListItem { text, .. } | Block::Quote { text, .. } => {
                if let Some(s) = prose::odata_support(&text.plain()) {
                    op.odata_query |= s;
                }
                mentions.read_text(text);
                if matches!(block, Block::ListItem { .. }) {
                    mentions.read_name(&text.plain());
                }
            }
            Block::Table(t) => {
                let first = op.query_parameters.len();
                property_table(t, &mut op.query_parameters, diags, ledger);
                for row in &op.query_parameters[first..] {
                    mentions.read_name(&row.name);
                }
            }
            _ => {}
        }
    }
    if op.odata_query {
        let options = mentions.options();
        for o in options {
            if !op.query_options.contains(&o) {
                op.query_options.push(o);
            }
        }
        op.query_options.sort();
    }
}

/// A section that is not about the operation itself: fact-bearing includes
/// and tables outside a Permissions section (national clouds in the
/// introduction; a permissions table whose heading sits inside a
/// paragraph), request lines under an unknown heading; other tables are
/// recorded as ignored.
fn other_section(
    section: &Section<'_>,
    here: &[&Included],
    op: &mut Operation,
    diags: &mut Diagnostics,
    ledger: &mut Ledger,
) {
    let mut items: Vec<permissions::Item<'_>> = here.iter().map(|inc| permissions::Item::Include(inc)).collect();
    items.extend(
        section
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Table(t) if permissions::is_permissions_table(t)))
            .map(|b| permissions::Item::Block(b)),
    );
    if !items.is_empty() {
        permissions::read(None, &items, &mut op.permissions, diags, ledger);
    }
    if section.kind == SectionKind::Unknown {
        unknown_section(section, &mut op.requests, diags, ledger);
    }
    for block in &section.blocks {
        if let Block::Table(t) = block {
            if !permissions::is_permissions_table(t) {
                ledger.ignore_table(t, &section.heading, diags);
            }
        }
    }
}

/// A section of no known kind. A page documenting each request under a
/// heading of its own (`## List a site's drives`) writes its line in a
/// request block there, with no `HTTP request` heading: those are read.
fn unknown_section(
    section: &Section<'_>,
    requests: &mut Vec<RequestLine>,
    diags: &mut Diagnostics,
    ledger: &mut Ledger,
) {
    let mut read = 0;
    for block in &section.blocks {
        if let Block::Code { text, line, .. } = block {
            if is_template_block(text) {
                code_request_lines(text, *line, requests, diags, ledger);
                read += 1;
            }
        }
    }
    diags.note(
        section.line,
        "unknown-section",
        if read == 0 {
            format!(
                "section `{}` is not a known section; its text is skipped",
                section.heading
            )
        } else {
            format!(
                "section `{}` is not a known section; its request lines are read, the rest of its text is skipped",
                section.heading
            )
        },
    );
}

/// The response of a page whose response section names no status: from its
/// own section's fallback, else from the first example's response section.
fn settle_response(
    op: &mut Operation,
    sections: &[Section<'_>],
    fallback: ResponseFallback,
    in_example: ExampleResponseSection,
    diags: &mut Diagnostics,
) {
    let own = sections
        .iter()
        .find(|s| s.kind == SectionKind::Response && !s.in_examples)
        .map(|s| s.line);
    match own {
        Some(line) => fallback.apply(op, line, diags),
        None if in_example.line == 0 => {}
        None => match in_example.response {
            Some(response) => {
                let body = response
                    .body
                    .as_ref()
                    .map(|t| format!(" and body `{t}`"))
                    .unwrap_or_default();
                diags.note(
                    in_example.line,
                    "response-from-example",
                    format!(
                        "the page has no response section of its own; status {}{body} taken from the example's response section",
                        response.status.map_or("unset".to_string(), |s| s.to_string())
                    ),
                );
                op.response = Some(response);
            }
            None => in_example.fallback.apply(op, in_example.line, diags),
        },
    }
}

/// A request body section: the body's type its prose names and its rows.
/// Rows the prose puts in the request URL (`In the request URL, provide the
/// following query parameters with values.`) are the function's
/// parameters, not the body's.
fn request_body(section: &Section<'_>, op: &mut Operation, diags: &mut Diagnostics, ledger: &mut Ledger) {
    let mut in_url = false;
    for block in &section.blocks {
        match block {
            Block::Paragraph { text, line } => {
                let plain = text.plain().to_ascii_lowercase();
                if plain.contains("in the request url, provide the following") {
                    in_url = true;
                    diags.note(
                        *line,
                        "parameters-in-body-section",
                        "the request body section names parameters of the request URL; its table is read as the function's parameters, not as the body",
                    );
                } else if op.request_body_type.is_none() && plain.contains("json representation") {
                    op.request_body_type = prose::body_type(text).map(|(n, c)| type_ref(n, c));
                }
            }
            Block::Table(t) if in_url => property_table(t, &mut op.parameters, diags, ledger),
            Block::Table(t) => property_table(t, &mut op.request_body, diags, ledger),
            _ => {}
        }
    }
}

/// The prose and response block of a response section: the response its
/// prose states, else what settles it later.
fn response_section(
    section: &Section<'_>,
    response: &mut Option<crate::schema::Response>,
    fallback: &mut ResponseFallback,
) {
    for block in &section.blocks {
        match block {
            Block::Paragraph { text, .. } | Block::ListItem { text, .. } if response.is_none() => {
                *response = prose::response(text);
                if fallback.prose_body.is_none() {
                    fallback.prose_body = prose::body_type(text).map(|(n, c)| type_ref(n, c));
                }
            }
            Block::Code {
                text, annotation, line, ..
            } if fallback.block.is_none() => {
                if let Some(HttpBlock::Response(r)) = example::read(text, *line, &mut Diagnostics::new(String::new())) {
                    let odata_type = annotation.as_ref().and_then(response_type);
                    fallback.block = r.status.map(|status| (status, *line, odata_type));
                }
            }
            _ => {}
        }
    }
}

/// The type a response block's annotation names: `@odata.type` (or `@type`,
/// as some pages write it), a collection of it with `"isCollection": true`.
fn response_type(annotation: &serde_json::Value) -> Option<TypeRef> {
    let name = annotation::string(annotation, "@odata.type").or_else(|| annotation::string(annotation, "@type"))?;
    let t = TypeRef::parse(name);
    if annotation::flag(annotation, "isCollection") && !t.is_collection() {
        Some(TypeRef::collection(t))
    } else {
        Some(t)
    }
}

/// The first response section inside the examples, read as a page's own
/// response section is (`line` 0: none yet).
#[derive(Default)]
struct ExampleResponseSection {
    line: u32,
    response: Option<crate::schema::Response>,
    fallback: ResponseFallback,
}

/// What settles a response section whose prose names no status code.
#[derive(Default)]
struct ResponseFallback {
    prose_body: Option<TypeRef>,
    /// A response block in the section: status, line, its annotation's
    /// `@odata.type`.
    block: Option<(u16, u32, Option<TypeRef>)>,
}

impl ResponseFallback {
    /// The status of the section's own response block, else of the first
    /// successful example response; the body from the block's `@odata.type`,
    /// else what the prose names (none for `204` and redirects). With
    /// neither, the response is left unset.
    fn apply(self, op: &mut Operation, line: u32, diags: &mut Diagnostics) {
        let from_examples = || {
            op.examples
                .iter()
                .filter_map(|e| e.response.as_ref())
                .filter_map(|r| Some((r.status?, r.line, None)))
                .find(|(s, ..)| (200..400).contains(s))
        };
        let Some((status, block_line, odata_type)) = self.block.or_else(from_examples) else {
            diags.warning(
                line,
                "response-unreadable",
                "the response section names no status code; response left unset",
            );
            return;
        };
        let body = if status == 204 || (300..400).contains(&status) {
            None
        } else {
            match (self.prose_body, odata_type) {
                // The same type as the prose names it (`DriveItem` for
                // `microsoft.graph.driveItem`), so the published text,
                // which has no annotations, reads the same.
                (Some(prose), Some(odata)) if same_type(&prose, &odata) => Some(prose),
                (prose, odata) => odata.or(prose),
            }
        };
        let named = match &body {
            Some(t) => format!(" and body `{t}`"),
            None => String::new(),
        };
        diags.note(
            line,
            "response-from-example",
            format!(
                "the response section names no status code; status {status}{named} taken from the response written at line {block_line}"
            ),
        );
        op.response = Some(crate::schema::Response {
            status: Some(status),
            body,
        });
    }
}

/// Whether two type expressions name the same type, up to namespace and
/// case.
fn same_type(a: &TypeRef, b: &TypeRef) -> bool {
    let last = |t: &TypeRef| {
        t.element()
            .to_string()
            .rsplit('.')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    a.is_collection() == b.is_collection() && last(a) == last(b)
}

fn type_ref(name: String, collection: bool) -> TypeRef {
    let t = TypeRef::Named(name);
    if collection {
        TypeRef::collection(t)
    } else {
        t
    }
}

fn property_table(t: &Table, into: &mut Vec<crate::schema::Property>, diags: &mut Diagnostics, ledger: &mut Ledger) {
    match Columns::of(&t.header) {
        Some(columns) => into.extend(props::properties(t, columns.value_as_type(), diags, ledger)),
        None => {
            ledger.table(t);
            diags.warning(
                t.line,
                "table-header-unknown",
                format!(
                    "table header `{}` has no name column; {} rows skipped",
                    t.header.join(" | "),
                    t.rows.len()
                ),
            );
        }
    }
}

fn tables_into(
    section: &Section<'_>,
    into: &mut Vec<crate::schema::Property>,
    diags: &mut Diagnostics,
    ledger: &mut Ledger,
) {
    for block in &section.blocks {
        if let Block::Table(t) = block {
            property_table(t, into, diags, ledger);
        }
    }
}

fn request_lines(section: &Section<'_>, into: &mut Vec<RequestLine>, diags: &mut Diagnostics, ledger: &mut Ledger) {
    for block in &section.blocks {
        match block {
            Block::Code { text, line, .. } => code_request_lines(text, *line, into, diags, ledger),
            Block::Paragraph { text, line } => {
                let plain = text.plain();
                if plain.split_whitespace().next().and_then(Method::parse).is_some()
                    || super::path::unglue(&plain).is_some()
                {
                    ledger.path_line_seen(*line);
                    ledger.path_line(*line);
                    request_line(&plain, *line, into, diags);
                }
            }
            Block::Table(t) => ledger.ignore_table(t, &section.heading, diags),
            _ => {}
        }
    }
}

/// Each line of a code block of request lines.
fn code_request_lines(
    text: &str,
    line: u32,
    into: &mut Vec<RequestLine>,
    diags: &mut Diagnostics,
    ledger: &mut Ledger,
) {
    for (i, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let line_no = line + i as u32;
        ledger.path_line_seen(line_no);
        ledger.path_line(line_no);
        request_line(raw, line_no, into, diags);
    }
}

/// Whether a code block holds request lines as templates (`GET /sites/{siteId}/drives`,
/// no host): each of its lines a method and a path from the root.
pub(super) fn is_template_block(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty()).peekable();
    lines.peek().is_some()
        && lines.all(|l| {
            let mut words = l.split_whitespace();
            words.next().and_then(Method::parse).is_some() && words.next().is_some_and(|p| p.starts_with('/'))
        })
}

fn request_line(raw: &str, line: u32, into: &mut Vec<RequestLine>, diags: &mut Diagnostics) {
    // Diagnostics point at where the line's text starts.
    let column = raw.chars().take_while(|c| c.is_whitespace()).count() as u32 + 1;
    let mut report =
        |severity: Severity, code: &str, message: String| diags.push_at(severity, line, column, code, message);
    let glued = super::path::unglue(raw).map(|(method, rest)| format!("{} {rest}", method.as_str()));
    if let Some(fixed) = &glued {
        report(
            Severity::Warning,
            "request-line-glued",
            format!("`{}` has no space after its method; read as `{fixed}`", raw.trim()),
        );
    }
    let keyed = super::path::key_concrete_ids(glued.as_deref().unwrap_or(raw)).map(|(fixed, ids)| {
        let ids: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
        report(
            Severity::Warning,
            "path-concrete-id",
            format!(
                "the documented path holds the example id{} {} where keys belong; read as `{fixed}`",
                if ids.len() == 1 { "" } else { "s" },
                ids.join(", ")
            ),
        );
        fixed
    });
    let parsed = parse_request_line(keyed.as_deref().or(glued.as_deref()).unwrap_or(raw), line);
    match parsed {
        Ok((method, path)) => {
            if into
                .iter()
                .any(|r| r.method == method && r.path.template == path.template && r.path.query == path.query)
            {
                report(
                    Severity::Note,
                    "path-duplicate",
                    format!("`{} {}` is listed twice; kept once", method.as_str(), path.template),
                );
            } else {
                into.push(RequestLine { method, path });
            }
        }
        Err(PathError::NotARequest) => {
            let t = raw.trim();
            if t.contains(':') && !t.contains(' ')
                || t.to_ascii_lowercase().starts_with("content-type")
                || t.starts_with("Authorization")
            {
                report(
                    Severity::Note,
                    "request-block-header",
                    format!("`{t}` in the request block is a header, not a path; skipped"),
                );
            } else if t.starts_with("//") || t.starts_with('#') {
                report(
                    Severity::Note,
                    "request-block-comment",
                    format!("`{t}` is a comment in the request block; skipped"),
                );
            } else {
                report(
                    Severity::Warning,
                    "path-invalid",
                    format!("`{t}` is not a request line; skipped"),
                );
            }
        }
        Err(PathError::BadPath(why)) => report(Severity::Warning, "path-invalid", format!("{why}; skipped")),
        Err(PathError::Placeholder(text)) => report(
            Severity::Warning,
            "path-placeholder",
            format!("`{text}` is a documentation generator placeholder, not a path; skipped"),
        ),
        Err(PathError::Damaged { code, message }) => report(
            Severity::Warning,
            code,
            format!("{message}; skipped, no route is generated for it"),
        ),
    }
}

fn headers(section: &Section<'_>, into: &mut Vec<Header>, diags: &mut Diagnostics, ledger: &mut Ledger) {
    for block in &section.blocks {
        let Block::Table(t) = block else { continue };
        ledger.table(t);
        for row in &t.rows {
            let name = row.cells.first().map(Inline::plain).unwrap_or_default();
            let name = name.trim_matches(['`', '*', ' ']).to_string();
            if name.is_empty() {
                diags.warning(row.line, "table-row-empty", "header row has no name; skipped");
                continue;
            }
            let rest: String = row
                .cells
                .iter()
                .skip(1)
                .map(Inline::plain)
                .collect::<Vec<_>>()
                .join(" ");
            let lower = rest.to_ascii_lowercase();
            let required = lower.contains("required") && !lower.contains("optional");
            into.push(Header { name, required });
        }
    }
}

fn examples(section: &Section<'_>, into: &mut Vec<Example>, diags: &mut Diagnostics, ledger: &mut Ledger) {
    for block in &section.blocks {
        match block {
            Block::Code {
                text, annotation, line, ..
            } => {
                let name = annotation
                    .as_ref()
                    .and_then(|a| annotation::string(a, "name"))
                    .map(str::to_string);
                let block_type = annotation
                    .as_ref()
                    .and_then(|a| annotation::string(a, "blockType"))
                    .unwrap_or("");
                // `"blockType": "ignored"` only keeps the docs' own test tool off a
                // block; readers of the page (and of its published text) see an example.
                match example::read(text, *line, diags) {
                    Some(HttpBlock::Request(request)) => into.push(Example {
                        annotation: name,
                        request: Some(request),
                        response: None,
                    }),
                    Some(HttpBlock::Response(response)) => attach_response(into, response, diags),
                    None if block_type == "response" || section.kind == SectionKind::Response => {
                        // A response written as a bare JSON body.
                        let t = text.trim_start();
                        if t.starts_with('{') || t.starts_with('[') {
                            let body = example::body(t, *line, diags);
                            attach_response(
                                into,
                                ExampleResponse {
                                    status: None,
                                    headers: Vec::new(),
                                    body,
                                    line: *line,
                                },
                                diags,
                            );
                        }
                    }
                    None => {}
                }
            }
            Block::Table(t) => ledger.ignore_table(t, &section.heading, diags),
            _ => {}
        }
    }
}

/// Attaches a response to the example request before it, checking a text
/// body against that request (a response to `GET .../$value` is bytes).
fn attach_response(into: &mut Vec<Example>, response: ExampleResponse, diags: &mut Diagnostics) {
    let request = into
        .last()
        .filter(|e| e.response.is_none())
        .and_then(|e| e.request.as_ref());
    let path = request.map(|r| r.path.as_str());
    example::check_text(response.body.as_ref(), &response.headers, path, response.line, diags);
    match into.last_mut() {
        Some(example) if example.response.is_none() => example.response = Some(response),
        _ => into.push(Example {
            annotation: None,
            request: None,
            response: Some(response),
        }),
    }
}

/// Settles the operation's name, kind and target from the title, or infers
/// them from the description and method when the page has no title.
fn name_and_kind(intro: &Intro, op: &mut Operation) {
    let method = op.requests.first().map(|r| r.method);
    let last_segment = op.requests.first().and_then(|r| r.path.segments.last());
    let ends_in_call = matches!(last_segment, Some(Segment::Call { .. }));
    let collection_response = op
        .response
        .as_ref()
        .and_then(|r| r.body.as_ref())
        .is_some_and(TypeRef::is_collection);
    let by_method = || match method {
        Some(Method::Get) if ends_in_call => OperationKind::Function,
        Some(Method::Get) if collection_response => OperationKind::List,
        Some(Method::Get) | None => OperationKind::Get,
        Some(Method::Post)
            if ends_in_call
                || matches!(last_segment, Some(Segment::Literal { .. })) && op.request_body_type.is_none() =>
        {
            OperationKind::Action
        }
        Some(Method::Post) => OperationKind::Create,
        Some(Method::Patch) | Some(Method::Put) => OperationKind::Update,
        Some(Method::Delete) => OperationKind::Delete,
    };
    let description_target = || {
        intro
            .description_inline
            .as_ref()
            .and_then(prose::named_type)
            .map(|(name, _)| name)
    };
    match intro.title.as_deref() {
        Some(title) => {
            op.name = title.to_string();
            let mut words = title.split_whitespace();
            let verb = words.next().unwrap_or("");
            let rest: Vec<&str> = words.collect();
            op.kind = match prose::kind_of_verb(verb) {
                Some(OperationKind::Get) if ends_in_call => OperationKind::Function,
                Some(OperationKind::Create) if method != Some(Method::Post) && method.is_some() => by_method(),
                Some(kind) => kind,
                None => by_method(),
            };
            op.target = match rest.as_slice() {
                [one] if prose::is_identifier(one) => Some(one.to_string()),
                _ => description_target(),
            };
        }
        None => {
            let verb = intro
                .description
                .as_deref()
                .and_then(|d| d.split_whitespace().next())
                .unwrap_or("");
            op.kind = prose::kind_of_verb(verb).unwrap_or_else(by_method);
            op.target = description_target();
            op.name = match (&op.target, last_segment) {
                (Some(target), _) if !matches!(op.kind, OperationKind::Action | OperationKind::Function) => {
                    format!("{} {target}", prose::verb_of_kind(op.kind))
                }
                (_, Some(Segment::Call { name, .. })) | (_, Some(Segment::Literal { name })) => name.clone(),
                (Some(target), _) => format!("{} {target}", prose::verb_of_kind(op.kind)),
                _ => prose::verb_of_kind(op.kind).to_string(),
            };
        }
    }
}
