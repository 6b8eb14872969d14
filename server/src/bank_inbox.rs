//! Bank files picked up from a folder (`DIMOS_BANK_INBOX_DIR`), for a bank that delivers
//! its camt.054 files there (SFTP, a mounted share): every `.xml` file is imported as if a
//! cashier had uploaded it, then moved to `imported/`, or to `refused/` with a `.txt`
//! beside it saying why. A file still being written (changed in the last few seconds) waits
//! for the next round; a failure of the database leaves the file where it is.

use app::backend::audit::Actor;
use app::backend::bank_files::{BankFileError, BankFileReport};
use app::backend::payments::Purposes;
use app::backend::Db;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A file changed more recently than this may still be arriving.
const SETTLE: Duration = Duration::from_secs(3);

/// What one round did with one file.
#[derive(Debug)]
pub enum PickedUp {
    Imported(BankFileReport),
    Refused(String),
}

/// `dir/sub/name`, or with the time in it if a file of that name is there already.
fn destination(dir: &Path, sub: &str, name: &str) -> std::io::Result<PathBuf> {
    let folder = dir.join(sub);
    std::fs::create_dir_all(&folder)?;
    let plain = folder.join(name);
    if !plain.exists() {
        return Ok(plain);
    }
    Ok(folder.join(format!("{}-{name}", app::backend::now_ms())))
}

/// Imports every settled `.xml` file in `dir` (oldest name first); returns what became of
/// each, by file name.
pub async fn pick_up(
    db: &Db,
    purposes: &Purposes,
    dir: &Path,
) -> std::io::Result<Vec<(String, PickedUp)>> {
    let mut names: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let meta = entry.metadata()?;
        let settled = meta
            .modified()
            .ok()
            .and_then(|m| SystemTime::now().duration_since(m).ok())
            .is_none_or(|age| age >= SETTLE);
        if meta.is_file() && settled && name.to_ascii_lowercase().ends_with(".xml") {
            names.push(name);
        }
    }
    names.sort();
    let mut done = Vec::new();
    for name in names {
        let path = dir.join(&name);
        let bytes = tokio::fs::read(&path).await?;
        match db
            .import_bank_file(purposes, bytes, Some(&name), &Actor::System)
            .await
        {
            Ok(report) => {
                std::fs::rename(&path, destination(dir, "imported", &name)?)?;
                tracing::info!(
                    file = %name,
                    transfers = report.transfers,
                    paid = report.paid,
                    queued = report.queued,
                    known = report.known,
                    "bank file picked up"
                );
                done.push((name, PickedUp::Imported(report)));
            }
            Err(BankFileError::Refused(error)) => {
                let reason = crate::imports::camt_error_text(&error, app::domain::Lang::En);
                let target = destination(dir, "refused", &name)?;
                std::fs::write(target.with_extension("txt"), format!("{reason}\n"))?;
                std::fs::rename(&path, target)?;
                tracing::warn!(file = %name, %error, "bank file refused");
                done.push((name, PickedUp::Refused(reason)));
            }
            Err(error) => {
                // Left where it is: the next round tries again.
                tracing::error!(file = %name, %error, "bank file not imported; will retry");
            }
        }
    }
    Ok(done)
}
