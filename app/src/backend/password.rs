//! Password hashing with argon2id at m = 19 MiB, t = 2, p = 1 (OWASP's minimum).

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, PasswordVerifier, Version};

fn hasher() -> Argon2<'static> {
    // The parameters are constants within argon2's limits, so building them cannot fail.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string to store (`$argon2id$v=19$m=19456,t=2,p=1$…`).
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// True when the password matches the stored hash. A malformed hash (an account without a
/// password, made by TAXISnet) never matches, and still costs one verification, so timing
/// does not tell such accounts apart.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => {
            if let Ok(dummy) = PasswordHash::new(DUMMY_HASH) {
                let _ = hasher().verify_password(password.as_bytes(), &dummy);
            }
            false
        }
    }
}

/// [`hash`] off the async runtime: argon2 at 19 MiB takes ~15 ms of CPU, which would stall
/// every other request sharing the worker thread.
pub async fn hash_blocking(password: String) -> Result<String, argon2::password_hash::Error> {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .unwrap_or(Err(argon2::password_hash::Error::Crypto))
}

/// [`verify`] off the async runtime.
pub async fn verify_blocking(password: String, stored: String) -> bool {
    tokio::task::spawn_blocking(move || verify(&password, &stored))
        .await
        .unwrap_or(false)
}

/// A valid hash of a random password, checked against when the e-mail is unknown so that
/// sign-in takes as long for unknown accounts as for known ones.
pub const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0sJ1nzOeK9EGGBtPDkRFbz0tAuhLRy0TgGjbvnRtyzM";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_with_the_required_parameters_and_verifies() {
        let stored = hash("correct horse battery staple").unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify("correct horse battery staple", &stored));
        assert!(!verify("wrong", &stored));
        assert!(!verify("anything", "not a hash"));
        assert!(
            PasswordHash::new(DUMMY_HASH).is_ok(),
            "the dummy hash costs a real verification"
        );
        assert!(!verify("anything", DUMMY_HASH));
        assert!(!verify("anything", "!"), "no password: never a match");
    }
}
