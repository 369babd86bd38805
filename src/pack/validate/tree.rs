//! The checks of a pack's tree as a whole: every question and conclusion reachable from the
//! start, and no cycle. Both are single iterative passes, so a pack 100,000 questions deep
//! cannot exhaust the stack.

use crate::pack::node_index::Nodes;
use crate::pack::position::{Reporter, json_path, quoted};
use crate::pack::rows::Rows;
use crate::pack::{Node, PackFile};

/// Reports questions and conclusions the start cannot reach: one iterative pass.
pub(super) fn check_reachable(
    rep: &mut Reporter<'_, '_>,
    file: &PackFile,
    nodes: Nodes<'_>,
    edges: &Rows<Option<Node>>,
    start: usize,
) {
    let mut seen_q = vec![false; file.questions.len()];
    let mut seen_c = vec![false; file.conclusions.len()];
    let mut stack = vec![start];
    seen_q[start] = true;
    while let Some(q) = stack.pop() {
        for target in edges[q].iter().flatten() {
            match *target {
                Node::Question(n) if !seen_q[n] => {
                    seen_q[n] = true;
                    stack.push(n);
                }
                Node::Conclusion(c) => seen_c[c] = true,
                Node::Question(_) => {}
            }
        }
    }
    // A node whose id is taken by an earlier one cannot be reached by id at all; its duplicate
    // id is reported already, so it is not reported again here.
    let from = format!("is not reachable from the start ({})", quoted(&file.start));
    for (i, _) in seen_q.iter().enumerate().filter(|(_, s)| !**s) {
        if nodes.get(file.questions[i].id.as_str()) == Some(Node::Question(i)) {
            rep.error(&json_path!["questions", i], &from);
        }
    }
    for (i, _) in seen_c.iter().enumerate().filter(|(_, s)| !**s) {
        if nodes.get(file.conclusions[i].id.as_str()) == Some(Node::Conclusion(i)) {
            rep.error(&json_path!["conclusions", i], &from);
        }
    }
}

/// Reports every option that closes a cycle, naming the cycle's questions in order. One
/// iterative three-colour depth-first pass over all questions. True when there is no cycle.
pub(super) fn check_cycles(
    rep: &mut Reporter<'_, '_>,
    file: &PackFile,
    edges: &Rows<Option<Node>>,
    start: Option<usize>,
) -> bool {
    const UNSEEN: usize = usize::MAX;
    const DONE: usize = usize::MAX - 1;
    // state[q]: UNSEEN, DONE, or the position of q on the DFS stack (in progress).
    let mut state = vec![UNSEEN; file.questions.len()];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut acyclic = true;
    let roots = start.into_iter().chain(0..file.questions.len());
    for root in roots {
        if state[root] != UNSEEN {
            continue;
        }
        state[root] = 0;
        stack.push((root, 0));
        while let Some(&mut (q, ref mut next)) = stack.last_mut() {
            let Some(target) = edges[q].get(*next) else {
                state[q] = DONE;
                stack.pop();
                continue;
            };
            let option = *next;
            *next += 1;
            let Some(Node::Question(child)) = *target else {
                continue;
            };
            match state[child] {
                UNSEEN => {
                    state[child] = stack.len();
                    stack.push((child, 0));
                }
                DONE => {}
                pos => {
                    acyclic = false;
                    let ids: Vec<&str> = stack[pos..]
                        .iter()
                        .map(|&(q, _)| file.questions[q].id.as_str())
                        .collect();
                    let message = format!(
                        "{} closes a cycle: {}; every path must end at a conclusion",
                        quoted(&file.questions[child].id),
                        cycle_text(&ids)
                    );
                    rep.error(
                        &json_path!["questions", q, "options", option, "next"],
                        &message,
                    );
                }
            }
        }
    }
    acyclic
}

/// `"a" -> "b" -> "a"`, shortened in the middle when long.
fn cycle_text(ids: &[&str]) -> String {
    let mut out = String::new();
    let mut push = |s: &str| {
        if !out.is_empty() {
            out.push_str(" -> ");
        }
        out.push_str(s);
    };
    if ids.len() <= 10 {
        for id in ids {
            push(&quoted(id));
        }
    } else {
        for id in &ids[..5] {
            push(&quoted(id));
        }
        push(&format!("... ({} more) ...", ids.len() - 9));
        for id in &ids[ids.len() - 4..] {
            push(&quoted(id));
        }
    }
    if let Some(first) = ids.first() {
        push(&quoted(first));
    }
    out
}
