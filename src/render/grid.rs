//! A table drawn row by row: column widths, wrapping and box drawing.
//!
//! Owns the layout of a streamed table: planning content widths for a terminal width
//! ([`plan_widths`]), wrapping a cell's text into physical lines (greedy at spaces, hard
//! breaks inside long words, in time linear in the text's length), and drawing the borders in
//! the look of comfy-table's `UTF8_FULL_CONDENSED` preset, which the tool printed before:
//!
//! ```text
//! ┌──────┬─────┐
//! │ TIME ┆ MSG │
//! ╞══════╪═════╡
//! │ a    ┆ bcd │
//! │      ┆ e   │
//! └──────┴─────┘
//! ```
//!
//! Each row goes to the writer it is given one physical line at a time, each line in one
//! write as soon as it is laid out, so memory is that of one line (however many lines a cell
//! wraps into), and a writer that fails a write (a signal, a closed pipe) stops the row at a
//! line's end. It must not do I/O beyond that writer, flush, escape anything (cells arrive
//! already sanitised: no control character but `\n`), look at the terminal or the
//! environment, or decide colours (a cell arrives with its style, or none).
//!
//! Widths are display columns counted per grapheme cluster (unicode-segmentation), the unit a
//! reader sees as one character and that wrapping never splits: a cluster is as wide as
//! unicode-width says of it as a whole (wide CJK 2, combining marks 0, an emoji presentation
//! sequence such as `☁️` 2), and an emoji ZWJ sequence (`👩‍💻`) is one character 2 wide.

use std::io::{self, Write};

use owo_colors::Style;
use unicode_segmentation::UnicodeSegmentation as _;
use unicode_width::UnicodeWidthStr as _;

/// A column of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ColumnSpec {
    /// Its title, printed in the header.
    pub header: &'static str,
    /// How wide it wants to be.
    pub hint: WidthHint,
}

/// How wide a column wants to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WidthHint {
    /// Short values (a time, a type, a status): as wide as the widest value seen in the first
    /// rows (and the header), never wrapped unless the terminal is too narrow.
    Fit,
    /// As wide as the widest value seen (and the header), but at most this percentage of the
    /// total width (e.g. a task id: 30).
    FitUpTo(u8),
    /// Takes what is left (the message), whatever was seen: later rows may be longer. Exactly
    /// one column should be `Fill`; several share what is left.
    Fill,
}

/// Plans content widths (display columns, excluding borders and padding) for a table
/// `total_width` columns wide, given the columns and, for each, the widest display width seen
/// so far in the first rows (missing entries count as 0; the header's width is added here).
///
/// Every width is at least 1. `Fit` and `FitUpTo` columns get what they want when there is
/// room, and a `Fill` column takes the rest, so with a `Fill` column the drawn line is exactly
/// `total_width` wide. When there is not enough room, the widest columns shrink first (a `Fill`
/// column counting as the widest), down to an even share. The drawn line never exceeds
/// `total_width`, except when even widths of 1 do not fit (`total_width < 4 * columns + 1`).
pub(crate) fn plan_widths(
    total_width: usize,
    columns: &[ColumnSpec],
    widest_seen: &[usize],
) -> Vec<usize> {
    let n = columns.len();
    if n == 0 {
        return Vec::new();
    }
    let available = total_width.saturating_sub(3 * n + 1);
    // What each column wants; `None` for Fill, which wants everything.
    let wanted: Vec<Option<usize>> = columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let natural = widest_seen
                .get(i)
                .copied()
                .unwrap_or(0)
                .max(display_width(column.header))
                .max(1);
            match column.hint {
                WidthHint::Fit => Some(natural),
                WidthHint::FitUpTo(percent) => {
                    let percent = u128::from(percent.min(100));
                    let cap = (total_width as u128 * percent / 100) as usize;
                    Some(natural.min(cap).max(1))
                }
                WidthHint::Fill => None,
            }
        })
        .collect();
    // The cost of capping every column at `level`.
    let cost = |level: usize| -> usize {
        wanted
            .iter()
            .map(|w| w.map_or(level, |w| w.min(level)))
            .fold(0, usize::saturating_add)
    };
    if cost(1) >= available {
        return vec![1; n];
    }
    // The highest level that fits: cost(lo) <= available always holds.
    let (mut lo, mut hi) = (1, available);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if cost(mid) <= available {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let level = lo;
    let mut widths: Vec<usize> = wanted
        .iter()
        .map(|w| w.map_or(level, |w| w.min(level)))
        .collect();
    let mut extra = available - cost(level);
    // Columns held back by the level get one more column each, left to right, while it lasts
    // (there is less left over than there are such columns, or the level would be higher)...
    for (width, wanted) in widths.iter_mut().zip(&wanted) {
        if extra == 0 {
            break;
        }
        if wanted.is_some_and(|w| w > level) {
            *width += 1;
            extra -= 1;
        }
    }
    // ...and Fill columns take the rest, shared evenly.
    let fills: Vec<usize> = (0..n).filter(|&i| wanted[i].is_none()).collect();
    if !fills.is_empty() {
        let share = extra / fills.len();
        let mut rest = extra % fills.len();
        for &i in &fills {
            widths[i] += share + usize::from(rest > 0);
            rest = rest.saturating_sub(1);
        }
    }
    widths
}

