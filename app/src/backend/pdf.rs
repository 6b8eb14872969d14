//! What the portal's PDFs share: A4 pages, DejaVu Sans embedded and subset (Greek prints
//! anywhere), lines wrapped by their measured width, tagged text spans and a QR code drawn
//! as vector rectangles.

use krilla::geom::{PathBuilder, Point, Rect};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Node, SpanTag};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use std::sync::{Arc, Mutex};

pub static FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub static FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

pub const PAGE_WIDTH: f32 = 595.0;
pub const PAGE_HEIGHT: f32 = 842.0;
pub const MARGIN: f32 = 56.0;

#[derive(Debug, thiserror::Error)]
#[error("the PDF could not be made: {0}")]
pub struct PdfError(pub String);

/// A font to draw with and to measure with (the same shaping krilla uses).
pub struct Face {
    pub font: Font,
    metrics: rustybuzz::Face<'static>,
    /// Left-to-right shaping plans by script, made once: making a plan (reading the font's
    /// feature tables) cost more than the shaping it serves, and a notice measures every
    /// word it wraps.
    plans: Mutex<Vec<(rustybuzz::Script, Arc<rustybuzz::ShapePlan>)>>,
}

/// The two faces every PDF draws with, read once per process (with the plans they have
/// made); `None` if the embedded fonts do not read.
pub fn faces() -> Result<&'static (Face, Face), PdfError> {
    static FACES: std::sync::OnceLock<Option<(Face, Face)>> = std::sync::OnceLock::new();
    FACES
        .get_or_init(|| Some((Face::load(FONT_REGULAR).ok()?, Face::load(FONT_BOLD).ok()?)))
        .as_ref()
        .ok_or(PdfError("font".into()))
}

impl Face {
    pub fn load(data: &'static [u8]) -> Result<Face, PdfError> {
        Ok(Face {
            font: Font::new(data.into(), 0).ok_or(PdfError("font".into()))?,
            metrics: rustybuzz::Face::from_slice(data, 0).ok_or(PdfError("font metrics".into()))?,
            plans: Mutex::new(Vec::new()),
        })
    }

    /// The left-to-right plan for text of `script`, made on first use.
    fn plan(&self, script: rustybuzz::Script) -> Arc<rustybuzz::ShapePlan> {
        let mut plans = self
            .plans
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, plan)) = plans.iter().find(|(s, _)| *s == script) {
            return plan.clone();
        }
        let plan = Arc::new(rustybuzz::ShapePlan::new(
            &self.metrics,
            rustybuzz::Direction::LeftToRight,
            Some(script),
            None,
            &[],
        ));
        plans.push((script, plan.clone()));
        plan
    }

    /// `text` shaped left to right with the face's cached plan: each glyph with its advance
    /// and offsets in em units and the bytes of `text` it draws (which keeps the text
    /// extractable and searchable in the PDF).
    pub fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        // The plan's script is the buffer's, set explicitly so the two agree.
        let script = buffer.script();
        buffer.set_script(script);
        let plan = self.plan(script);
        let shaped = rustybuzz::shape_with_plan(&self.metrics, &plan, buffer);
        let em = f32::from(self.metrics.units_per_em() as u16);
        let infos = shaped.glyph_infos();
        infos
            .iter()
            .zip(shaped.glyph_positions())
            .enumerate()
            .map(|(i, (info, position))| {
                let start = info.cluster as usize;
                // A cluster ends where the next glyph's cluster begins.
                let end = infos[i + 1..]
                    .iter()
                    .map(|next| next.cluster as usize)
                    .find(|&cluster| cluster != start)
                    .unwrap_or(text.len());
                KrillaGlyph::new(
                    GlyphId::new(info.glyph_id),
                    position.x_advance as f32 / em,
                    position.x_offset as f32 / em,
                    position.y_offset as f32 / em,
                    position.y_advance as f32 / em,
                    start..end,
                    None,
                )
            })
            .collect()
    }

    /// The width of `text` in points at `size`.
    pub fn width(&self, size: f32, text: &str) -> f32 {
        self.glyphs(text).iter().map(|g| g.x_advance).sum::<f32>() * size
    }

    /// `text` in lines no wider than `width`: at spaces, and inside a word only when the
    /// word alone is wider (an e-mail address, a long reference).
    pub fn wrap(&self, size: f32, width: f32, text: &str) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(size, &candidate) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                let mut longer = line.clone();
                longer.push(c);
                if !line.is_empty() && self.width(size, &longer) > width {
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                } else {
                    line = longer;
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// Draws one line as a tagged span; its id goes into the tag tree (every id must).
pub fn span(surface: &mut Surface, face: &Face, size: f32, x: f32, y: f32, text: &str) -> Node {
    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
    surface.draw_glyphs(
        Point::from_xy(x, y),
        &face.glyphs(text),
        face.font.clone(),
        text,
        size,
        false,
    );
    surface.end_tagged();
    id.into()
}

/// The QR code's dark modules as rectangles at (`x`, `y`), `module` points a module:
/// what is drawn (vector: sharp at any zoom), also read back by the tests.
pub fn qr_rects(code: &qrcodegen::QrCode, x: f32, y: f32, module: f32) -> Vec<Rect> {
    super::qr::dark_runs(code)
        .into_iter()
        .filter_map(|run| {
            Rect::from_xywh(
                x + run.column as f32 * module,
                y + run.row as f32 * module,
                run.length as f32 * module,
                module,
            )
        })
        .collect()
}

/// Draws the QR code's dark modules as filled rectangles.
pub fn draw_qr(
    surface: &mut Surface,
    code: &qrcodegen::QrCode,
    x: f32,
    y: f32,
    module: f32,
) -> Node {
    // Drawn in modules (whole numbers), scaled to points once: a code's path is a third
    // the bytes it is in points, and the notice's page content with it.
    let mut path = PathBuilder::new();
    for rect in qr_rects(code, 0.0, 0.0, 1.0) {
        path.push_rect(rect);
    }
    let id = surface.start_tagged(ContentTag::Other);
    if let Some(path) = path.finish() {
        surface.push_transform(&krilla::geom::Transform::from_row(
            module, 0.0, 0.0, module, x, y,
        ));
        surface.draw_path(&path);
        surface.pop();
    }
    surface.end_tagged();
    id.into()
}

/// A thin rule: decoration, kept out of what assistive technology reads.
pub fn rule(surface: &mut Surface, y: f32) {
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::Layout,
    )));
    let mut path = PathBuilder::new();
    if let Some(rect) = Rect::from_xywh(MARGIN, y, PAGE_WIDTH - 2.0 * MARGIN, 0.8) {
        path.push_rect(rect);
    }
    if let Some(path) = path.finish() {
        surface.draw_path(&path);
    }
    surface.end_tagged();
}

