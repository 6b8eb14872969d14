//! Server functions, one module per capability. Each is thin: session → authorize → parse →
//! backend → map errors. Capabilities arrive with their issues.