/// Display width of a string: the sum of its grapheme clusters' widths (a `\n` counts 0).
pub(crate) fn display_width(s: &str) -> usize {
    clusters(s, 0).map(|(_, g)| grapheme_width(g)).sum()
}

/// The grapheme clusters of `text` from byte `at` (a cluster boundary), with their offsets.
/// ASCII goes without the segmenter: two ASCII characters are two clusters, except CR LF
/// (which sanitised text never holds). Anything else is cut as unicode-segmentation cuts it:
/// starting over at a boundary cuts the rest of the text the same way.
fn clusters(text: &str, mut at: usize) -> impl Iterator<Item = (usize, &str)> {
    std::iter::from_fn(move || {
        let rest = text.get(at..).filter(|rest| !rest.is_empty())?;
        let len = match rest.as_bytes() {
            [b, next, ..] if b.is_ascii() && next.is_ascii() && (*b, *next) != (b'\r', b'\n') => 1,
            [_] => 1,
            _ => rest.graphemes(true).next().map_or(rest.len(), str::len),
        };
        let cluster = (at, &rest[..len]);
        at += len;
        Some(cluster)
    })
}

/// Display width of one grapheme cluster: printable ASCII 1, controls 0, others as
/// unicode-width says of the whole cluster; a cluster joined by a ZWJ (an emoji ZWJ
/// sequence, well-formed or not) is one character, at most 2 wide.
fn grapheme_width(g: &str) -> usize {
    match g.as_bytes() {
        [b] => usize::from(!b.is_ascii_control()),
        _ if g.contains('\u{200d}') => g.width().min(2),
        _ => g.width(),
    }
}

/// One cell of a row: its text, already sanitised (no control character but `\n`), and the
/// style its text is drawn in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cell<'a> {
    /// The text; `\n` starts a new line inside the cell.
    pub text: &'a str,
    /// Applied to the text of each physical line, never to the padding or the borders.
    pub style: Option<Style>,
}

impl<'a> Cell<'a> {
    /// A cell without a style.
    pub(crate) fn plain(text: &'a str) -> Self {
        Self { text, style: None }
    }

    /// A cell drawn in `style`.
    #[cfg(test)]
    pub(crate) fn styled(text: &'a str, style: Style) -> Self {
        Self {
            text,
            style: Some(style),
        }
    }
}

/// A table drawn row by row with fixed content widths.
#[derive(Debug, Clone)]
pub(crate) struct Grid {
    widths: Vec<usize>,
    /// The row being drawn (kept to reuse the memory).
    state: RowState,
}

/// Where the drawing of a row stands: each column's wrapping, each column's piece of the
/// physical line being laid out, and that line's bytes.
#[derive(Debug, Clone, Default)]
struct RowState {
    wraps: Vec<Wrap>,
    pending: Vec<Option<Piece>>,
    line: Vec<u8>,
}

impl Grid {
    /// A table with these content widths (display columns, excluding borders and padding; a
    /// width of 0 is taken as 1).
    pub(crate) fn new(widths: Vec<usize>) -> Self {
        let widths: Vec<usize> = widths.into_iter().map(|w| w.max(1)).collect();
        Self {
            widths,
            state: RowState::default(),
        }
    }

    /// The content widths.
    #[cfg(test)]
    pub(crate) fn widths(&self) -> &[usize] {
        &self.widths
    }

    /// The display width of every drawn line: `sum(widths) + 3 * columns + 1` (0 without
    /// columns).
    pub(crate) fn line_width(&self) -> usize {
        if self.widths.is_empty() {
            return 0;
        }
        self.widths.iter().sum::<usize>() + 3 * self.widths.len() + 1
    }

