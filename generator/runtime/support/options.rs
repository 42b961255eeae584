//! Typed OData query options: a model's wire properties as values
//! (`User::DISPLAY_NAME`, `User::MANAGER`), a `$filter` built from them, and
//! [`Queryable`], saying which options an operation's page documents
//! ([`Yes`] or [`No`] per option) and which model they name, and
//! [`QueryExt`], the methods, each there only where its option is
//! documented: `$select` of another model's property, or `$top` on an
//! operation that does not take it, does not compile.

use std::fmt;
use std::marker::PhantomData;

use super::query::{odata_string, QueryOptions};

/// A structural property of model `M`, by its wire name: for `$select`,
/// `$orderby` and `$filter`. Generated as constants on each model
/// (`User::DISPLAY_NAME`).
pub struct Property<M> {
    name: &'static str,
    model: PhantomData<fn() -> M>,
}

/// A navigation property of model `M` (a related entity), for `$expand`
/// (`User::MANAGER`).
pub struct Navigation<M> {
    name: &'static str,
    model: PhantomData<fn() -> M>,
}

macro_rules! named {
    ($t:ident) => {
        impl<M> $t<M> {
            /// The property of wire name `name` (generated code writes these).
            pub const fn new(name: &'static str) -> Self {
                Self {
                    name,
                    model: PhantomData,
                }
            }

            /// The wire name (`displayName`).
            pub const fn name(self) -> &'static str {
                self.name
            }
        }

        impl<M> Clone for $t<M> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<M> Copy for $t<M> {}

        impl<M> fmt::Debug for $t<M> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name)
            }
        }
    };
}

named!(Property);
named!(Navigation);

/// A `$orderby` key of model `M`: a property, ascending unless
/// [`Property::desc`] says otherwise.
#[derive(Debug, Clone)]
pub struct OrderKey<M> {
    key: String,
    model: PhantomData<fn() -> M>,
}

impl<M> OrderKey<M> {
    /// The key as sent (`displayName`, `createdDateTime desc`).
    pub fn as_str(&self) -> &str {
        &self.key
    }
}

impl<M> From<Property<M>> for OrderKey<M> {
    fn from(p: Property<M>) -> Self {
        OrderKey {
            key: p.name.to_owned(),
            model: PhantomData,
        }
    }
}

/// A value compared with a property in a `$filter`, written as an OData
/// literal: strings quoted (`'O''Neil'`), numbers and Booleans as they are.
pub trait FilterValue {
    /// The literal.
    fn literal(&self) -> String;
}

impl FilterValue for &str {
    fn literal(&self) -> String {
        odata_string(self)
    }
}

impl FilterValue for String {
    fn literal(&self) -> String {
        odata_string(self)
    }
}

macro_rules! plain_literal {
    ($($t:ty),*) => {
        $(impl FilterValue for $t {
            fn literal(&self) -> String {
                self.to_string()
            }
        })*
    };
}

plain_literal!(bool, i32, i64, u32, u64, f64);

/// A `$filter` expression over model `M`: built from its properties
/// (`User::DISPLAY_NAME.starts_with("A").and(User::ACCOUNT_ENABLED.eq(true))`),
/// or written by hand (`"startswith(displayName,'A')".into()`).
#[derive(Debug, Clone)]
pub struct FilterExpr<M> {
    text: String,
    model: PhantomData<fn() -> M>,
}

impl<M> FilterExpr<M> {
    fn new(text: String) -> Self {
        FilterExpr {
            text,
            model: PhantomData,
        }
    }

    /// The expression as sent (`displayName eq 'A'`).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `(self) and (other)`.
    pub fn and(self, other: FilterExpr<M>) -> Self {
        Self::new(format!("({}) and ({})", self.text, other.text))
    }

    /// `(self) or (other)`.
    pub fn or(self, other: FilterExpr<M>) -> Self {
        Self::new(format!("({}) or ({})", self.text, other.text))
    }

    /// `not (self)`.
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Self {
        Self::new(format!("not ({})", self.text))
    }
}

impl<M> From<&str> for FilterExpr<M> {
    fn from(text: &str) -> Self {
        Self::new(text.to_owned())
    }
}

impl<M> From<String> for FilterExpr<M> {
    fn from(text: String) -> Self {
        Self::new(text)
    }
}

impl<M> Property<M> {
    /// Sorts by this property, descending (`createdDateTime desc`).
    pub fn desc(self) -> OrderKey<M> {
        OrderKey {
            key: format!("{} desc", self.name),
            model: PhantomData,
        }
    }

    fn compare(self, op: &str, value: impl FilterValue) -> FilterExpr<M> {
        FilterExpr::new(format!("{} {op} {}", self.name, value.literal()))
    }

    /// `name eq value`.
    #[allow(clippy::should_implement_trait)]
    pub fn eq(self, value: impl FilterValue) -> FilterExpr<M> {
        self.compare("eq", value)
    }

