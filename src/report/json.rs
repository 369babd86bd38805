//! JSON rendering: the [`Report`] model itself, pretty-printed, described by
//! [`schema`](super::schema).
//!
//! The strings are sanitised once more on the way out: a `Report` built by hand may hold control
//! characters, and `serde_json` writes bidirectional overrides raw, which would reorder the text
//! of anyone who views the file.

use serde_json::Value;

use super::Report;
use crate::text::sanitize;

/// Renders the report as pretty-printed JSON with a trailing newline.
pub fn render(report: &Report) -> String {
    render_value(report)
}

/// Renders any model of this module (a report, a pending question) as pretty-printed,
/// sanitised JSON with a trailing newline.
pub fn render_value(model: &impl serde::Serialize) -> String {
    // Serialising plain structs of strings and numbers to a `Value` cannot fail.
    let mut value = serde_json::to_value(model).unwrap_or(Value::Null);
    clean(&mut value);
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}

/// Sanitises every string in a JSON value, in place.
fn clean(value: &mut Value) {
    match value {
        Value::String(s) => {
            if let std::borrow::Cow::Owned(clean) = sanitize(s) {
                *s = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(clean),
        Value::Object(map) => map.values_mut().for_each(clean),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}