    /// Writes the top border: `┌───┬───┐`.
    pub(crate) fn write_top(&self, out: &mut impl Write) -> io::Result<()> {
        self.write_rule(out, ['┌', '─', '┬', '┐'])
    }

    /// Writes the header row (`│ TIME ┆ ... │`, wrapped if a column is too narrow for its
    /// title) and the line under it (`╞═══╪═══╡`). Missing titles are left empty.
    pub(crate) fn write_header(&self, out: &mut impl Write, headers: &[&str]) -> io::Result<()> {
        draw_row(&self.widths, &mut RowState::default(), out, |i| {
            Cell::plain(headers.get(i).copied().unwrap_or(""))
        })?;
        self.write_rule(out, ['╞', '═', '╪', '╡'])
    }

    /// Writes one logical row, wrapped over as many physical lines as its tallest cell needs,
    /// each line written as soon as it is laid out. Missing cells are left empty; extra cells
    /// are ignored.
    pub(crate) fn write_row(&mut self, out: &mut impl Write, cells: &[Cell<'_>]) -> io::Result<()> {
        let empty = Cell::plain("");
        draw_row(&self.widths, &mut self.state, out, |i| {
            cells.get(i).copied().unwrap_or(empty)
        })
    }

    /// Writes the bottom border: `└───┴───┘`.
    pub(crate) fn write_bottom(&self, out: &mut impl Write) -> io::Result<()> {
        self.write_rule(out, ['└', '─', '┴', '┘'])
    }

    /// A horizontal line: left corner, fill, junction between columns, right corner.
    fn write_rule(
        &self,
        out: &mut impl Write,
        [left, fill, junction, right]: [char; 4],
    ) -> io::Result<()> {
        if self.widths.is_empty() {
            return Ok(());
        }
        let mut line = String::with_capacity(self.line_width() * 3 + 1);
        line.push(left);
        for (i, &width) in self.widths.iter().enumerate() {
            if i > 0 {
                line.push(junction);
            }
            line.extend(std::iter::repeat_n(fill, width + 2));
        }
        line.push(right);
        line.push('\n');
        out.write_all(line.as_bytes())
    }
}

/// Draws one logical row, a physical line at a time, each in one write: `cell(i)` gives
/// column `i`'s cell.
fn draw_row<'c>(
    widths: &[usize],
    state: &mut RowState,
    out: &mut impl Write,
    cell: impl Fn(usize) -> Cell<'c>,
) -> io::Result<()> {
    if widths.is_empty() {
        return Ok(());
    }
    let RowState {
        wraps,
        pending,
        line,
    } = state;
    wraps.clear();
    wraps.resize(widths.len(), Wrap::new());
    pending.clear();
    pending.resize(widths.len(), None);
    // Every cell yields at least one (maybe empty) line, so a row is at least one line high.
    loop {
        let mut any = false;
        for (i, (wrap, piece)) in wraps.iter_mut().zip(pending.iter_mut()).enumerate() {
            *piece = wrap.next_piece(cell(i).text, widths[i]);
            any |= piece.is_some();
        }
        if !any {
            return Ok(());
        }
        line.clear();
        lay_out_line(line, widths, pending, &cell)?;
        out.write_all(line)?;
    }
}

/// One physical line of a row into `line`: each column's piece (styled), padded to its width,
/// between the borders.
fn lay_out_line<'c>(
    line: &mut Vec<u8>,
    widths: &[usize],
    pieces: &[Option<Piece>],
    cell: &impl Fn(usize) -> Cell<'c>,
) -> io::Result<()> {
    line.extend_from_slice("│ ".as_bytes());
    for (i, (&width, piece)) in widths.iter().zip(pieces).enumerate() {
        let used = match piece {
            Some(piece) => {
                let cell = cell(i);
                let text = piece.text(cell.text);
                match cell.style {
                    Some(style) if !style.is_plain() && !text.is_empty() => write!(
                        line,
                        "{}{text}{}",
                        style.prefix_formatter(),
                        style.suffix_formatter()
                    )?,
                    _ => line.extend_from_slice(text.as_bytes()),
                }
                piece.width
            }
            None => 0,
        };
        write_spaces(line, width.saturating_sub(used))?;
        let separator = if i + 1 == widths.len() {
            " │\n"
        } else {
            " ┆ "
        };
        line.extend_from_slice(separator.as_bytes());
    }
    Ok(())
}

