//! The built bundle under `/pkg`: copies named by a hash of their content (made once at
//! start-up, so browsers may keep them a year: a new release has new names), brotli and
//! gzip copies, served to browsers that accept them.

use app::site::Assets;
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

/// Serves `/pkg`, preferring the precompressed copies.
pub fn service(dir: PathBuf) -> ServeDir {
    ServeDir::new(dir).precompressed_br().precompressed_gzip()
}

/// A content-hashed name (`dimos.0123456789.css`) never changes its content: browsers keep
/// it a year without asking again. Any other file is revalidated on each use.
pub async fn cache_by_name(request: Request, next: Next) -> Response {
    let hashed = is_fingerprinted(request.uri().path());
    let mut response = next.run(request).await;
    let policy = if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

/// `name.<10 hex digits>.ext`.
fn is_fingerprinted(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let mut parts = name.rsplit('.');
    let (_ext, hash) = (parts.next(), parts.next().unwrap_or(""));
    parts.next().is_some() && hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Copies each built file to a name with its content's hash in `pkg/` (unless there
/// already) and returns where each is served. A file that is missing keeps its plain name.
/// The stylesheet's copy ends with the rules written from the catalogue (the debts tables'
/// column names), so a changed name gives the stylesheet a new address too.
pub fn fingerprint(site_root: &Path) -> std::io::Result<Assets> {
    let pkg = site_root.join("pkg");
    let plain = Assets::default();
    let css_from_catalogue = app::pages::debt_table_css();
    let hashed = |source: PathBuf, fallback: &str| -> std::io::Result<String> {
        let Ok(mut bytes) = std::fs::read(&source) else {
            return Ok(fallback.to_owned());
        };
        if source.extension().is_some_and(|ext| ext == "css") {
            bytes.extend_from_slice(css_from_catalogue.as_bytes());
        }
        let digest = Sha256::digest(&bytes);
        let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
        let (stem, ext) = source
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.rsplit_once('.'))
            .unwrap_or(("asset", "bin"));
        let name = format!("{stem}.{hash}.{ext}");
        let target = pkg.join(&name);
        if !target.exists() {
            write_atomically(&target, &bytes)?;
        }
        Ok(format!("/pkg/{name}"))
    };
    Ok(Assets {
        css: hashed(pkg.join("dimos.css"), &plain.css)?,
        app_js: hashed(pkg.join("dimos.js"), &plain.app_js)?,
        app_wasm: hashed(pkg.join("dimos.wasm"), &plain.app_wasm)?,
        forms_js: hashed(site_root.join("forms.js"), &plain.forms_js)?,
        islands_js: hashed(site_root.join("islands.js"), &plain.islands_js)?,
    })
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
    fn built_files_get_names_from_their_content() {
        let root = std::env::temp_dir().join(format!("dimos-site-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(root.join("pkg")).unwrap();
        std::fs::write(root.join("pkg/dimos.css"), "body{}").unwrap();
        std::fs::write(root.join("forms.js"), "// forms").unwrap();
        let assets = fingerprint(&root).unwrap();
        assert!(is_fingerprinted(&assets.css), "{}", assets.css);
        // The stylesheet served ends with the rules written from the catalogue.
        let served =
            std::fs::read_to_string(root.join(assets.css.trim_start_matches('/'))).unwrap();
        assert!(served.starts_with("body{}"));
        assert!(served.contains(":lang(el) table.debts td:nth-last-child(8)::before"));
        assert!(is_fingerprinted(&assets.forms_js));
        // What is not built keeps its plain name; the same content, the same name.
        assert_eq!(assets.app_wasm, "/pkg/dimos.wasm");
        assert_eq!(fingerprint(&root).unwrap(), assets);
        std::fs::write(root.join("pkg/dimos.css"), "body{color:red}").unwrap();
        assert_ne!(fingerprint(&root).unwrap().css, assets.css);
        assert!(!is_fingerprinted("/pkg/dimos.css") && !is_fingerprinted("/pkg/x.123.css"));
        std::fs::remove_dir_all(root).unwrap();
    }

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