/// A document that must be accessible (PDF/UA-1: krilla then refuses one without
/// structure, title, language or alternative texts), titled `title`, in `lang`, with an
/// optional one-line description (kept as text in the document's metadata).
pub fn tagged_document(
    title: &str,
    description: Option<String>,
    lang: crate::domain::Lang,
) -> Result<krilla::Document, PdfError> {
    use krilla::configure::{Accessibility, ConfigurationBuilder};
    use krilla::metadata::Metadata;
    use krilla::{Document, SerializeSettings};
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|error| PdfError(format!("{error:?}")))?;
    let mut document = Document::new_with(SerializeSettings {
        configuration,
        ..SerializeSettings::default()
    });
    let mut metadata = Metadata::new()
        .title(title.to_owned())
        .language(lang.code().into())
        .creator("Dimos".into());
    if let Some(description) = description {
        metadata = metadata.description(description);
    }
    document.set_metadata(metadata);
    Ok(document)
}

/// An A4 page's settings.
pub fn a4() -> Result<krilla::page::PageSettings, PdfError> {
    krilla::page::PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or(PdfError("page".into()))
}

/// Sets the tag tree (in `lang`) and an outline entry with the title, and writes the PDF.
pub fn finish_document(
    mut document: krilla::Document,
    tree: krilla::tagging::TagTree,
    title: String,
    lang: crate::domain::Lang,
) -> Result<Vec<u8>, PdfError> {
    use krilla::destination::XyzDestination;
    use krilla::outline::{Outline, OutlineNode};
    document.set_tag_tree(tree.with_lang(Some(lang.code().into())));
    let mut outline = Outline::new();
    outline.push_child(OutlineNode::new(
        title,
        XyzDestination::new(0, Point::from_xy(0.0, 0.0)),
    ));
    document.set_outline(outline);
    document
        .finish()
        .map_err(|error| PdfError(format!("{error:?}")))
}

/// A table's header row: each label at its column's left edge, wrapped to the gap before
/// the next column (`gap` points) or the right margin; returns the row and its height.
pub fn column_headers(
    surface: &mut Surface,
    face: &Face,
    size: f32,
    columns: &[(&str, f32)],
    gap: f32,
    y: f32,
) -> (krilla::tagging::TagGroup, f32) {
    use krilla::tagging::{TableHeaderScope, Tag, TagGroup};
    let leading = size * 1.3;
    let mut row = TagGroup::new(Tag::TR);
    let mut most_lines = 1;
    for (i, (label, x)) in columns.iter().enumerate() {
        let right = columns
            .get(i + 1)
            .map(|(_, next)| next - gap)
            .unwrap_or(PAGE_WIDTH - MARGIN);
        let lines = face.wrap(size, right - x, label);
        most_lines = most_lines.max(lines.len());
        let mut cell = TagGroup::new(Tag::TH(TableHeaderScope::Column));
        for (n, line) in lines.iter().enumerate() {
            cell.push(span(surface, face, size, *x, y + leading * n as f32, line));
        }
        row.push(cell);
    }
    (row, leading * most_lines as f32)
}

/// The number of pages a PDF says it has (`/Type/Pages/Count n`), for tests.
#[cfg(test)]
pub fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.split("/Type/Pages/Count ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}
