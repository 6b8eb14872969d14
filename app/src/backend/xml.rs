//! What the XML readers (the bank's camt.054, GSIS's userinfo) share.

use quick_xml::events::BytesRef;

/// A character reference (`&#233;`) or one of XML's five predefined entities, as the
/// character it stands for; `None` for anything else (no DTD is read).
pub fn predefined_entity(reference: &BytesRef<'_>) -> Option<char> {
    match reference.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        _ => match &**reference {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
    }
}