    /// `name ne value`.
    #[allow(clippy::should_implement_trait)]
    pub fn ne(self, value: impl FilterValue) -> FilterExpr<M> {
        self.compare("ne", value)
    }

    /// `name gt value`.
    #[allow(clippy::should_implement_trait)]
    pub fn gt(self, value: impl FilterValue) -> FilterExpr<M> {
        self.compare("gt", value)
    }

    /// `name ge value`.
    #[allow(clippy::should_implement_trait)]
    pub fn ge(self, value: impl FilterValue) -> FilterExpr<M> {
        self.compare("ge", value)
    }

    /// `name lt value`.
    #[allow(clippy::should_implement_trait)]
    pub fn lt(self, value: impl FilterValue) -> FilterExpr<M> {
        self.compare("lt", value)
    }

    /// `name le value`.
    #[allow(clippy::should_implement_trait)]
    pub fn le(self, value: impl FilterValue) -> FilterExpr<M> {
        self.compare("le", value)
    }

    /// `startswith(name,'prefix')`.
    pub fn starts_with(self, prefix: &str) -> FilterExpr<M> {
        FilterExpr::new(format!("startswith({},{})", self.name, odata_string(prefix)))
    }

    /// `endswith(name,'suffix')` (an advanced query: Graph wants
    /// `ConsistencyLevel: eventual` and `$count=true` with it).
    pub fn ends_with(self, suffix: &str) -> FilterExpr<M> {
        FilterExpr::new(format!("endswith({},{})", self.name, odata_string(suffix)))
    }
}

/// Marks a query option an operation's page documents
/// ([`Queryable::Select`] and the others).
pub enum Yes {}

/// Marks a query option an operation's page does not document.
pub enum No {}

/// An operation that takes OData query options and answers model `Item`
/// (or a collection of it). Generated for each operation whose page
/// documents query options: each associated type says whether one option
/// is documented ([`Yes`]) or not ([`No`]), and the methods of
/// [`QueryExt`] (and of the client's `Call`) exist only for the ones that are.
///
/// A route like the generated ones takes its model's properties:
///
/// ```
/// use msgraph_typed_support::{No, Property, QueryExt, QueryOptions, Queryable, Yes};
/// struct User;
/// #[derive(Default)]
/// struct ListUsers(QueryOptions);
/// impl Queryable for ListUsers {
///     type Item = User;
///     type Select = Yes;
///     type Expand = No;
///     type Filter = No;
///     type OrderBy = No;
///     type Top = No;
///     type Skip = No;
///     type Count = No;
///     type Search = No;
///     fn query_mut(&mut self) -> &mut QueryOptions { &mut self.0 }
/// }
/// const DISPLAY_NAME: Property<User> = Property::new("displayName");
/// let route = ListUsers::default().select([DISPLAY_NAME]);
/// assert_eq!(route.0.to_query_string(), "$select=displayName");
/// ```
///
/// `$select` of another model's property does not compile:
///
/// ```compile_fail
/// use msgraph_typed_support::{No, Property, QueryExt, QueryOptions, Queryable, Yes};
/// struct User;
/// struct Group;
/// #[derive(Default)]
/// struct ListUsers(QueryOptions);
/// impl Queryable for ListUsers {
///     type Item = User;
///     type Select = Yes;
///     type Expand = No;
///     type Filter = No;
///     type OrderBy = No;
///     type Top = No;
///     type Skip = No;
///     type Count = No;
///     type Search = No;
///     fn query_mut(&mut self) -> &mut QueryOptions { &mut self.0 }
/// }
/// const GROUP_NAME: Property<Group> = Property::new("displayName");
/// let route = ListUsers::default().select([GROUP_NAME]);
/// ```
///
/// Nor does an option the page does not document (`$top` here: "expected
/// `Yes`, found `No`"):
///
/// ```compile_fail
/// use msgraph_typed_support::{No, QueryExt, QueryOptions, Queryable, Yes};
/// struct User;
/// #[derive(Default)]
/// struct ListUsers(QueryOptions);
/// impl Queryable for ListUsers {
///     type Item = User;
///     type Select = Yes;
///     type Expand = No;
///     type Filter = No;
///     type OrderBy = No;
///     type Top = No;
///     type Skip = No;
///     type Count = No;
///     type Search = No;
///     fn query_mut(&mut self) -> &mut QueryOptions { &mut self.0 }
/// }
/// let route = ListUsers::default().top(5);
/// ```
pub trait Queryable: Sized {
    /// The model whose properties the options name.
    type Item;
    /// Whether the page documents `$select`.
    type Select;
    /// Whether the page documents `$expand`.
    type Expand;
    /// Whether the page documents `$filter`.
    type Filter;
    /// Whether the page documents `$orderby`.
    type OrderBy;
    /// Whether the page documents `$top`.
    type Top;
    /// Whether the page documents `$skip`.
    type Skip;
    /// Whether the page documents `$count`.
    type Count;
    /// Whether the page documents `$search`.
    type Search;

