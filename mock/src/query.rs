//! OData query options evaluated over the answers of a server with state on:
//! `$filter` (`eq`, `ne`, `gt`, `ge`, `lt`, `le`, `startswith`, `endswith`,
//! `contains`, `and`, `or`, `not`, parentheses, property paths `a/b`),
//! `$search` (a substring, or `"property:text"`), `$orderby`, `$skip`,
//! `$count=true` (`@odata.count`) and `$select` (the properties named and
//! `id`). `$top` and the next links are [`crate::paging`]'s. An option the
//! server cannot evaluate is a 400 OData error naming it, as Graph answers.

use crate::error::ODataError;
use crate::paging::pairs;
use serde_json::{Map, Value};
use std::cmp::Ordering;

/// The query options of one request, read and checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    filter: Option<Expr>,
    search: Option<(Option<String>, String)>,
    orderby: Vec<(Vec<String>, bool)>,
    select: Option<Vec<String>>,
    skip: usize,
    count: bool,
    expand: Vec<Expansion>,
}

/// One navigation property `$expand` names, with the properties its own
/// `$select` keeps (`manager($select=displayName)`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Expansion {
    pub name: String,
    pub select: Option<Vec<String>>,
}

/// A `$filter` expression.
#[derive(Debug, Clone, PartialEq)]
enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Compare(Compare, Operand, Operand),
    Call(Function, Operand, Operand),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compare {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Function {
    StartsWith,
    EndsWith,
    Contains,
}

#[derive(Debug, Clone, PartialEq)]
enum Operand {
    Property(Vec<String>),
    Literal(Value),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    Comma,
    Text(String),
    Word(String),
}

/// The 400 answer naming the option the server cannot evaluate.
fn unsupported(option: &str, why: impl std::fmt::Display) -> ODataError {
    let mut error = ODataError::new(
        400,
        "BadRequest",
        format!("the local Graph cannot evaluate the query option `{option}`: {why}"),
    );
    error.target = Some(option.to_string());
    error
}

impl Query {
    /// Reads the query options of a raw query; other parameters are left to
    /// the route (function parameters, `$skiptoken`).
    pub fn parse(query: Option<&str>) -> Result<Query, ODataError> {
        let mut out = Query::default();
        for (name, value) in pairs(query) {
            let option = name.to_ascii_lowercase();
            let option = option.strip_prefix('$').unwrap_or(&option);
            match option {
                "expand" => out.expand = parse_expand(&value)?,
                "filter" => out.filter = Some(parse_filter(&value).map_err(|why| unsupported("$filter", why))?),
                "search" => out.search = Some(parse_search(&value)),
                "orderby" => out.orderby = parse_orderby(&value)?,
                "select" => {
                    out.select = Some(
                        value
                            .split(',')
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty())
                            .collect(),
                    )
                }
                "skip" => {
                    out.skip = value
                        .trim()
                        .parse()
                        .map_err(|_| unsupported("$skip", format_args!("`{value}` is not a count")))?
                }
                "top" => {
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| unsupported("$top", format_args!("`{value}` is not a count")))?;
                }
                "count" => {
                    out.count = match value.trim().to_ascii_lowercase().as_str() {
                        "true" => true,
                        "false" => false,
                        _ => {
                            return Err(unsupported(
                                "$count",
                                format_args!("`{value}` is neither true nor false"),
                            ))
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// The navigation properties `$expand` names.
    pub fn expansions(&self) -> &[Expansion] {
        &self.expand
    }

    /// Whether the options change a collection answer (beyond `$top`).
    pub fn shapes_collection(&self) -> bool {
        self.filter.is_some()
            || self.search.is_some()
            || !self.orderby.is_empty()
            || self.skip > 0
            || self.count
            || self.select.is_some()
    }

    /// Filters, searches, orders, skips, counts and selects the `value` of
    /// a collection answer; a single entity gets `$select` only.
    pub fn apply(&self, body: &mut Value) {
        let Some(object) = body.as_object_mut() else { return };
        let Some(Value::Array(items)) = object.get_mut("value") else {
            self.select_in(object);
            return;
        };
        items.retain(|item| {
            self.filter.as_ref().is_none_or(|f| f.holds(item))
                && self
                    .search
                    .as_ref()
                    .is_none_or(|(p, text)| search(item, p.as_deref(), text))
        });
        let total = items.len();
        if !self.orderby.is_empty() {
            items.sort_by(|a, b| {
                for (path, descending) in &self.orderby {
                    let order = order(lookup(a, path), lookup(b, path));
                    let order = if *descending { order.reverse() } else { order };
                    if order != Ordering::Equal {
                        return order;
                    }
                }
                Ordering::Equal
            });
        }
        items.drain(..self.skip.min(total));
        for item in items.iter_mut() {
            if let Some(item) = item.as_object_mut() {
                self.select_in(item);
            }
        }
        if self.count {
            object.insert("@odata.count".into(), Value::from(total));
        }
    }

    /// Keeps the selected properties, `id` and annotations of an entity.
    fn select_in(&self, entity: &mut Map<String, Value>) {
        let Some(select) = &self.select else { return };
        entity.retain(|name, _| {
            name == "id" || name.starts_with('@') || select.iter().any(|s| s == "*" || s.eq_ignore_ascii_case(name))
        });
    }
}

/// `manager,memberOf($select=id,displayName)`: the names, each with its own
/// `$select`; another option inside the parentheses, or `*`, is a 400. A
/// path (`microsoft.graph.itemattachment/item`) is left to the documented
/// answer.
fn parse_expand(value: &str) -> Result<Vec<Expansion>, ODataError> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in value.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&value[start..]);
    let mut out = Vec::new();
    for item in items.into_iter().map(str::trim).filter(|i| !i.is_empty()) {
        let (name, inner) = match item.split_once('(') {
            Some((name, rest)) => (name.trim(), Some(rest.trim_end_matches(')'))),
            None => (item, None),
        };
        if name == "*" {
            return Err(unsupported("$expand", "`*`: name the navigation properties"));
        }
        if name.contains('/') {
            continue;
        }
        let mut select = None;
        for option in inner
            .into_iter()
            .flat_map(|i| i.split(';'))
            .map(str::trim)
            .filter(|o| !o.is_empty())
        {
            match option.split_once('=') {
                Some((o, fields)) if o.trim().eq_ignore_ascii_case("$select") => {
                    select = Some(fields.split(',').map(|f| f.trim().to_string()).collect());
                }
                _ => {
                    return Err(unsupported(
                        "$expand",
                        format_args!("`{option}` inside `{name}(...)`: only `$select` is evaluated there"),
                    ))
                }
            }
        }
        out.push(Expansion {
            name: name.to_string(),
            select,
        });
    }
    Ok(out)
}

/// `"displayName:wa"` (one property) or `wa` (any text property).
fn parse_search(value: &str) -> (Option<String>, String) {
    let term = value.trim().trim_matches('"');
    match term.split_once(':') {
        Some((property, text)) if !property.contains(' ') => (Some(property.to_string()), text.to_lowercase()),
        _ => (None, term.to_lowercase()),
    }
}

fn search(item: &Value, property: Option<&str>, text: &str) -> bool {
    let contains = |v: &Value| v.as_str().is_some_and(|s| s.to_lowercase().contains(text));
    match (property, item.as_object()) {
        (Some(p), Some(object)) => object.iter().any(|(n, v)| n.eq_ignore_ascii_case(p) && contains(v)),
        (None, Some(object)) => object.values().any(contains),
        _ => false,
    }
}

fn parse_orderby(value: &str) -> Result<Vec<(Vec<String>, bool)>, ODataError> {
    value
        .split(',')
        .map(|part| {
            let words: Vec<&str> = part.split_whitespace().collect();
            let descending = match words.as_slice() {
                [_] => false,
                [_, d] if d.eq_ignore_ascii_case("asc") => false,
                [_, d] if d.eq_ignore_ascii_case("desc") => true,
                _ => {
                    return Err(unsupported(
                        "$orderby",
                        format_args!("`{}` is not `property [asc|desc]`", part.trim()),
                    ))
                }
            };
            match property_path(words[0]) {
                Some(path) => Ok((path, descending)),
                None => Err(unsupported(
                    "$orderby",
                    format_args!("`{}` is not a property", words[0]),
                )),
            }
        })
        .collect()
}

/// `a/b` as its names; `None` for what is not a property path.
fn property_path(word: &str) -> Option<Vec<String>> {
    let names: Vec<String> = word.split('/').map(str::to_string).collect();
    let is_name = |n: &String| {
        n.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
            && n.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '@' || c == '.')
    };
    names.iter().all(is_name).then_some(names)
}

fn lookup<'v>(item: &'v Value, path: &[String]) -> &'v Value {
    let mut at = item;
    for name in path {
        at = at
            .as_object()
            .and_then(|o| o.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v))
            .unwrap_or(&Value::Null);
    }
    at
}

