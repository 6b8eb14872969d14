//! HMAC-SHA256 signatures of the messages exchanged with the sandbox bank. Every signed
//! message carries its type: the signed text starts with the scheme and the message kind,
//! so a signature made for one kind (the hosted-page request a payer sees) never verifies
//! as another (a refund request). Fields are written as netstrings (`4:name,5:value,`),
//! sorted by name: no value can pose as a field boundary, whatever it holds (`=`, newlines).

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The name of the field that carries the signature itself.
pub const SIGNATURE: &str = "signature";

/// What a signed message is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    /// Portal → bank, through the payer's browser: open the hosted page for a payment.
    PayRequest,
    /// Bank → portal: a payment's outcome (callback, or the answer to a status query).
    PaymentStatus,
    /// Portal → bank: what became of a payment?
    StatusQuery,
    /// Portal → bank: return money of a payment.
    RefundRequest,
    /// Bank → portal: the answer to a refund request.
    RefundAnswer,
}

impl MessageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::PayRequest => "pay-request",
            MessageKind::PaymentStatus => "payment-status",
            MessageKind::StatusQuery => "status-query",
            MessageKind::RefundRequest => "refund-request",
            MessageKind::RefundAnswer => "refund-answer",
        }
    }
}

/// The text signed: scheme, kind, then each field (signature excluded) as netstrings in
/// name order. `None` when a field name repeats: a signer never sends one twice.
fn canonical(kind: MessageKind, fields: &[(String, String)]) -> Option<Vec<u8>> {
    let mut sorted: Vec<&(String, String)> =
        fields.iter().filter(|(k, _)| k != SIGNATURE).collect();
    sorted.sort();
    if sorted.windows(2).any(|pair| pair[0].0 == pair[1].0) {
        return None;
    }
    let mut text = format!("dimos-bank/1\n{}\n", kind.as_str()).into_bytes();
    for (name, value) in sorted {
        for part in [name, value] {
            text.extend_from_slice(format!("{}:", part.len()).as_bytes());
            text.extend_from_slice(part.as_bytes());
            text.push(b',');
        }
    }
    Some(text)
}

fn mac(secret: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length, so this cannot fail.
    <HmacSha256 as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"))
}

/// Lower-case hex HMAC-SHA256 of a message of `kind` (empty when a field name repeats:
/// such a message is never valid).
pub fn sign(kind: MessageKind, fields: &[(String, String)], secret: &[u8]) -> String {
    let Some(text) = canonical(kind, fields) else {
        return String::new();
    };
    let mut m = mac(secret);
    m.update(&text);
    m.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// True when `signature` is the HMAC of this message as `kind`; constant-time comparison.
pub fn verify(
    kind: MessageKind,
    fields: &[(String, String)],
    signature: &str,
    secret: &[u8],
) -> bool {
    let (Some(bytes), Some(text)) = (decode_hex(signature), canonical(kind, fields)) else {
        return false;
    };
    let mut m = mac(secret);
    m.update(&text);
    m.verify_slice(&bytes).is_ok()
}

/// The fields with their signature appended.
pub fn signed(
    kind: MessageKind,
    mut fields: Vec<(String, String)>,
    secret: &[u8],
) -> Vec<(String, String)> {
    let signature = sign(kind, &fields, secret);
    fields.push((SIGNATURE.to_owned(), signature));
    fields
}

/// The value of field `name`, if present once.
pub fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if text.is_empty() || !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn status() -> Vec<(String, String)> {
        pairs(&[
            ("payment_id", "p-1"),
            ("amount_cents", "3000"),
            ("status", "approved"),
        ])
    }

    #[test]
    fn signatures_verify_and_any_change_breaks_them() {
        let secret = b"shared secret";
        let kind = MessageKind::PaymentStatus;
        let signature = sign(kind, &status(), secret);
        assert_eq!(signature.len(), 64);
        assert!(verify(kind, &status(), &signature, secret));
        let mut reordered = status();
        reordered.reverse();
        assert!(
            verify(kind, &reordered, &signature, secret),
            "order does not matter"
        );
        let mut changed = status();
        changed[1].1 = "1".into();
        assert!(
            !verify(kind, &changed, &signature, secret),
            "a changed amount is caught"
        );
        assert!(!verify(kind, &status(), &signature, b"other secret"));
        assert!(!verify(kind, &status(), "zz", secret));
        assert!(!verify(kind, &status(), "", secret));
    }

    #[test]
    fn a_signature_of_one_kind_never_verifies_as_another() {
        let secret = b"shared secret";
        // The hosted-page request the payer sees in the address bar…
        let page = pairs(&[
            ("payment_id", "p-1"),
            ("refund_id", "r-1"),
            ("amount_cents", "3000"),
        ]);
        let signature = sign(MessageKind::PayRequest, &page, secret);
        // …is not a refund request, nor a status, nor anything but itself.
        for other in [
            MessageKind::RefundRequest,
            MessageKind::PaymentStatus,
            MessageKind::StatusQuery,
            MessageKind::RefundAnswer,
        ] {
            assert!(!verify(other, &page, &signature, secret), "{other:?}");
        }
        assert!(verify(MessageKind::PayRequest, &page, &signature, secret));
    }

    #[test]
    fn values_cannot_pose_as_field_boundaries() {
        let secret = b"s";
        let kind = MessageKind::PaymentStatus;
        // With `name=value` lines, these two messages signed the same text.
        let one = pairs(&[("a", "1\nb=2")]);
        let two = pairs(&[("a", "1"), ("b", "2")]);
        assert!(!verify(kind, &two, &sign(kind, &one, secret), secret));
        let three = pairs(&[("a=1", "")]);
        let four = pairs(&[("a", "=1")]);
        assert!(!verify(kind, &four, &sign(kind, &three, secret), secret));
        // A field twice is never valid.
        let twice = pairs(&[("a", "1"), ("a", "2")]);
        assert_eq!(sign(kind, &twice, secret), "");
        assert!(!verify(
            kind,
            &twice,
            &sign(kind, &pairs(&[("a", "1")]), secret),
            secret
        ));
    }
}