    /// The options the request will carry.
    fn query_mut(&mut self) -> &mut QueryOptions;
}

/// The typed query options of a route value (sans-IO; the client's `Call`
/// has the same methods): each only where the route's page documents it.
pub trait QueryExt: Queryable {
    /// Changes the options (the methods below call this).
    fn with_query(mut self, f: impl FnOnce(QueryOptions) -> QueryOptions) -> Self {
        let query = std::mem::take(self.query_mut());
        *self.query_mut() = f(query);
        self
    }

    /// Adds properties to `$select`.
    fn select(self, properties: impl IntoIterator<Item = Property<Self::Item>>) -> Self
    where
        Self: Queryable<Select = Yes>,
    {
        self.with_query(|q| q.select(properties.into_iter().map(Property::name)))
    }

    /// Adds navigation properties to `$expand`.
    fn expand(self, properties: impl IntoIterator<Item = Navigation<Self::Item>>) -> Self
    where
        Self: Queryable<Expand = Yes>,
    {
        self.with_query(|q| q.expand(properties.into_iter().map(Navigation::name)))
    }

    /// Sets `$filter`: built from the model's properties
    /// (`User::DISPLAY_NAME.starts_with("A")`) or a string.
    fn filter(self, expression: impl Into<FilterExpr<Self::Item>>) -> Self
    where
        Self: Queryable<Filter = Yes>,
    {
        let expression = expression.into().text;
        self.with_query(|q| q.filter(expression))
    }

    /// Adds sort keys to `$orderby`: properties, ascending, or
    /// [`Property::desc`].
    fn order_by<K: Into<OrderKey<Self::Item>>>(self, keys: impl IntoIterator<Item = K>) -> Self
    where
        Self: Queryable<OrderBy = Yes>,
    {
        self.with_query(|q| q.order_by(keys.into_iter().map(|k| k.into().key)))
    }

    /// Sets `$top`: at most this many items per page.
    fn top(self, top: u64) -> Self
    where
        Self: Queryable<Top = Yes>,
    {
        self.with_query(|q| q.top(top))
    }

    /// Sets `$skip`.
    fn skip(self, skip: u64) -> Self
    where
        Self: Queryable<Skip = Yes>,
    {
        self.with_query(|q| q.skip(skip))
    }

    /// Sets `$count` (Graph wants `ConsistencyLevel: eventual` with it on
    /// directory objects).
    fn count(self, count: bool) -> Self
    where
        Self: Queryable<Count = Yes>,
    {
        self.with_query(|q| q.count(count))
    }

    /// Sets `$search`, sent as given (Graph expects `"displayName:team"`
    /// in double quotes).
    fn search(self, expression: impl Into<String>) -> Self
    where
        Self: Queryable<Search = Yes>,
    {
        let expression = expression.into();
        self.with_query(|q| q.search(expression))
    }
}

impl<T: Queryable> QueryExt for T {}

#[cfg(test)]
mod tests {
    use super::*;

    struct User;

    #[derive(Default)]
    struct ListUsers {
        query: QueryOptions,
    }

    impl Queryable for ListUsers {
        type Item = User;
        type Select = Yes;
        type Expand = No;
        type Filter = Yes;
        type OrderBy = Yes;
        type Top = Yes;
        type Skip = No;
        type Count = No;
        type Search = No;
        fn query_mut(&mut self) -> &mut QueryOptions {
            &mut self.query
        }
    }

    const DISPLAY_NAME: Property<User> = Property::new("displayName");
    const MAIL: Property<User> = Property::new("mail");
    const ACCOUNT_ENABLED: Property<User> = Property::new("accountEnabled");

    #[test]
    fn options_are_written_as_the_service_expects() {
        let route = ListUsers::default()
            .select([DISPLAY_NAME, MAIL])
            .filter(
                DISPLAY_NAME
                    .starts_with("O'N")
                    .and(ACCOUNT_ENABLED.eq(true))
                    .or(MAIL.ne("a@b")),
            )
            .order_by([DISPLAY_NAME.desc(), MAIL.into()])
            .top(5);
        assert_eq!(
            route.query.to_query_string(),
            "$select=displayName,mail\
             &$filter=((startswith(displayName,'O''N'))%20and%20(accountEnabled%20eq%20true))%20or%20(mail%20ne%20'a@b')\
             &$orderby=displayName%20desc,mail&$top=5"
        );
    }

    #[test]
    fn hand_written_filters_and_negation() {
        let route = ListUsers::default().filter("id in ('1','2')");
        assert_eq!(
            route.query.pairs(),
            [("$filter".to_owned(), "id in ('1','2')".to_owned())]
        );
        let not: FilterExpr<User> = DISPLAY_NAME.lt(3).not();
        assert_eq!(not.as_str(), "not (displayName lt 3)");
        assert_eq!(format!("{:?}", DISPLAY_NAME), "displayName");
    }
}