fn write_spaces(out: &mut impl Write, mut count: usize) -> io::Result<()> {
    const SPACES: &[u8; 64] = &[b' '; 64];
    while count > 0 {
        let chunk = count.min(SPACES.len());
        out.write_all(&SPACES[..chunk])?;
        count -= chunk;
    }
    Ok(())
}

/// Shown instead of a character (a grapheme cluster) wider than its whole column (a wide
/// character in a column one wide), so the line keeps its width.
const TOO_WIDE: &str = "?";

/// One physical line of a cell: a byte range of its text and its display width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    start: usize,
    end: usize,
    width: usize,
    /// A character (a grapheme cluster) too wide for the column, shown as [`TOO_WIDE`].
    too_wide: bool,
}

impl Piece {
    fn text<'a>(&self, source: &'a str) -> &'a str {
        if self.too_wide {
            TOO_WIDE
        } else {
            &source[self.start..self.end]
        }
    }
}

/// Where the wrapping of one cell's text stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wrap {
    /// At the start of a source line (the text's start, or just after a `\n`): the next piece
    /// starts here, leading spaces (indentation) included, and exists even if empty.
    LineStart(usize),
    /// Just after a break made by wrapping: spaces here are dropped, and a `\n` right after
    /// them only ends the line the break already ended.
    AfterBreak(usize),
    /// The whole text has been laid out.
    Done,
}

impl Wrap {
    fn new() -> Self {
        Self::LineStart(0)
    }

    /// The next physical line of `text` in a column `width` wide (at least 1), or `None` when
    /// the text is used up. Greedy: a line ends at the last space run that fits, or inside a
    /// word longer than the line, always between grapheme clusters (a character as a reader
    /// sees it: an emoji ZWJ sequence, a letter and its combining marks), so a wide character
    /// never straddles the line's end and no sequence is split. Each cluster is looked at most
    /// twice over the whole text (once more when the word it belongs to moves to the next
    /// line), so the whole text takes linear time.
    fn next_piece(&mut self, text: &str, width: usize) -> Option<Piece> {
        let width = width.max(1);
        let start = match *self {
            Self::Done => return None,
            Self::LineStart(at) => at,
            Self::AfterBreak(at) => {
                let at = skip_spaces(text, at);
                match text.as_bytes().get(at) {
                    None => {
                        *self = Self::Done;
                        return None;
                    }
                    Some(b'\n') => at + 1,
                    Some(_) => at,
                }
            }
        };
        let mut col = 0;
        // The last place the line may end: the start of a space run that follows text.
        let mut space_break: Option<(usize, usize)> = None;
        let mut seen_text = false;
        let mut after_space = false;
        for (at, g) in clusters(text, start) {
            if g == "\n" {
                *self = Self::LineStart(at + 1);
                return Some(Piece {
                    start,
                    end: at,
                    width: col,
                    too_wide: false,
                });
            }
            let is_space = g == " ";
            if is_space && seen_text && !after_space {
                space_break = Some((at, col));
            }
            let w = grapheme_width(g);
            if col + w > width {
                let (end, end_width) = match space_break {
                    Some(found) => found,
                    // A word (or an indentation) longer than the line: break it here.
                    None if at > start => (at, col),
                    // Nothing fits, not even this one character: show a placeholder.
                    None => {
                        *self = Self::AfterBreak(at + g.len());
                        return Some(Piece {
                            start: at,
                            end: at + g.len(),
                            width: 1,
                            too_wide: true,
                        });
                    }
                };
                *self = Self::AfterBreak(end);
                return Some(Piece {
                    start,
                    end,
                    width: end_width,
                    too_wide: false,
                });
            }
            col += w;
            after_space = is_space;
            seen_text |= !is_space;
        }
        *self = Self::Done;
        Some(Piece {
            start,
            end: text.len(),
            width: col,
            too_wide: false,
        })
    }
}

