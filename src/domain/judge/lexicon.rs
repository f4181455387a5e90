//! The small words the judge reads structure from: clause breaks, sentence glue,
//! negation, dismissal and reasons. Each word's flags are worked out once, when the
//! interner first sees it, so reading notes never searches these lists.

/// Never written joined to a neighbour.
pub const STOP: u8 = 1;
/// Breaks a clause, like a comma.
pub const CLAUSE: u8 = 1 << 1;
/// Makes a line read as a sentence rather than a list of terms.
pub const GLUE: u8 = 1 << 2;
/// Negates or dismisses what follows in its clause.
pub const NEGATOR: u8 = 1 << 3;
/// Dismisses what stands before it: "a cache is overkill".
pub const DISMISSAL: u8 = 1 << 4;
/// Gives a reason, a consequence or a trade-off.
pub const REASON: u8 = 1 << 5;

/// The flags of one lowercase word.
pub fn flags(word: &str) -> u8 {
    let mut f = 0;
    for (list, flag) in [
        (STOP_WORDS, STOP),
        (CLAUSE_WORDS, CLAUSE),
        (FUNCTION_WORDS, GLUE),
        (NEGATORS, NEGATOR),
        (DISMISSALS, DISMISSAL),
        (REASONS, REASON),
    ] {
        if list.contains(&word) {
            f |= flag;
        }
    }
    f
}

/// Words never written joined to a neighbour, so not worth joining.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "i", "if", "in", "into", "is",
    "it", "of", "on", "or", "so", "that", "the", "then", "this", "to", "we", "with",
];

/// Words that break a clause for negation and phrase gaps.
pub const CLAUSE_WORDS: &[&str] = &["although", "but", "however", "though", "whereas", "while"];

/// Short words that make a line read as a sentence rather than a list of terms.
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "because", "by", "can", "each", "for", "from",
    "get", "goes", "if", "in", "into", "is", "it", "its", "keep", "make", "must", "of", "on", "or",
    "our", "per", "put", "read", "reads", "send", "should", "since", "so", "store", "than", "that",
    "the", "their", "then", "they", "this", "to", "until", "use", "using", "we", "when", "where",
    "which", "will", "with", "would", "write", "writes",
];

/// Words that negate or dismiss what follows them in the same clause.
pub const NEGATORS: &[&str] = &[
    "arent",
    "avoid",
    "avoiding",
    "avoids",
    "cannot",
    "cant",
    "didnt",
    "doesnt",
    "dont",
    "drop",
    "dropping",
    "except",
    "exclude",
    "excluding",
    "forget",
    "ignore",
    "ignores",
    "ignoring",
    "isnt",
    "neither",
    "never",
    "no",
    "none",
    "nor",
    "not",
    "nothing",
    "shouldnt",
    "skip",
    "skipping",
    "skips",
    "unnecessary",
    "without",
    "wont",
];

/// Words after a mention that dismiss it: "a cache is overkill", "CDN not needed".
pub const DISMISSALS: &[&str] = &[
    "needless",
    "overkill",
    "pointless",
    "unnecessary",
    "useless",
];

/// Words that give a reason, a consequence or a trade-off.
pub const REASONS: &[&str] = &[
    "absorb",
    "absorbs",
    "allows",
    "avoid",
    "avoids",
    "bc",
    "because",
    "bound",
    "bounded",
    "but",
    "cheaper",
    "con",
    "cons",
    "cost",
    "costs",
    "downside",
    "due",
    "else",
    "ensure",
    "ensures",
    "expensive",
    "faster",
    "given",
    "guarantee",
    "guarantees",
    "handle",
    "handles",
    "hence",
    "instead",
    "keeps",
    "lets",
    "limit",
    "limits",
    "means",
    "otherwise",
    "prevent",
    "prevents",
    "pro",
    "pros",
    "protect",
    "protects",
    "reduce",
    "reduces",
    "risk",
    "safer",
    "simpler",
    "since",
    "slower",
    "so",
    "spread",
    "spreads",
    "survive",
    "survives",
    "therefore",
    "thus",
    "tolerate",
    "tolerates",
    "trade",
    "tradeoff",
    "unless",
    "upside",
    "versus",
    "vs",
    "whereas",
    "why",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_get_their_flags() {
        assert_eq!(flags("the") & STOP, STOP);
        assert_eq!(flags("but") & (CLAUSE | REASON), CLAUSE | REASON);
        assert_eq!(flags("without"), NEGATOR);
        assert_eq!(flags("overkill") & DISMISSAL, DISMISSAL);
        assert_eq!(flags("because") & REASON, REASON);
        assert_eq!(flags("cache"), 0);
    }
}
