//! Which font draws each character of a PDF, and how wide it is.
//!
//! The bundled `DejaVu` Serif faces draw Latin, Greek and Cyrillic. A name or a note may hold any
//! script, so a character they lack is looked up in the fonts installed on the machine (`fontdb`
//! reads the usual font folders; `DejaVu` Sans has Hebrew and Arabic, Noto CJK has Chinese,
//! Japanese and Korean). A character no installed font has is drawn as a visible replacement
//! (U+FFFD) and named in a warning, so the memo is still written.
//!
//! System fonts are read only when a character needs one, once per process, and kept for the
//! life of the process (a program that exports many memos reads each font once).

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider as _;
use skrifa::{FontRef, MetadataProvider};

use crate::words::noun;

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif-Italic.ttf");

/// What replaces a character no font has: visible, and in the bundled faces.
pub const REPLACEMENT: char = '\u{FFFD}';

/// The three bundled faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// `DejaVu` Serif.
    Regular,
    /// `DejaVu` Serif Bold.
    Bold,
    /// `DejaVu` Serif Italic.
    Italic,
}

/// A font that draws a character: a bundled face, or the n-th system font read so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FontId {
    /// A bundled face.
    Bundled(Face),
    /// A system font, by its index in [`system_font`].
    System(usize),
}

/// A font's bytes, face index and the advance widths it has given so far.
struct Loaded {
    data: &'static [u8],
    index: u32,
    upem: f32,
    widths: Mutex<HashMap<char, f32>>,
}

impl Loaded {
    fn new(data: &'static [u8], index: u32) -> Option<Loaded> {
        let font = FontRef::from_index(data, index).ok()?;
        let upem = f32::from(font.head().ok()?.units_per_em());
        Some(Loaded {
            data,
            index,
            upem,
            widths: Mutex::new(HashMap::new()),
        })
    }

    fn font(&self) -> Option<FontRef<'static>> {
        FontRef::from_index(self.data, self.index).ok()
    }

    fn has(&self, c: char) -> bool {
        self.font().and_then(|f| f.charmap().map(c)).is_some()
    }

    /// The advance of `c` in em.
    fn advance(&self, c: char) -> f32 {
        let mut cache = self
            .widths
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *cache.entry(c).or_insert_with(|| {
            self.font()
                .and_then(|f| {
                    let g = f.charmap().map(c)?;
                    f.glyph_metrics(Size::unscaled(), LocationRef::default())
                        .advance_width(g)
                })
                .unwrap_or(self.upem / 2.0)
                / self.upem
        })
    }
}

static BUNDLED: LazyLock<[Loaded; 3]> = LazyLock::new(|| {
    let load = |data| Loaded::new(data, 0).expect("the bundled DejaVu fonts are valid");
    [load(REGULAR), load(BOLD), load(ITALIC)]
});

/// Each bundled face's advance widths of the ASCII characters it has (in em; NaN where it has
/// none), read once: most of a memo is ASCII, and measuring it through the per-character
/// tables below (a hash lookup and a lock per character) was most of a long PDF's time.
static ASCII: LazyLock<[[f32; 128]; 3]> = LazyLock::new(|| {
    let table = |l: &Loaded| {
        let mut t = [f32::NAN; 128];
        for (b, w) in (0u8..128).zip(t.iter_mut()) {
            let c = char::from(b);
            if l.has(c) || c == ' ' {
                *w = l.advance(c);
            }
        }
        t
    };
    [table(&BUNDLED[0]), table(&BUNDLED[1]), table(&BUNDLED[2])]
});

/// `c`'s advance in `face` from [`ASCII`], when `c` is ASCII and the face has it.
fn ascii_advance(face: Face, c: char) -> Option<f32> {
    let w = *ASCII[face as usize].get(usize::try_from(u32::from(c)).ok()?)?;
    (!w.is_nan()).then_some(w)
}

/// The system fonts found, and which of them draws each character asked about.
struct System {
    /// Faces on the machine, best first (serif before sans, regular before bold), not yet read.
    candidates: Vec<(fontdb::ID, String)>,
    db: fontdb::Database,
    /// Faces read so far, with their names.
    loaded: Vec<(String, Loaded)>,
    /// Candidates already read, by candidate position.
    read: HashMap<usize, Option<usize>>,
    by_char: HashMap<char, Option<usize>>,
}

static SYSTEM: LazyLock<Mutex<System>> = LazyLock::new(|| {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let mut candidates: Vec<(fontdb::ID, String, (bool, bool, bool))> = db
        .faces()
        .map(|f| {
            let name = f
                .families
                .first()
                .map_or_else(|| f.post_script_name.clone(), |(n, _)| n.clone());
            let serif = name.contains("Serif") || name.contains("Mincho");
            let key = (
                !serif,
                f.weight != fontdb::Weight::NORMAL,
                f.style != fontdb::Style::Normal,
            );
            (f.id, name, key)
        })
        .collect();
    candidates.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.1.cmp(&b.1)));
    Mutex::new(System {
        candidates: candidates.into_iter().map(|(id, n, _)| (id, n)).collect(),
        db,
        loaded: Vec::new(),
        read: HashMap::new(),
        by_char: HashMap::new(),
    })
});

