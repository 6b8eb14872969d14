//! Pure rules and value types of Dimos: no I/O, compiled for the server and the browser alike.

/// Declares an enum of states or decisions that is stored and sent as text: `as_str`,
/// `parse`, `ALL`, and serde as that same text (so the database, the wire and old JSON agree).
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // Read in place, not into a String: rows of hundreds of states are read so.
                struct Text;
                impl serde::de::Visitor<'_> for Text {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(f, "a {}", stringify!($name))
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<$name, E> {
                        $name::parse(text).ok_or_else(|| {
                            E::custom(format!("unknown {}: {text}", stringify!($name)))
                        })
                    }
                }
                deserializer.deserialize_str(Text)
            }
        }
    };
}

pub mod account;
pub mod afm;
pub mod bank;
pub mod campaign;
pub mod debt;
pub mod epc;
pub mod fine;
pub mod flag;
pub mod identity;
pub mod import;
pub mod lang;
pub mod local_path;
pub mod money;
pub mod municipality;
pub mod notice;
pub mod payment;
pub mod plate;
pub mod receipt_code;
pub mod rf;
pub mod submission;
pub mod tax;
pub mod time;
pub mod work;

pub use afm::{Afm, AfmError};
pub use flag::Flag;
pub use lang::Lang;
pub use local_path::LocalPath;
pub use money::{Money, MoneyError};
pub use municipality::{MunicipalityCode, MunicipalityCodeError};
pub use plate::{Plate, PlateError};
pub use rf::{RfError, RfReference};

/// A catalogue code typed by an admin (business or revenue categories): 2 to 30 lower-case
/// Latin letters, digits or `_`, folded to lower case; `None` when it is not one.
pub fn catalogue_code(typed: &str) -> Option<String> {
    let code = typed.trim().to_lowercase();
    let fits = (2..=30).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    fits.then_some(code)
}
