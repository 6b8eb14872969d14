//! Pure rules and value types of Dimos: no I/O, compiled for the server and the browser alike.

pub mod account;
pub mod afm;
pub mod fine;
pub mod lang;
pub mod local_path;
pub mod money;
pub mod municipality;
pub mod payment;
pub mod plate;
pub mod rf;
pub mod submission;
pub mod tax;
pub mod time;

pub use afm::{Afm, AfmError};
pub use lang::Lang;
pub use local_path::LocalPath;
pub use money::{Money, MoneyError};
pub use municipality::{MunicipalityCode, MunicipalityCodeError};
pub use plate::{Plate, PlateError};
pub use rf::{RfError, RfReference};