/// An order over JSON values: null first, then numbers, text (without case),
/// booleans; values of different kinds by kind.
fn order(a: &Value, b: &Value) -> Ordering {
    compare(a, b).unwrap_or_else(|| rank(a).cmp(&rank(b)))
}

fn rank(v: &Value) -> u8 {
    match v {
        Value::Null => 0,
        Value::Number(_) => 1,
        Value::String(_) => 2,
        Value::Bool(_) => 3,
        Value::Array(_) => 4,
        Value::Object(_) => 5,
    }
}

/// Two values of one kind compared; `None` across kinds.
fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Null, Value::Null) => Some(Ordering::Equal),
        (Value::Number(x), Value::Number(y)) => x.as_f64()?.partial_cmp(&y.as_f64()?),
        (Value::String(x), Value::String(y)) => Some(x.to_lowercase().cmp(&y.to_lowercase())),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

impl Expr {
    fn holds(&self, item: &Value) -> bool {
        let value = |o: &Operand| match o {
            Operand::Property(path) => lookup(item, path).clone(),
            Operand::Literal(v) => v.clone(),
        };
        match self {
            Expr::And(a, b) => a.holds(item) && b.holds(item),
            Expr::Or(a, b) => a.holds(item) || b.holds(item),
            Expr::Not(a) => !a.holds(item),
            Expr::Compare(op, a, b) => {
                let order = compare(&value(a), &value(b));
                match op {
                    Compare::Eq => order == Some(Ordering::Equal),
                    Compare::Ne => order != Some(Ordering::Equal),
                    Compare::Gt => order == Some(Ordering::Greater),
                    Compare::Ge => matches!(order, Some(Ordering::Greater | Ordering::Equal)),
                    Compare::Lt => order == Some(Ordering::Less),
                    Compare::Le => matches!(order, Some(Ordering::Less | Ordering::Equal)),
                }
            }
            Expr::Call(function, a, b) => {
                let (Value::String(a), Value::String(b)) = (value(a), value(b)) else {
                    return false;
                };
                let (a, b) = (a.to_lowercase(), b.to_lowercase());
                match function {
                    Function::StartsWith => a.starts_with(&b),
                    Function::EndsWith => a.ends_with(&b),
                    Function::Contains => a.contains(&b),
                }
            }
        }
    }
}

fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            _ if c.is_whitespace() => {
                chars.next();
            }
            '(' | ')' | ',' => {
                chars.next();
                out.push(match c {
                    '(' => Token::Open,
                    ')' => Token::Close,
                    _ => Token::Comma,
                });
            }
            '\'' => {
                chars.next();
                let mut literal = String::new();
                loop {
                    match chars.next() {
                        Some('\'') if chars.peek() == Some(&'\'') => {
                            chars.next();
                            literal.push('\'');
                        }
                        Some('\'') => break,
                        Some(c) => literal.push(c),
                        None => return Err("a text literal is not closed".into()),
                    }
                }
                out.push(Token::Text(literal));
            }
            _ => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() || matches!(c, '(' | ')' | ',' | '\'') {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                out.push(Token::Word(word));
            }
        }
    }
    Ok(out)
}

fn parse_filter(text: &str) -> Result<Expr, String> {
    let mut parser = Parser {
        tokens: tokens(text)?,
        at: 0,
    };
    let expr = parser.or()?;
    match parser.tokens.get(parser.at) {
        None => Ok(expr),
        Some(t) => Err(format!("unexpected {} at the end", describe(t))),
    }
}

fn describe(token: &Token) -> String {
    match token {
        Token::Open => "`(`".into(),
        Token::Close => "`)`".into(),
        Token::Comma => "`,`".into(),
        Token::Text(t) => format!("'{t}'"),
        Token::Word(w) => format!("`{w}`"),
    }
}

