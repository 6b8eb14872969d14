//! The shapes pages show (rows, lines, documents), below both the server functions and the
//! backend: the backend fills them straight from its queries (`FromRow` on the server) and
//! the server functions pass them on; the browser reads them. Money is `Money`, states are
//! the domain's enums.

pub mod accounts;
pub mod bank;
pub mod campaigns;
pub mod debts;
pub mod fines;
pub mod imports;
pub mod notices;
pub mod payments;
pub mod staff;
pub mod submissions;
pub mod tax;
