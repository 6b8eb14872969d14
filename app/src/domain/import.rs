//! Imports of the municipality's files (issued tickets, certified debts, warrants): why a
//! row was left out, as one list for every import.

text_enum! {
    /// Why a row of an imported file was left out (or, for `Reconciled` and `Differs`, what
    /// was done with a row that matched a record already there).
    pub enum ProblemReason {
        /// The header lacks a column, or the row has the wrong number of fields.
        Columns = "columns",
        /// A ticket number that is not one.
        TicketNumber = "ticket_number",
        /// A debt or warrant number that is not one.
        Number = "number",
        Duplicate = "duplicate",
        Municipality = "municipality",
        Type = "type",
        Plate = "plate",
        Date = "date",
        FutureDate = "future_date",
        Time = "time",
        Amount = "amount",
        NegativeAmount = "negative_amount",
        Afm = "afm",
        Description = "description",
        State = "state",
        /// A kind of debt the register does not know.
        DebtKind = "debt_kind",
        /// A revenue category not in the catalogue.
        Category = "category",
        /// The debtor's name missing, too long or with control characters.
        Name = "name",
        /// Matched a ticket a citizen registered first: same details, confirmed.
        Reconciled = "reconciled",
        /// Matched a ticket a citizen registered first, with differences (flagged).
        Differs = "differs",
        /// Not an RF creditor reference (ISO 11649), or its check digits do not add up.
        Rf = "rf",
        /// The RF already names another notice.
        RfTaken = "rf_taken",
        /// A debt reference that is not in the register for this ΑΦΜ.
        UnknownDebt = "unknown_debt",
        /// A debt on it is paid, cancelled or in a settlement plan.
        DebtClosed = "debt_closed",
    }
}
