//! A list of short lists stored end to end, in two allocations: where each option of each
//! question leads. One small vector per question cost a million allocations at a million
//! questions, scattered through memory, and every walk of the tree paid for the scatter.

use std::ops::Index;

/// Rows of items, each row a slice of one vector; `rows[r]` is row `r`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rows<T> {
    /// Where each row ends in `items`.
    ends: Vec<usize>,
    items: Vec<T>,
}

impl<T> Rows<T> {
    /// Room for `rows` rows of `items` items in all.
    pub(crate) fn with_capacity(rows: usize, items: usize) -> Self {
        Self {
            ends: Vec::with_capacity(rows),
            items: Vec::with_capacity(items),
        }
    }

    /// Adds an item to the row being built.
    pub(crate) fn push(&mut self, item: T) {
        self.items.push(item);
    }

    /// Closes the row being built (empty when nothing was pushed since the last).
    pub(crate) fn end_row(&mut self) {
        self.ends.push(self.items.len());
    }
}

impl<T> Rows<Option<T>> {
    /// The same rows without the `Option`, when every item is `Some`.
    pub(crate) fn transpose(self) -> Option<Rows<T>> {
        let items = self.items.into_iter().collect::<Option<Vec<T>>>()?;
        Some(Rows {
            ends: self.ends,
            items,
        })
    }
}

impl<T> Index<usize> for Rows<T> {
    type Output = [T];
    fn index(&self, row: usize) -> &[T] {
        let start = if row == 0 { 0 } else { self.ends[row - 1] };
        &self.items[start..self.ends[row]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_hold_their_items_in_order_empty_rows_included() {
        let mut rows = Rows::with_capacity(3, 3);
        rows.push(Some(1));
        rows.push(Some(2));
        rows.end_row();
        rows.end_row();
        rows.push(Some(3));
        rows.end_row();
        assert_eq!(rows[0], [Some(1), Some(2)]);
        assert!(rows[1].is_empty());
        assert_eq!(rows[2], [Some(3)]);
        let whole = rows.clone().transpose().expect("every item is Some");
        assert_eq!((&whole[0], &whole[2]), (&[1, 2][..], &[3][..]));
        assert!(whole[1].is_empty());
        rows.push(None);
        rows.end_row();
        assert_eq!(rows.transpose(), None);
    }
}
