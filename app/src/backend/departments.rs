//! The departments submissions are routed to (kept by the admin), and which one a clerk
//! belongs to.

use super::audit::Actor;
use super::{now_ms, Db};
use crate::views::staff::Department;

#[derive(Debug, thiserror::Error)]
pub enum DepartmentError {
    #[error("a department with this name exists")]
    NameTaken,
    #[error("no such department")]
    NotFound,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl Db {
    /// Every department, active ones first, by Greek name.
    pub async fn departments(&self) -> Result<Vec<Department>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, name_el, name_en, active FROM departments ORDER BY active DESC, name_el",
        )
        .fetch_all(self.pool())
        .await
    }

    pub async fn department(&self, id: &str) -> Result<Option<Department>, sqlx::Error> {
        sqlx::query_as("SELECT id, name_el, name_en, active FROM departments WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await
    }

    /// Adds a department; its Greek name must be new.
    pub async fn add_department(
        &self,
        name_el: &str,
        name_en: &str,
        actor: &Actor,
    ) -> Result<String, DepartmentError> {
        let id = uuid::Uuid::new_v4().to_string();
        let mut tx = self.begin().await?;
        let added = sqlx::query(
            "INSERT INTO departments (id, name_el, name_en, active, created_at_ms) \
             VALUES ($1, $2, $3, 1, $4) ON CONFLICT (name_el) DO NOTHING",
        )
        .bind(&id)
        .bind(name_el)
        .bind(name_en)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        if added.rows_affected() != 1 {
            return Err(DepartmentError::NameTaken);
        }
        self.audit(
            &mut *tx,
            actor,
            "department.added",
            Some(&id),
            Some(name_el),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Retires a department (kept on old submissions, offered no more) or brings it back.
    pub async fn set_department_active(
        &self,
        id: &str,
        active: bool,
        actor: &Actor,
    ) -> Result<(), DepartmentError> {
        let mut tx = self.begin().await?;
        let changed = sqlx::query("UPDATE departments SET active = $1 WHERE id = $2")
            .bind(i64::from(active))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() != 1 {
            return Err(DepartmentError::NotFound);
        }
        let action = if active {
            "department.restored"
        } else {
            "department.retired"
        };
        self.audit(&mut *tx, actor, action, Some(id), None).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Puts a staff member in a department (or in none); only active departments.
    pub async fn set_staff_department(
        &self,
        user_id: &str,
        department_id: Option<&str>,
        actor: &Actor,
    ) -> Result<(), DepartmentError> {
        let mut tx = self.begin().await?;
        if let Some(department) = department_id {
            let active: Option<i64> =
                sqlx::query_scalar("SELECT active FROM departments WHERE id = $1")
                    .bind(department)
                    .fetch_optional(&mut *tx)
                    .await?;
            if active != Some(1) {
                return Err(DepartmentError::NotFound);
            }
        }
        let changed = sqlx::query(
            "UPDATE users SET department_id = $1 \
             WHERE id = $2 AND role IN ('clerk', 'cashier', 'admin')",
        )
        .bind(department_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() != 1 {
            return Err(DepartmentError::NotFound);
        }
        self.audit(
            &mut *tx,
            actor,
            "staff.department",
            Some(user_id),
            department_id,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The department a staff member belongs to.
    pub async fn department_of(&self, user_id: &str) -> Result<Option<Department>, sqlx::Error> {
        sqlx::query_as(
            "SELECT d.id, d.name_el, d.name_en, d.active FROM departments d \
             JOIN users u ON u.department_id = d.id WHERE u.id = $1",
        )
        .bind(user_id)
        .fetch_optional(self.pool())
        .await
    }
}