/// A recursive-descent reader of `$filter`: `or` over `and` over `not`
/// over comparisons, calls and parentheses.
struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek_word(&self, word: &str) -> bool {
        matches!(self.tokens.get(self.at), Some(Token::Word(w)) if w.eq_ignore_ascii_case(word))
    }

    fn next(&mut self) -> Result<Token, String> {
        let token = self.tokens.get(self.at).cloned().ok_or("the expression ends early")?;
        self.at += 1;
        Ok(token)
    }

    fn expect(&mut self, wanted: Token) -> Result<(), String> {
        let token = self.next()?;
        if token == wanted {
            Ok(())
        } else {
            Err(format!("expected {}, found {}", describe(&wanted), describe(&token)))
        }
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut expr = self.and()?;
        while self.peek_word("or") {
            self.at += 1;
            expr = Expr::Or(Box::new(expr), Box::new(self.and()?));
        }
        Ok(expr)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut expr = self.unary()?;
        while self.peek_word("and") {
            self.at += 1;
            expr = Expr::And(Box::new(expr), Box::new(self.unary()?));
        }
        Ok(expr)
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.peek_word("not") {
            self.at += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.tokens.get(self.at) == Some(&Token::Open) {
            self.at += 1;
            let expr = self.or()?;
            self.expect(Token::Close)?;
            return Ok(expr);
        }
        if let (Some(Token::Word(name)), Some(Token::Open)) = (self.tokens.get(self.at), self.tokens.get(self.at + 1)) {
            let function = match name.to_ascii_lowercase().as_str() {
                "startswith" => Function::StartsWith,
                "endswith" => Function::EndsWith,
                "contains" => Function::Contains,
                _ => return Err(format!("the function `{name}` is not supported")),
            };
            self.at += 2;
            let a = self.operand()?;
            self.expect(Token::Comma)?;
            let b = self.operand()?;
            self.expect(Token::Close)?;
            return Ok(Expr::Call(function, a, b));
        }
        let a = self.operand()?;
        let op = match self.next()? {
            Token::Word(w) => match w.to_ascii_lowercase().as_str() {
                "eq" => Compare::Eq,
                "ne" => Compare::Ne,
                "gt" => Compare::Gt,
                "ge" => Compare::Ge,
                "lt" => Compare::Lt,
                "le" => Compare::Le,
                _ => return Err(format!("the operator `{w}` is not supported")),
            },
            other => return Err(format!("expected an operator, found {}", describe(&other))),
        };
        Ok(Expr::Compare(op, a, self.operand()?))
    }

    fn operand(&mut self) -> Result<Operand, String> {
        match self.next()? {
            Token::Text(t) => Ok(Operand::Literal(Value::String(t))),
            Token::Word(w) => Ok(match w.to_ascii_lowercase().as_str() {
                "true" => Operand::Literal(Value::Bool(true)),
                "false" => Operand::Literal(Value::Bool(false)),
                "null" => Operand::Literal(Value::Null),
                _ if w.starts_with(|c: char| c.is_ascii_digit() || c == '-') => match w.parse::<serde_json::Number>() {
                    Ok(n) => Operand::Literal(Value::Number(n)),
                    // A date, time or GUID written without quotes.
                    Err(_) => Operand::Literal(Value::String(w)),
                },
                _ => Operand::Property(property_path(&w).ok_or_else(|| format!("`{w}` is not a property"))?),
            }),
            other => Err(format!("expected a property or a value, found {}", describe(&other))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn users() -> Value {
        json!({"value": [
            {"id": "1", "displayName": "Adele Vance", "jobTitle": "Retail Manager", "age": 31, "address": {"city": "Oslo"}},
            {"id": "2", "displayName": "Alex Wilber", "jobTitle": "Marketing", "age": 45, "address": {"city": "Bergen"}},
            {"id": "3", "displayName": "Megan Bowen", "jobTitle": null, "age": 28},
        ]})
    }

    fn ids(query: &str) -> Vec<String> {
        let mut body = users();
        Query::parse(Some(query)).unwrap().apply(&mut body);
        body["value"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn filters_hold_as_odata_reads_them() {
        assert_eq!(ids("$filter=displayName eq 'adele vance'"), ["1"]);
        assert_eq!(ids("$filter=startswith(displayName,'A') and not (age gt 40)"), ["1"]);
        assert_eq!(ids("$filter=age lt 30 or address/city eq 'Bergen'"), ["2", "3"]);
        assert_eq!(ids("$filter=jobTitle ne null"), ["1", "2"]);
        assert_eq!(ids("$filter=contains(jobTitle,'man')"), ["1"]);
        assert_eq!(ids("$orderby=age desc"), ["2", "1", "3"]);
        assert_eq!(ids("$orderby=displayName&$skip=1"), ["2", "3"]);
        assert_eq!(ids("$search=\"displayName:wil\""), ["2"]);
    }

    #[test]
    fn what_cannot_be_evaluated_names_its_option() {
        for (query, option) in [
            ("$filter=members/any(m: m eq 'x')", "$filter"),
            ("$filter=displayName eq", "$filter"),
            ("$filter=(age eq 1", "$filter"),
            ("$filter=name eq 'open", "$filter"),
            ("$orderby=age sideways", "$orderby"),
            ("$top=many", "$top"),
            ("$count=maybe", "$count"),
        ] {
            let error = Query::parse(Some(query)).unwrap_err();
            assert_eq!((error.status, error.target.as_deref()), (400, Some(option)), "{query}");
        }
    }
}