/// Where the spaces at `at` end: spaces that are clusters of their own (a space carrying a
/// combining mark is a character, kept).
fn skip_spaces(text: &str, mut at: usize) -> usize {
    for (_, g) in clusters(text, at) {
        if g != " " {
            break;
        }
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use owo_colors::Style;

    /// The physical lines of `text` wrapped at `width`.
    fn wrap(text: &str, width: usize) -> Vec<&str> {
        let mut state = Wrap::new();
        let mut lines = Vec::new();
        while let Some(piece) = state.next_piece(text, width) {
            assert_eq!(
                piece.width,
                display_width(piece.text(text)),
                "piece {piece:?} of {text:?}"
            );
            assert!(piece.width <= width, "{piece:?} wider than {width}");
            lines.push(piece.text(text));
        }
        lines
    }

    fn draw(widths: &[usize], headers: &[&str], rows: &[&[Cell<'_>]]) -> String {
        let mut grid = Grid::new(widths.to_vec());
        let mut out = Vec::new();
        grid.write_top(&mut out).unwrap();
        grid.write_header(&mut out, headers).unwrap();
        for row in rows {
            grid.write_row(&mut out, row).unwrap();
        }
        grid.write_bottom(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    const LOG_COLUMNS: [ColumnSpec; 4] = [
        ColumnSpec {
            header: "TIME",
            hint: WidthHint::Fit,
        },
        ColumnSpec {
            header: "TYPE",
            hint: WidthHint::Fit,
        },
        ColumnSpec {
            header: "TASK",
            hint: WidthHint::FitUpTo(30),
        },
        ColumnSpec {
            header: "MESSAGE",
            hint: WidthHint::Fill,
        },
    ];

    #[test]
    fn draws_the_condensed_utf8_look() {
        let text = draw(
            &[4, 3],
            &["TIME", "MSG"],
            &[&[Cell::plain("a"), Cell::plain("bcd e")]],
        );
        let expected = "\
┌──────┬─────┐
│ TIME ┆ MSG │
╞══════╪═════╡
│ a    ┆ bcd │
│      ┆ e   │
└──────┴─────┘
";
        assert_eq!(text, expected);
    }

    #[test]
    fn rows_stream_without_lines_between_them_and_missing_cells_are_empty() {
        let text = draw(
            &[2, 5],
            &["T", "MESSAGE"],
            &[
                &[Cell::plain("1"), Cell::plain("one")],
                &[Cell::plain("2")],
                &[],
            ],
        );
        let expected = "\
┌────┬───────┐
│ T  ┆ MESSA │
│    ┆ GE    │
╞════╪═══════╡
│ 1  ┆ one   │
│ 2  ┆       │
│    ┆       │
└────┴───────┘
";
        assert_eq!(text, expected);
    }

    #[test]
    fn word_wrap_is_greedy_and_drops_spaces_at_breaks() {
        assert_eq!(
            wrap("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
        // Several spaces at a break vanish; inside a line they stay.
        assert_eq!(wrap("ab  cd      ef", 6), ["ab  cd", "ef"]);
        // A space run that exactly ends a line.
        assert_eq!(wrap("abc def", 3), ["abc", "def"]);
        // Trailing spaces that fit are kept; those at a break are not a line of their own.
        assert_eq!(wrap("abc ", 4), ["abc "]);
        assert_eq!(wrap("abc   ", 4), ["abc"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn long_words_are_broken_hard() {
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("abcdefgh", 4), ["abcd", "efgh"]);
        // A long word after a short one starts on its own line, then breaks.
        assert_eq!(wrap("ab cdefghijkl", 5), ["ab", "cdefg", "hijkl"]);
        assert_eq!(wrap("x", 1), ["x"]);
    }

    #[test]
    fn wide_characters_never_straddle_a_line_end() {
        let cjk = "日本語のテキスト";
        let lines = wrap(cjk, 5);
        assert_eq!(lines, ["日本", "語の", "テキ", "スト"]);
        assert_eq!(lines.concat(), cjk);

        let emoji = "go 🚀🚀🚀 done";
        let lines = wrap(emoji, 3);
        assert_eq!(lines, ["go", "🚀", "🚀", "🚀", "don", "e"]);

        // Mixed narrow and wide: every line fits and nothing is lost.
        let mixed = "a日b本c語d🚀e";
        for width in 2..8 {
            let lines = wrap(mixed, width);
            assert_eq!(lines.concat(), mixed, "width {width}");
        }
        // Combining marks stay with their letter.
        assert_eq!(
            wrap("e\u{301}e\u{301}e\u{301}", 2),
            ["e\u{301}e\u{301}", "e\u{301}"]
        );
        // A wide character in a column one wide: a placeholder, never an overflow.
        assert_eq!(wrap("日本", 1), ["?", "?"]);
    }

    #[test]
    fn widths_are_those_of_grapheme_clusters() {
        // Emoji ZWJ sequences are one character 2 wide, however many emoji they join.
        assert_eq!(display_width("👩\u{200d}💻"), 2);
        assert_eq!(display_width("👨\u{200d}👩\u{200d}👧\u{200d}👦"), 2);
        assert_eq!(display_width("🏳\u{fe0f}\u{200d}🌈"), 2);
        // VS16 asks for the emoji presentation: 2 wide; the bare text symbol is 1.
        assert_eq!(display_width("☁\u{fe0f}"), 2);
        assert_eq!(display_width("☁"), 1);
        // Skin tones, flags, keycaps, combining marks, CJK.
        assert_eq!(display_width("👍🏽"), 2);
        assert_eq!(display_width("🇯🇵"), 2);
        assert_eq!(display_width("1\u{fe0f}\u{20e3}"), 2);
        assert_eq!(display_width("e\u{301}"), 1);
        assert_eq!(display_width("日本 ok"), 7);
    }

    #[test]
    fn wrapping_never_splits_a_grapheme_cluster() {
        let coder = "👩\u{200d}💻";
        assert_eq!(wrap(&coder.repeat(3), 3), [coder; 3]);
        assert_eq!(
            wrap(&coder.repeat(3), 4),
            [coder.repeat(2), coder.to_owned()]
        );
        let cloud = "☁\u{fe0f}";
        assert_eq!(wrap(&format!("ab{cloud}"), 3), ["ab", cloud]);
        assert_eq!(
            wrap(&format!("a{cloud}b"), 3),
            [format!("a{cloud}"), "b".to_owned()]
        );
        let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
        assert_eq!(wrap(&format!("{family} {family}"), 2), [family; 2]);
        // Too wide for a column one wide: one placeholder for the whole cluster.
        assert_eq!(wrap(&format!("{coder}{cloud}"), 1), ["?", "?"]);
        // Every piece of a mixed text starts on a cluster boundary, and nothing is lost.
        let mixed = format!("x{coder}y👍🏽z🇯🇵e\u{301}{cloud}日");
        let boundaries: Vec<usize> = mixed.grapheme_indices(true).map(|(i, _)| i).collect();
        for width in 2..9 {
            let lines = wrap(&mixed, width);
            assert_eq!(lines.concat(), mixed, "width {width}");
            let mut at = 0;
            for line in &lines {
                assert!(
                    boundaries.contains(&at) || at == mixed.len(),
                    "width {width}: {lines:?}"
                );
                at += line.len();
            }
        }
    }

    #[test]
    fn wide_characters_in_a_drawn_row_keep_the_line_width() {
        let mut grid = Grid::new(vec![3, 5]);
        let mut out = Vec::new();
        grid.write_row(
            &mut out,
            &[Cell::plain("日本語"), Cell::plain("🚀🚀🚀 中文 ok")],
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let expected = "\
│ 日  ┆ 🚀🚀  │
│ 本  ┆ 🚀    │
│ 語  ┆ 中文  │
│     ┆ ok    │
";
        assert_eq!(text, expected);
        for line in text.lines() {
            assert_eq!(display_width(line), grid.line_width(), "{line:?}");
        }
    }

    #[test]
    fn explicit_newlines_and_indentation() {
        assert_eq!(
            wrap("first\n  indented line\n\nlast", 10),
            ["first", "  indented", "line", "", "last"]
        );
        // Indentation after a newline is kept, even on a line that wraps.
        assert_eq!(
            wrap("{\n    \"k\": \"value\"\n}", 12),
            ["{", "    \"k\":", "\"value\"", "}"]
        );
        // A trailing newline ends with an empty line, as comfy-table did.
        assert_eq!(wrap("a\n", 5), ["a", ""]);
        // A newline right after a break does not add an empty line.
        assert_eq!(wrap("abc   \ndef", 3), ["abc", "def"]);
        assert_eq!(wrap("abcd\nef", 4), ["abcd", "ef"]);
        assert_eq!(wrap("abcde\nf", 4), ["abcd", "e", "f"]);
        // An indentation wider than the column is broken like a word, the rest dropped.
        assert_eq!(wrap("x\n      y", 4), ["x", "    ", "y"]);
    }

    #[test]
    fn styles_wrap_only_the_text_of_each_line() {
        let red = Style::new().red();
        let mut grid = Grid::new(vec![5, 3]);
        let mut out = Vec::new();
        grid.write_row(&mut out, &[Cell::styled("Error x", red), Cell::plain("ok")])
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        let expected = "\
│ \x1b[31mError\x1b[0m ┆ ok  │
│ \x1b[31mx\x1b[0m     ┆     │
";
        assert_eq!(text, expected);

        // An empty line of a styled cell gets no escape codes at all.
        let mut out = Vec::new();
        grid.write_row(&mut out, &[Cell::styled("", red), Cell::plain("")])
            .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "│       ┆     │\n");
    }

    #[test]
    fn every_drawn_line_has_the_planned_width() {
        let mut rng = fastrand::Rng::with_seed(7);
        let alphabet = ['a', 'b', ' ', ' ', '\n', '日', '🚀', 'é', '\u{301}', 'Z'];
        for total in [40, 57, 80, 133] {
            let widths = plan_widths(total, &LOG_COLUMNS, &[20, 7, 30, 300]);
            let mut grid = Grid::new(widths);
            assert_eq!(grid.line_width(), total);
            let mut out = Vec::new();
            grid.write_top(&mut out).unwrap();
            grid.write_header(&mut out, &["TIME", "TYPE", "TASK", "MESSAGE"])
                .unwrap();
            for _ in 0..200 {
                let cells: Vec<String> = (0..4)
                    .map(|_| {
                        let len = rng.usize(0..120);
                        (0..len)
                            .map(|_| alphabet[rng.usize(..alphabet.len())])
                            .collect()
                    })
                    .collect();
                let cells: Vec<Cell<'_>> = cells.iter().map(|c| Cell::plain(c)).collect();
                grid.write_row(&mut out, &cells).unwrap();
            }
            grid.write_bottom(&mut out).unwrap();
            for line in String::from_utf8(out).unwrap().lines() {
                assert_eq!(display_width(line), total, "{line:?}");
            }
        }
    }

    #[test]
    fn plan_fits_typical_widths_exactly() {
        let seen = [20, 7, 30, 300];
        for total in [40, 60, 80, 120, 200] {
            let widths = plan_widths(total, &LOG_COLUMNS, &seen);
            assert_eq!(
                widths.iter().sum::<usize>() + 3 * 4 + 1,
                total,
                "{total}: {widths:?}"
            );
            assert!(widths.iter().all(|&w| w >= 1), "{total}: {widths:?}");
            assert!(widths[0] <= 20 && widths[1] <= 7, "{total}: {widths:?}");
            assert!(widths[2] <= total * 30 / 100, "{total}: {widths:?}");
        }
        // Narrow terminals share the room, widest first.
        assert_eq!(plan_widths(40, &LOG_COLUMNS, &seen), [7, 7, 7, 6]);
        assert_eq!(plan_widths(60, &LOG_COLUMNS, &seen), [14, 7, 13, 13]);
        // With room, Fit columns get what was seen, the task its width, the message the rest.
        assert_eq!(plan_widths(80, &LOG_COLUMNS, &seen), [20, 7, 20, 20]);
        assert_eq!(plan_widths(120, &LOG_COLUMNS, &seen), [20, 7, 30, 50]);
        assert_eq!(plan_widths(200, &LOG_COLUMNS, &seen), [20, 7, 30, 130]);
    }

    #[test]
    fn plan_caps_fit_up_to_and_counts_headers() {
        // A 100-wide task id is capped at 30% of the total width.
        assert_eq!(
            plan_widths(120, &LOG_COLUMNS, &[20, 7, 100, 10]),
            [20, 7, 36, 44]
        );
        assert_eq!(
            plan_widths(200, &LOG_COLUMNS, &[20, 7, 100, 10]),
            [20, 7, 60, 100]
        );
        // Nothing seen yet: the headers' widths; the message still takes the rest.
        assert_eq!(plan_widths(100, &LOG_COLUMNS, &[]), [4, 4, 4, 75]);
        // Without a Fill column the table is only as wide as it needs.
        let fits = [
            ColumnSpec {
                header: "A",
                hint: WidthHint::Fit,
            },
            ColumnSpec {
                header: "B",
                hint: WidthHint::FitUpTo(50),
            },
        ];
        assert_eq!(plan_widths(100, &fits, &[10, 80]), [10, 50]);
        // Two Fill columns share what is left.
        let fills = [
            ColumnSpec {
                header: "A",
                hint: WidthHint::Fill,
            },
            ColumnSpec {
                header: "B",
                hint: WidthHint::Fill,
            },
        ];
        assert_eq!(plan_widths(28, &fills, &[0, 0]), [11, 10]);
    }

    #[test]
    fn plan_survives_extreme_inputs() {
        assert_eq!(
            plan_widths(10, &LOG_COLUMNS, &[20, 7, 30, 300]),
            [1, 1, 1, 1]
        );
        assert_eq!(plan_widths(0, &LOG_COLUMNS, &[0, 0, 0, 0]), [1, 1, 1, 1]);
        assert_eq!(plan_widths(17, &LOG_COLUMNS, &[0, 0, 0, 0]), [1, 1, 1, 1]);
        assert!(plan_widths(80, &[], &[]).is_empty());
        let widths = plan_widths(usize::MAX, &LOG_COLUMNS, &[usize::MAX, 0, usize::MAX, 0]);
        assert!(widths.iter().all(|&w| w >= 1));
        assert_eq!(
            widths.iter().fold(0usize, |a, &w| a.saturating_add(w)),
            usize::MAX - 13
        );
        let zero = [ColumnSpec {
            header: "",
            hint: WidthHint::FitUpTo(0),
        }];
        assert_eq!(plan_widths(50, &zero, &[0]), [1]);
        for total in 0..60 {
            let widths = plan_widths(total, &LOG_COLUMNS, &[0, 3, 0, 0]);
            assert!(widths.iter().all(|&w| w >= 1), "{total}: {widths:?}");
            if total >= 17 {
                assert_eq!(
                    widths.iter().sum::<usize>() + 13,
                    total,
                    "{total}: {widths:?}"
                );
            }
        }
        // A zero width is taken as 1; a grid without columns draws nothing.
        assert_eq!(Grid::new(vec![0, 2]).widths(), [1, 2]);
        let mut out = Vec::new();
        let mut empty = Grid::new(Vec::new());
        empty.write_top(&mut out).unwrap();
        empty.write_row(&mut out, &[Cell::plain("x")]).unwrap();
        assert!(out.is_empty());
    }

    /// A 1 MB message without spaces.
    fn no_spaces() -> String {
        "0123456789abcdefghijklmnopqrstuvwxyz"
            .chars()
            .cycle()
            .take(1 << 20)
            .collect()
    }

    #[test]
    fn a_megabyte_without_spaces_wraps_into_full_lines() {
        let message = no_spaces();
        let width = 77;
        let mut grid = Grid::new(vec![width]);
        let mut out = Vec::with_capacity(message.len() * 2);
        grid.write_row(&mut out, &[Cell::plain(&message)]).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text
            .lines()
            .map(|line| {
                line.strip_prefix("│ ")
                    .and_then(|l| l.strip_suffix(" │"))
                    .unwrap()
            })
            .collect();
        assert_eq!(lines.len(), message.len().div_ceil(width));
        let (last, full) = lines.split_last().unwrap();
        assert!(full.iter().all(|line| line.len() == width));
        assert_eq!(last.len(), width);
        let last = last.trim_end_matches(' ');
        assert_eq!(last.len(), message.len() % width);
        let mut joined = full.concat();
        joined.push_str(last);
        assert_eq!(joined, message);
    }

    /// Prints how long a 1 MB message takes to draw: `cargo test --release --lib
    /// render::grid -- --ignored --nocapture`.
    #[test]
    #[ignore = "a measurement, not a check"]
    fn time_a_megabyte_message() {
        let with_spaces: String = "lorem ipsum dolor sit amet, consectetur adipiscing elit "
            .chars()
            .cycle()
            .take(1 << 20)
            .collect();
        let wide: String = "日本語のテキスト🚀".chars().cycle().take(1 << 19).collect();
        for (name, message) in [
            ("no spaces", no_spaces()),
            ("with spaces", with_spaces),
            ("wide chars", wide),
        ] {
            for width in [20, 100] {
                let mut grid = Grid::new(vec![19, 7, 20, width]);
                let mut out = Vec::with_capacity(message.len() * 4);
                let started = std::time::Instant::now();
                grid.write_row(
                    &mut out,
                    &[
                        Cell::plain("2024-01-02T03:04:05Z"),
                        Cell::styled("Error", Style::new().red()),
                        Cell::plain("exec-1.t0001"),
                        Cell::plain(&message),
                    ],
                )
                .unwrap();
                let elapsed = started.elapsed();
                println!(
                    "{name}, message width {width}: {} bytes in, {} bytes out, {elapsed:?}",
                    message.len(),
                    out.len()
                );
            }
        }
    }
}
