//! The built bundle under `/pkg`: brotli and gzip copies made once at start-up and served
//! to browsers that accept them.

use axum::http::{header, HeaderValue};
use std::io::Write;
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeader;

/// Serves `/pkg`, preferring the precompressed copies. `no-cache` makes browsers revalidate:
/// file names carry no hash, so a new release must not be hidden behind a stale copy.
pub fn service(dir: PathBuf) -> SetResponseHeader<ServeDir, HeaderValue> {
    SetResponseHeader::overriding(
        ServeDir::new(dir).precompressed_br().precompressed_gzip(),
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    )
}

const COMPRESSIBLE: [&str; 3] = ["js", "wasm", "css"];

/// Writes `file.br` and `file.gz` beside each JS, WASM and CSS file whose copies are missing
/// or older than the file. Returns how many files were compressed.
pub fn precompress(dir: &Path) -> std::io::Result<usize> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(0);
    };
    let mut count = 0;
    for entry in entries {
        let path = entry?.path();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !wanted {
            continue;
        }
        let br = with_suffix(&path, "br");
        let gz = with_suffix(&path, "gz");
        if is_fresh(&path, &br) && is_fresh(&path, &gz) {
            continue;
        }
        let data = std::fs::read(&path)?;
        write_atomically(&br, &brotli_bytes(&data)?)?;
        write_atomically(&gz, &gzip_bytes(&data)?)?;
        count += 1;
    }
    Ok(count)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn is_fresh(source: &Path, copy: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(source), modified(copy)) {
        (Some(src), Some(cp)) => cp >= src,
        _ => false,
    }
}

fn brotli_bytes(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 3);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        writer.write_all(data)?;
    }
    Ok(out)
}

fn gzip_bytes(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data)?;
    encoder.finish()
}

/// Writes through a temporary file so a concurrent reader never sees half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = with_suffix(path, "tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compresses_once_and_keeps_fresh_copies() {
        let dir = std::env::temp_dir().join(format!("dimos-pkg-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("app.js"), "console.log('x');".repeat(200)).unwrap();
        std::fs::write(dir.join("notes.txt"), "skip me").unwrap();
        assert_eq!(precompress(&dir).unwrap(), 1);
        assert!(dir.join("app.js.br").exists() && dir.join("app.js.gz").exists());
        assert!(!dir.join("notes.txt.br").exists());
        assert_eq!(precompress(&dir).unwrap(), 0);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
