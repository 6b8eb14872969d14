//! Yes or no, as the database keeps it (0 or 1 in a BIGINT column, the same on both engines).

use serde::{Deserialize, Deserializer, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Flag(pub bool);

/// Read from `true`/`false`, or from the database's 0/1 (list queries return JSON rows).
impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Flag, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Bool(bool),
            Int(i64),
        }
        Ok(match Either::deserialize(deserializer)? {
            Either::Bool(b) => Flag(b),
            Either::Int(n) => Flag(n != 0),
        })
    }
}

impl Flag {
    pub fn is_set(self) -> bool {
        self.0
    }

    /// As stored: 1 or 0.
    pub fn as_int(self) -> i64 {
        i64::from(self.0)
    }
}

impl From<bool> for Flag {
    fn from(value: bool) -> Flag {
        Flag(value)
    }
}
