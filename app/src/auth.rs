//! Who is asking, shared by server functions and pages: the signed-in user and the
//! `require` check at the top of every server function.

use crate::domain::account::{Role, Verification};
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// The signed-in user, as resolved from the session cookie for each request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    pub verification: Verification,
    /// Represents at least one business profile.
    pub represents_business: bool,
}

/// Request extension put there by the server's session middleware.
#[derive(Clone, Debug, Default)]
pub struct CurrentUser(pub Option<SessionUser>);

/// What a server function needs from its caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Any signed-in user.
    SignedIn,
    /// A signed-in user with one of these roles.
    AnyRole(&'static [Role]),
}

impl Need {
    pub fn check(self, user: Option<&SessionUser>) -> Result<(), AppError> {
        let user = user.ok_or(AppError::Unauthenticated)?;
        match self {
            Need::SignedIn => Ok(()),
            Need::AnyRole(roles) if roles.contains(&user.role) => Ok(()),
            Need::AnyRole(_) => Err(AppError::Forbidden),
        }
    }
}

/// The user of the request being handled (server render or server function).
pub fn current_user() -> Option<SessionUser> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<CurrentUser>().cloned())
            .and_then(|current| current.0)
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The first line of every server function: refuses anonymous or wrong-role callers.
pub fn require(need: Need) -> Result<SessionUser, AppError> {
    let user = current_user();
    need.check(user.as_ref())?;
    user.ok_or(AppError::Unauthenticated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> SessionUser {
        SessionUser {
            id: "u".into(),
            email: "u@example.gr".into(),
            full_name: "U".into(),
            role,
            verification: Verification::Unverified,
            represents_business: false,
        }
    }

    #[test]
    fn needs_refuse_the_right_callers() {
        assert_eq!(Need::SignedIn.check(None), Err(AppError::Unauthenticated));
        assert_eq!(Need::SignedIn.check(Some(&user(Role::Citizen))), Ok(()));
        let clerks = Need::AnyRole(&[Role::Clerk]);
        assert_eq!(
            clerks.check(Some(&user(Role::Citizen))),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            clerks.check(Some(&user(Role::Admin))),
            Err(AppError::Forbidden)
        );
        assert_eq!(clerks.check(Some(&user(Role::Clerk))), Ok(()));
    }
}
