//! JSON rendering: the [`Report`](super::Report) model itself, pretty-printed, described by
//! [`schema`](super::schema); and [`cleaned`], where a model enters the writers.
//!
//! A model built from a pack holds only clean text, but a `Report` is public data: built by
//! hand or read back from its JSON, it may hold control characters, and `serde_json` writes
//! bidirectional overrides raw, which would reorder the text of anyone who views the file. So
//! [`super::render`] makes every string of the model it is given [`Clean`] once, here.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::text::Clean;

/// Renders a model (a report, a pending question) as pretty-printed JSON with a trailing
/// newline, its keys in alphabetical order (through a `Value`, whose map sorts them).
pub fn render_value(model: &impl Serialize) -> String {
    let value = serde_json::to_value(model).unwrap_or(Value::Null);
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}

/// The model with every string made [`Clean`]: the model itself when it is clean already (as
/// every model built from a pack is). Plain structs of strings and numbers go to a `Value` and
/// back without fail.
pub fn cleaned<T: Serialize + DeserializeOwned + Clone>(model: &T) -> T {
    let Ok(mut value) = serde_json::to_value(model) else {
        return model.clone();
    };
    if !clean(&mut value) {
        return model.clone();
    }
    serde_json::from_value(value).unwrap_or_else(|_| model.clone())
}

/// Cleans every string in a JSON value, in place; true when one changed.
fn clean(value: &mut Value) -> bool {
    match value {
        Value::String(s) => {
            let clean = Clean::new(s);
            let changed = clean != *s;
            if changed {
                *s = clean.into_string();
            }
            changed
        }
        Value::Array(items) => items.iter_mut().fold(false, |any, i| clean(i) | any),
        Value::Object(map) => map.values_mut().fold(false, |any, i| clean(i) | any),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}
