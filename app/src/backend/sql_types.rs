//! How domain values are stored: money as integer cents, states and decisions as their
//! text. Rows then map straight onto the shapes pages show (`FromRow`), with no copying.

use crate::domain::{Flag, Money};
use sqlx::any::{Any, AnyTypeInfo};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Encode, Type};

impl Type<Any> for Money {
    fn type_info() -> AnyTypeInfo {
        <i64 as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <i64 as Type<Any>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Any> for Money {
    fn decode(value: <Any as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Money::from_cents(<i64 as Decode<'r, Any>>::decode(value)?))
    }
}

impl<'q> Encode<'q, Any> for Money {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as Database>::ArgumentBuffer<'q>,
    ) -> Result<IsNull, BoxDynError> {
        <i64 as Encode<'q, Any>>::encode_by_ref(&self.cents(), buf)
    }
}

impl Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <i64 as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        <i64 as Type<Any>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: <Any as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Flag(<i64 as Decode<'r, Any>>::decode(value)? != 0))
    }
}

impl<'q> Encode<'q, Any> for Flag {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as Database>::ArgumentBuffer<'q>,
    ) -> Result<IsNull, BoxDynError> {
        <i64 as Encode<'q, Any>>::encode_by_ref(&self.as_int(), buf)
    }
}

/// Stores each listed type as its `as_str()` text and reads it back with `parse`.
macro_rules! text_columns {
    ($($ty:ty),+ $(,)?) => {$(
        impl Type<Any> for $ty {
            fn type_info() -> AnyTypeInfo {
                <String as Type<Any>>::type_info()
            }

            fn compatible(ty: &AnyTypeInfo) -> bool {
                <String as Type<Any>>::compatible(ty)
            }
        }

        impl<'r> Decode<'r, Any> for $ty {
            fn decode(value: <Any as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                let text = <String as Decode<'r, Any>>::decode(value)?;
                <$ty>::parse(&text).ok_or_else(|| {
                    format!("{} is not a {}", text, stringify!($ty)).into()
                })
            }
        }

        impl<'q> Encode<'q, Any> for $ty {
            fn encode_by_ref(
                &self,
                buf: &mut <Any as Database>::ArgumentBuffer<'q>,
            ) -> Result<IsNull, BoxDynError> {
                <&str as Encode<'q, Any>>::encode_by_ref(&self.as_str(), buf)
            }
        }
    )+};
}

text_columns!(
    crate::domain::payment::PaymentState,
    crate::domain::payment::PurposeKind,
    crate::domain::payment::PaymentMethod,
    crate::domain::payment::RefundState,
    crate::domain::account::Verification,
    crate::domain::account::Role,
    crate::domain::fine::Review,
    crate::domain::fine::Source,
    crate::domain::tax::DeclarationState,
    crate::domain::tax::WarrantState,
    crate::domain::submission::Kind,
    crate::domain::submission::Status,
    crate::domain::submission::ProtocolState,
    crate::domain::account::VerificationSubject,
    crate::domain::debt::DebtKind,
    crate::domain::debt::DebtState,
    crate::domain::notice::NoticeKind,
    crate::domain::notice::NoticeState,
    crate::domain::campaign::CampaignState,
    crate::domain::campaign::RecipientState,
);
