//! Yes or no, as the database keeps it (0 or 1 in a BIGINT column, the same on both engines).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Flag(pub bool);

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
