//! A real SMTP server for the tests: aiosmtpd (Python, from PyPI; `scripts/common.sh`
//! installs it) on a free port of 127.0.0.1, keeping every message it accepts in a
//! Maildir the test reads.

use std::path::PathBuf;
use std::time::Duration;

pub struct SmtpSink {
    pub port: u16,
    pub dir: PathBuf,
    server: std::process::Child,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let dir = std::env::temp_dir().join(format!("dimos-smtp-{}", uuid::Uuid::new_v4()));
        let server = std::process::Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&dir)
            .spawn()
            .expect("python3 runs (the SMTP sink is aiosmtpd: pip install aiosmtpd)");
        for _ in 0..200 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return SmtpSink { port, dir, server };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut server = server;
        let _ = server.kill();
        panic!("the SMTP sink did not start on port {port}: is aiosmtpd installed (pip install aiosmtpd)?");
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message accepted so far, as raw text.
    pub fn messages(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.dir.join("new")) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok())
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
