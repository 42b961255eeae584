//! Base-type chains over any set of types (page facts or CSDL), in time
//! linear in the number of types: each type's place in the inheritance
//! forest is computed once, cycles of any length are found in one pass, and
//! chains are cut at [`MAX_DEPTH`] types so no input makes output grow
//! without bound.

/// The most types a chain holds, the type itself included. Graph's deepest
/// real chain is about 6; a limit well above it keeps the output of a
/// hostile chain or cycle (each type inherits at most this many levels) small.
pub const MAX_DEPTH: usize = 16;

/// The inheritance of `n` types, given each one's base as an index.
#[derive(Debug, Clone)]
pub struct Chains {
    base: Vec<Option<usize>>,
    /// The cycle (index into `cycles`) a type is on, if any.
    cycle_of: Vec<Option<usize>>,
    /// Distinct types in each chain, the type itself included.
    length: Vec<usize>,
    cycles: Vec<Vec<usize>>,
}

impl Chains {
    /// Analyses the types `0..base.len()`; `base[i]` is the base of type `i`.
    pub fn new(base: Vec<Option<usize>>) -> Chains {
        let n = base.len();
        // 0: not seen, 1: on the walk in progress (at `position`), 2: done.
        let mut state = vec![0u8; n];
        let mut position = vec![0usize; n];
        let mut cycle_of = vec![None; n];
        let mut length = vec![0usize; n];
        let mut cycles = Vec::new();
        let mut path = Vec::new();
        for start in 0..n {
            if state[start] != 0 {
                continue;
            }
            path.clear();
            let mut next = Some(start);
            while let Some(j) = next.filter(|&j| state[j] == 0) {
                state[j] = 1;
                position[j] = path.len();
                path.push(j);
                next = base[j];
            }
            if let Some(j) = next.filter(|&j| state[j] == 1) {
                let mut cycle = path.split_off(position[j]);
                // The same cycle reads the same however it was entered.
                let first = cycle.iter().enumerate().min_by_key(|(_, &t)| t).map_or(0, |(i, _)| i);
                cycle.rotate_left(first);
                for &t in &cycle {
                    cycle_of[t] = Some(cycles.len());
                    length[t] = cycle.len();
                    state[t] = 2;
                }
                cycles.push(cycle);
            }
            for &t in path.iter().rev() {
                length[t] = 1 + base[t].map_or(0, |b| length[b]);
                state[t] = 2;
            }
        }
        Chains {
            base,
            cycle_of,
            length,
            cycles,
        }
    }

    /// Type `i`, its base, and so on, at most [`MAX_DEPTH`] types. A cycle
    /// ends the chain at the first of its types reached: inheritance round
    /// a cycle means nothing, so its types keep their own properties only
    /// (and a cycle of any length costs what its types alone cost).
    pub fn chain(&self, i: usize) -> Vec<usize> {
        let mut chain = Vec::with_capacity(self.length[i].min(MAX_DEPTH));
        let mut next = Some(i);
        while let Some(t) = next {
            if chain.len() == MAX_DEPTH {
                break;
            }
            if self.cycle_of[t].is_some() {
                chain.push(t);
                break;
            }
            chain.push(t);
            next = self.base[t];
        }
        chain
    }

    /// Every cycle, each starting at its lowest index, in order of that index.
    pub fn cycles(&self) -> Vec<&[usize]> {
        let mut cycles: Vec<&[usize]> = self.cycles.iter().map(Vec::as_slice).collect();
        cycles.sort();
        cycles
    }

    /// The types whose chain is the first to go past [`MAX_DEPTH`] (on no
    /// cycle, with a base whose chain is within it or on a cycle itself
    /// reported): their chains and those of types below them are cut.
    pub fn too_deep(&self) -> Vec<usize> {
        (0..self.base.len())
            .filter(|&i| self.cycle_of[i].is_none() && self.length[i] == MAX_DEPTH + 1)
            .collect()
    }

    /// The number of distinct types in the chain of `i` (uncut).
    pub fn length(&self, i: usize) -> usize {
        self.length[i]
    }
}

/// Names a chain or cycle for a diagnostic: `a` -> `b` -> ..., the first
/// few names and how many more.
pub fn describe(names: &[&str]) -> String {
    const SHOWN: usize = 8;
    let total = names.len();
    let mut text = names
        .iter()
        .take(SHOWN)
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(" -> ");
    if total > SHOWN {
        text.push_str(&format!(" -> ... ({} more)", total - SHOWN));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_follow_bases_and_stop_at_the_root() {
        let c = Chains::new(vec![None, Some(0), Some(1), Some(0)]);
        assert_eq!(c.chain(2), [2, 1, 0]);
        assert_eq!(c.chain(3), [3, 0]);
        assert!(c.cycles().is_empty());
        assert_eq!(c.length(2), 3);
    }

    #[test]
    fn cycles_of_any_length_are_found_once_and_end_chains() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 -> 1.
        let c = Chains::new(vec![Some(1), Some(2), Some(0), Some(3), Some(1)]);
        assert_eq!(c.cycles(), [&[0, 1, 2][..], &[3][..]]);
        assert_eq!(c.chain(1), [1]);
        assert_eq!(c.chain(4), [4, 1]);
        assert_eq!(c.chain(3), [3]);
        let n = 10_000;
        let long = Chains::new((0..n).map(|i| Some((i + 1) % n)).collect());
        assert_eq!(long.cycles().len(), 1);
        assert_eq!(long.cycles()[0].len(), n);
        assert_eq!(long.chain(5), [5]);
    }

    #[test]
    fn deep_chains_are_cut_and_the_first_type_past_the_limit_named() {
        let n = 1_000;
        let c = Chains::new((0..n).map(|i: usize| i.checked_sub(1)).collect());
        assert_eq!(c.too_deep(), [MAX_DEPTH]);
        let chain = c.chain(n - 1);
        assert_eq!(chain.len(), MAX_DEPTH);
        assert_eq!(chain[0], n - 1);
        assert_eq!(c.chain(3), [3, 2, 1, 0]);
    }

    #[test]
    fn long_names_are_shortened() {
        let names: Vec<String> = (0..20).map(|i| format!("t{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let text = describe(&names);
        assert!(text.starts_with("`t0` -> `t1`"));
        assert!(text.ends_with("(12 more)"));
    }
}