impl System {
    fn find(&mut self, c: char) -> Option<usize> {
        if let Some(found) = self.by_char.get(&c) {
            return *found;
        }
        // Faces already read first: a script's characters come from one font.
        let mut found = self.loaded.iter().position(|(_, l)| l.has(c));
        if found.is_none() {
            for i in 0..self.candidates.len() {
                let id = self.candidates[i].0;
                let covers = self
                    .db
                    .with_face_data(id, |data, index| {
                        FontRef::from_index(data, index)
                            .ok()
                            .and_then(|f| f.charmap().map(c))
                            .is_some()
                    })
                    .unwrap_or(false);
                if !covers {
                    continue;
                }
                found = if let Some(done) = self.read.get(&i) {
                    *done
                } else {
                    let loaded = self
                        .db
                        .with_face_data(id, |data, index| (data.to_vec(), index))
                        .and_then(|(data, index)| {
                            // Kept for the life of the process: see the module docs.
                            Loaded::new(Box::leak(data.into_boxed_slice()), index)
                        });
                    let slot = loaded.map(|l| {
                        self.loaded.push((self.candidates[i].1.clone(), l));
                        self.loaded.len() - 1
                    });
                    self.read.insert(i, slot);
                    slot
                };
                if found.is_some() {
                    break;
                }
            }
        }
        self.by_char.insert(c, found);
        found
    }
}

fn system() -> std::sync::MutexGuard<'static, System> {
    SYSTEM
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The font that draws `c` in `face`: the bundled face when it has the character, otherwise the
/// first system font that has it; `None` when no font does.
pub fn font_for(face: Face, c: char) -> Option<FontId> {
    // Asked for every character measured and drawn: answered from a per-thread table after the
    // first time (looking in the font's character map each time made a long PDF slow).
    thread_local! {
        static KNOWN: std::cell::RefCell<HashMap<(Face, char), Option<FontId>>> =
            std::cell::RefCell::new(HashMap::new());
    }
    if ascii_advance(face, c).is_some() {
        return Some(FontId::Bundled(face));
    }
    if let Some(known) = KNOWN.with(|k| k.borrow().get(&(face, c)).copied()) {
        return known;
    }
    let found = find_font(face, c);
    KNOWN.with(|k| k.borrow_mut().insert((face, c), found));
    found
}

fn find_font(face: Face, c: char) -> Option<FontId> {
    if BUNDLED[face as usize].has(c) || c == ' ' {
        return Some(FontId::Bundled(face));
    }
    // Marks that change nothing on paper (variation selectors, joiners) need no glyph.
    if is_invisible(c) {
        return Some(FontId::Bundled(face));
    }
    if let Some(i) = system().find(c) {
        return Some(FontId::System(i));
    }
    // A character the regular face has and this face lacks: drawn upright rather than lost.
    (face != Face::Regular && BUNDLED[0].has(c)).then_some(FontId::Bundled(Face::Regular))
}

/// Characters drawn as nothing when no font has them.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// The advance of `c` in `face` at `size` points, measured in the font that draws it.
pub fn advance(face: Face, c: char, size: f32) -> f32 {
    if let Some(em) = ascii_advance(face, c) {
        return em * size;
    }
    let em = match font_for(face, c) {
        Some(FontId::System(i)) => system().loaded[i].1.advance(c),
        _ => BUNDLED[face as usize].advance(c),
    };
    em * size
}

/// A system font's bytes, face index and family name.
pub fn system_font(i: usize) -> Option<(&'static [u8], u32, String)> {
    let s = system();
    s.loaded.get(i).map(|(n, l)| (l.data, l.index, n.clone()))
}

/// A bundled face's bytes.
pub fn bundled(face: Face) -> &'static [u8] {
    BUNDLED[face as usize].data
}

/// `text` with every character no font can draw replaced by [`REPLACEMENT`] (invisible marks
/// dropped), each such character added to `missing`.
pub fn drawable(text: &str, missing: &mut std::collections::BTreeSet<char>) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    text.chars()
        .filter_map(|c| {
            if font_for(Face::Regular, c).is_some() {
                if is_invisible(c) && !BUNDLED[0].has(c) {
                    None
                } else {
                    Some(c)
                }
            } else {
                missing.insert(c);
                Some(REPLACEMENT)
            }
        })
        .collect()
}

/// The one-line warning naming characters no installed font has, e.g. "U+1F600".
pub fn missing_warning(missing: &std::collections::BTreeSet<char>) -> Option<String> {
    if missing.is_empty() {
        return None;
    }
    let names: Vec<String> = missing
        .iter()
        .map(|c| format!("U+{:04X}", u32::from(*c)))
        .collect();
    Some(format!(
        "no installed font has {} ({}): drawn as {} in the PDF; install a font with {} (for Chinese, Japanese or Korean: apt-get install fonts-noto-cjk)",
        noun(names.len(), "this character", "these characters"),
        names.join(", "),
        format_args!("U+{:04X}", u32::from(REPLACEMENT)),
        noun(names.len(), "it", "them"),
    ))
}

/// The width of `text` as drawn: shaped (`rustybuzz`, as krilla shapes it), so Arabic in its
/// joined forms takes the room it is drawn in, not the sum of its letters' isolated widths.
pub fn shaped_width(id: FontId, text: &str, size: f32, rtl: bool) -> f32 {
    let (data, index, upem) = match id {
        FontId::Bundled(face) => {
            let l = &BUNDLED[face as usize];
            (l.data, l.index, l.upem)
        }
        FontId::System(i) => {
            let s = system();
            let Some((_, l)) = s.loaded.get(i) else {
                return 0.0;
            };
            (l.data, l.index, l.upem)
        }
    };
    let Some(face) = rustybuzz::Face::from_slice(data, index) else {
        return 0.0;
    };
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    let shaped = rustybuzz::shape(&face, &[], buffer);
    #[allow(clippy::cast_precision_loss)]
    let units: f32 = shaped
        .glyph_positions()
        .iter()
        .map(|p| p.x_advance as f32)
        .sum();
    units / upem * size
}
