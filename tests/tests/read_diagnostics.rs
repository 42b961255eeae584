//! Diagnostics point at the file, line and column of what is odd, and the
//! rest of the page is still read.

use generator::diagnostic::Severity;
use generator::read::read_page;

const PAGE: &str = "# Update widget

Update a [widget](../resources/widget.md) object.

## HTTP request

```http
PATCH /widgets/{id}
  POST ** Collection URI for microsoft.graph.widget not found
```

## Request body

|Property|Type|Description|
|:---|:---|:---|
|name|String|The name.|
|size|string/number|A union.|
|tags|String collection|Tags.|`a|b`|extra|

## Response

If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object.
";

#[test]
fn diagnostics_carry_line_and_column_and_reading_goes_on() {
    let read = read_page("widget-update.md", PAGE);
    let at = |code: &str| {
        read.diagnostics
            .iter()
            .find(|d| d.code == code)
            .map(|d| (d.file.as_str(), d.line, d.column, d.severity))
            .unwrap_or_else(|| panic!("no {code} in {:?}", read.diagnostics))
    };
    assert_eq!(at("path-placeholder"), ("widget-update.md", 9, 3, Severity::Warning));
    assert_eq!(at("type-unreadable"), ("widget-update.md", 17, 7, Severity::Warning));
    assert_eq!(at("table-row-cells"), ("widget-update.md", 18, 31, Severity::Warning));
    // The rest of the page is read: the good path, every row, the response.
    let op = read.page.operation.expect("operation");
    assert_eq!(op.requests.len(), 1);
    assert_eq!(op.request_body.len(), 3);
    assert_eq!(op.request_body[2].description, "Tags. | a|b | extra");
    assert_eq!(op.response.and_then(|r| r.status), Some(200));
}
