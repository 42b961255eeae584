//! Renders a markdown page into published page text, the way the reference
//! site shows it (modelled on seeds 002 and 004: the same operation as
//! markdown and as published text). Used to check that the published-text
//! reader finds the same facts as the markdown reader on pages that exist
//! only as markdown.
//!
//! What the site does to a page: front matter, the title, comments,
//! annotations, language tabs and includes disappear; a sign-in notice comes
//! first; headings become plain lines; links, code spans and emphasis become
//! their text; tables become `| a | b | ` lines; code blocks lose their
//! fences; the national cloud sentence and table follow the introduction.

use super::blocks::Block;
use super::markdown;
use crate::diagnostic::Diagnostics;

/// The lines the site puts before a page's content.
const SIGN_IN: &str = "Note\n\
Access to this page requires authorization. You can try signing in or changing directories.\n\
Access to this page requires authorization. You can try changing directories.\n";

/// The national cloud availability the site adds after the introduction.
const NATIONAL_CLOUDS: &str = "This API is available in the following national cloud deployments.\n\
| Global service | US Government L4 | US Government L5 (DOD) | China operated by 21Vianet | \n\
|---|---|---|---|\n\
| ✅ | ✅ | ✅ | ✅ | \n";

/// The published text of a markdown page (classic or current).
pub fn render(markdown_page: &str) -> String {
    let mut diags = Diagnostics::new("");
    let text = markdown_page.strip_prefix('\u{feff}').unwrap_or(markdown_page);
    let (_, body) = super::front_matter(text, &mut diags);
    let blocks = markdown::lower(&body, &mut diags);
    let mut out = String::from(SIGN_IN);
    let mut clouds_written = false;
    for block in &blocks {
        match block {
            Block::Heading { level: 1, .. } | Block::Annotation { .. } => {}
            Block::Heading { text, .. } => {
                if !clouds_written {
                    out.push_str(NATIONAL_CLOUDS);
                    clouds_written = true;
                }
                line(&mut out, &text.plain());
            }
            Block::Paragraph { text, .. } | Block::Quote { text, .. } | Block::ListItem { text, .. } => {
                line(&mut out, &text.plain())
            }
            Block::Table(t) => {
                let row = |cells: Vec<String>| {
                    let mut r = String::from("|");
                    for cell in cells {
                        r.push(' ');
                        r.push_str(&cell.replace('|', "\\|"));
                        r.push_str(" |");
                    }
                    r.push(' ');
                    r
                };
                line(&mut out, &row(t.header.clone()));
                line(&mut out, &format!("|{}", "---|".repeat(t.header.len())));
                for r in &t.rows {
                    line(&mut out, &row(r.cells.iter().map(|c| c.plain()).collect()));
                }
            }
            Block::Code { text, .. } => {
                for l in text.lines() {
                    line(&mut out, l);
                }
            }
        }
    }
    if !clouds_written {
        out.push_str(NATIONAL_CLOUDS);
    }
    out
}

fn line(out: &mut String, text: &str) {
    if !text.trim().is_empty() {
        out.push_str(text);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_the_site() {
        let page = "---\ntitle: \"Get widget\"\ndoc_type: apiPageType\n---\n\n# Get widget\n\nNamespace: microsoft.graph\n\n\
Get a [widget](../resources/widget.md) object.\n\n## HTTP request\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nGET /widgets/{id}\n```\n\n\
## Request body\n|Property|Type|Description|\n|:---|:---|:---|\n|name|[widgetName](../resources/x.md)|The `name`.|\n";
        let text = render(page);
        assert_eq!(
            text,
            format!(
                "{SIGN_IN}Namespace: microsoft.graph\nGet a widget object.\n{NATIONAL_CLOUDS}HTTP request\nGET /widgets/{{id}}\n\
Request body\n| Property | Type | Description | \n|---|---|---|\n| name | widgetName | The name. | \n"
            )
        );
    }
}
