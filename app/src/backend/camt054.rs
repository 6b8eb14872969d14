//! The bank's debit/credit notification, ISO 20022 camt.054 (versions .001.02 to .001.08
//! and on), read as a stream: each transfer is handed on as soon as its entry closes, so a
//! file of 100,000 entries is never held whole. A file that is not well-formed, is cut
//! short, is not a camt.054, or has an entry without amount, indicator or bank reference is
//! refused whole, with the reason.

use super::xml::predefined_entity;
use crate::domain::bank::{xml_amount, BankEntry};
use crate::domain::time::parse_iso_date;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::io::BufRead;

/// The namespace every version of camt.054 shares, up to its version number.
const NAMESPACE: &str = "urn:iso:std:iso:20022:tech:xsd:camt.054.";

/// Where an entry sits: Document / BkToCstmrDbtCdtNtfctn / Ntfctn / Ntry.
const ENTRY_PATH: [&str; 4] = ["Document", "BkToCstmrDbtCdtNtfctn", "Ntfctn", "Ntry"];

/// The files are XML 1.0 (their declaration, or none).
const XML: XmlVersion = XmlVersion::Implicit1_0;

/// Longest text kept from one element (names, references): anything longer is cut.
const MAX_TEXT: usize = 512;

/// Why a file is refused (nothing of it is recorded).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CamtError {
    #[error("the file is not well-formed XML (near byte {position}): {message}")]
    Xml { position: u64, message: String },
    #[error("the file ends before its elements close: it was cut short")]
    Truncated,
    #[error("this is not a camt.054 notification (root {root:?}, namespace {namespace:?})")]
    NotCamt054 { root: String, namespace: String },
    #[error("entry {entry}: it has no amount")]
    MissingAmount { entry: usize },
    #[error("entry {entry}: {value:?} is not an amount")]
    BadAmount { entry: usize, value: String },
    #[error("entry {entry}: it does not say whether it is a credit or a debit")]
    MissingIndicator { entry: usize },
    #[error("entry {entry}: it has no bank reference (AcctSvcrRef or NtryRef)")]
    MissingReference { entry: usize },
}

/// One transaction's details inside an entry.
#[derive(Default)]
struct Transaction {
    amount: Option<(String, String)>,
    credit: Option<bool>,
    bank_ref: Option<String>,
    end_to_end: Option<String>,
    tx_id: Option<String>,
    reference: Option<String>,
    reference_type: Option<String>,
    payer: Option<String>,
}

/// An entry being read.
#[derive(Default)]
struct Entry {
    amount: Option<(String, String)>,
    credit: Option<bool>,
    reversal: bool,
    booked_on: Option<String>,
    bank_ref: Option<String>,
    entry_ref: Option<String>,
    transactions: Vec<Transaction>,
}

fn indicator(text: &str) -> Option<bool> {
    match text {
        "CRDT" => Some(true),
        "DBIT" => Some(false),
        _ => None,
    }
}

impl Transaction {
    /// Takes the text of the element at `path` (below TxDtls).
    fn take(&mut self, path: &[String], text: String, currency: &str) {
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        match path.as_slice() {
            ["Refs", "AcctSvcrRef"] => self.bank_ref = Some(text),
            ["Refs", "EndToEndId"] if text != "NOTPROVIDED" => self.end_to_end = Some(text),
            ["Refs", "TxId"] => self.tx_id = Some(text),
            ["Amt"] | ["AmtDtls", "TxAmt", "Amt"] => {
                self.amount = Some((text, currency.to_owned()))
            }
            ["CdtDbtInd"] => self.credit = indicator(&text),
            ["RmtInf", "Strd", "CdtrRefInf", "Ref"] => self.reference = Some(text),
            ["RmtInf", "Strd", "CdtrRefInf", "Tp", "CdOrPrtry", "Cd"] => {
                self.reference_type = Some(text)
            }
            ["RltdPties", "Dbtr", "Nm"] | ["RltdPties", "Dbtr", "Pty", "Nm"] => {
                self.payer = Some(text)
            }
            _ => {}
        }
    }
}

impl Entry {
    /// Takes the text of the element at `path` (below Ntry).
    fn take(&mut self, path: &[String], text: String, currency: &str) {
        if path.len() >= 2 && path[0] == "NtryDtls" && path[1] == "TxDtls" {
            if let Some(transaction) = self.transactions.last_mut() {
                transaction.take(&path[2..], text, currency);
            }
            return;
        }
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        match path.as_slice() {
            ["Amt"] => self.amount = Some((text, currency.to_owned())),
            ["CdtDbtInd"] => self.credit = indicator(&text),
            ["RvslInd"] => self.reversal = text == "true" || text == "1",
            ["BookgDt", "Dt"] | ["BookgDt", "DtTm"] => self.booked_on = Some(text),
            ["AcctSvcrRef"] => self.bank_ref = Some(text),
            ["NtryRef"] => self.entry_ref = Some(text),
            _ => {}
        }
    }

    /// The entry's transfers: one per transaction, or the entry itself when it has none.
    fn transfers(self, number: usize) -> Result<Vec<BankEntry>, CamtError> {
        let amount = |found: &Option<(String, String)>| match found {
            None => Err(CamtError::MissingAmount { entry: number }),
            Some((text, currency)) => xml_amount(text)
                .map(|money| (money, currency.clone()))
                .ok_or_else(|| CamtError::BadAmount {
                    entry: number,
                    value: text.chars().take(40).collect(),
                }),
        };
        let (total, currency) = amount(&self.amount)?;
        let credit = self
            .credit
            .ok_or(CamtError::MissingIndicator { entry: number })?;
        let key = self
            .bank_ref
            .or(self.entry_ref)
            .filter(|k| !k.is_empty())
            .ok_or(CamtError::MissingReference { entry: number })?;
        let booked_on = self
            .booked_on
            .as_deref()
            .and_then(|d| d.get(..10))
            .and_then(parse_iso_date);
        if self.transactions.is_empty() {
            return Ok(vec![BankEntry {
                bank_ref: key,
                amount: total,
                currency,
                credit,
                reversal: self.reversal,
                booked_on,
                reference: None,
                payer: None,
            }]);
        }
        let single = self.transactions.len() == 1;
        self.transactions
            .into_iter()
            .enumerate()
            .map(|(i, tx)| {
                let (amount, currency) = match (&tx.amount, single) {
                    (Some(_), _) => amount(&tx.amount)?,
                    (None, true) => (total, currency.clone()),
                    (None, false) => return Err(CamtError::MissingAmount { entry: number }),
                };
                let tx_key = tx
                    .bank_ref
                    .or(tx.end_to_end)
                    .or(tx.tx_id)
                    .unwrap_or_else(|| (i + 1).to_string());
                // A reference of another kind than SCOR is no creditor reference (RF).
                let reference = match tx.reference_type.as_deref() {
                    None | Some("SCOR") => tx.reference,
                    Some(_) => None,
                };
                Ok(BankEntry {
                    bank_ref: format!("{key}/{tx_key}"),
                    amount,
                    currency,
                    credit: tx.credit.unwrap_or(credit),
                    reversal: self.reversal,
                    booked_on,
                    reference,
                    payer: tx.payer,
                })
            })
            .collect()
    }
}

fn local_name(start: &BytesStart<'_>) -> String {
    start.local_name().as_ref().to_owned()
}

/// The namespace the root element is in (its prefix's `xmlns` declaration).
fn root_namespace(start: &BytesStart<'_>) -> String {
    let name = start.name().as_ref().to_owned();
    let wanted = match name.split_once(':') {
        Some((prefix, _)) => format!("xmlns:{prefix}"),
        None => "xmlns".to_owned(),
    };
    start
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == wanted)
        .and_then(|a| a.normalized_value(XML).ok().map(|v| v.into_owned()))
        .unwrap_or_default()
}

fn currency_of(start: &BytesStart<'_>) -> String {
    start
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "Ccy")
        .and_then(|a| a.normalized_value(XML).ok().map(|v| v.trim().to_owned()))
        .unwrap_or_default()
}

/// Reads a camt.054 file, handing each transfer to `each` in file order; returns how many
/// there were. On an error nothing after it is handed on, and the caller must discard what
/// was (the file is refused whole).
pub fn read_camt054<R: BufRead>(
    input: R,
    mut each: impl FnMut(BankEntry),
) -> Result<usize, CamtError> {
    let mut reader = Reader::from_reader(input);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut currency = String::new();
    let mut entry: Option<Entry> = None;
    let (mut entries, mut transfers) = (0usize, 0usize);
    let mut seen_root = false;
    let xml_error = |reader: &Reader<R>, error: quick_xml::Error| CamtError::Xml {
        position: reader.error_position(),
        message: error.to_string(),
    };
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| xml_error(&reader, e))?;
        match event {
            Event::Start(start) if path.is_empty() => {
                let namespace = root_namespace(&start);
                let root = local_name(&start);
                if root != "Document" || !namespace.starts_with(NAMESPACE) {
                    return Err(CamtError::NotCamt054 { root, namespace });
                }
                path.push(root);
                seen_root = true;
            }
            Event::Empty(start) if path.is_empty() => {
                // `<Document/>`: nothing in it, if it is a camt.054 at all.
                let namespace = root_namespace(&start);
                let root = local_name(&start);
                if root != "Document" || !namespace.starts_with(NAMESPACE) {
                    return Err(CamtError::NotCamt054 { root, namespace });
                }
                return Ok(0);
            }
            Event::Start(start) => {
                let name = local_name(&start);
                if name == "Amt" {
                    currency = currency_of(&start);
                }
                path.push(name);
                text.clear();
                if path.len() == ENTRY_PATH.len() && path.iter().eq(ENTRY_PATH.iter()) {
                    entry = Some(Entry::default());
                    entries += 1;
                }
                if let Some(entry) = entry.as_mut() {
                    let below = &path[ENTRY_PATH.len()..];
                    if below.len() == 2 && below[0] == "NtryDtls" && below[1] == "TxDtls" {
                        entry.transactions.push(Transaction::default());
                    }
                }
            }
            Event::Empty(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            Event::DocType(_) => {}
            Event::Text(content) => {
                if text.len() < MAX_TEXT {
                    text.push_str(
                        content
                            .xml_content(quick_xml::XmlVersion::Implicit1_0)
                            .as_ref(),
                    );
                }
            }
            Event::CData(content) => {
                if text.len() < MAX_TEXT {
                    text.push_str(&content);
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(c) = predefined_entity(&reference) {
                    text.push(c);
                }
            }
            Event::End(_) => {
                let in_entry = path.len() > ENTRY_PATH.len()
                    && path[..ENTRY_PATH.len()].iter().eq(ENTRY_PATH.iter());
                if in_entry {
                    if let Some(entry) = entry.as_mut() {
                        let value: String = text.trim().chars().take(MAX_TEXT).collect();
                        entry.take(&path[ENTRY_PATH.len()..], value, &currency);
                    }
                }
                text.clear();
                let closes_entry = path.len() == ENTRY_PATH.len() && entry.is_some();
                path.pop();
                if closes_entry {
                    if let Some(done) = entry.take() {
                        for transfer in done.transfers(entries)? {
                            transfers += 1;
                            each(transfer);
                        }
                    }
                }
            }
            Event::Eof => {
                if !path.is_empty() {
                    return Err(CamtError::Truncated);
                }
                if entries == 0 && transfers == 0 && !seen_root {
                    return Err(CamtError::NotCamt054 {
                        root: String::new(),
                        namespace: String::new(),
                    });
                }
                break;
            }
        }
        buf.clear();
    }
    Ok(transfers)
}

/// A transfer for a sandbox bank file (demonstrations and tests).
#[derive(Clone, Debug)]
pub struct SandboxTransfer {
    pub bank_ref: String,
    pub amount: crate::domain::Money,
    pub rf: String,
    pub booked_on: crate::domain::time::Date,
    pub payer: String,
}

/// A camt.054.001.08 notification of credit transfers, as a bank would send it: what the
/// sandbox bank hands the cashier to demonstrate the import end to end.
pub fn sandbox_camt054(message_id: &str, transfers: &[SandboxTransfer]) -> String {
    use quick_xml::escape::escape;
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"{NAMESPACE}001.08\">\n\
         <BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>{}</MsgId></GrpHdr><Ntfctn><Id>{}</Id>\n",
        escape(message_id),
        escape(message_id)
    );
    for t in transfers {
        xml.push_str(&format!(
            "<Ntry><Amt Ccy=\"EUR\">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>\
             <Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>{booked}</Dt></BookgDt>\
             <AcctSvcrRef>{reference}</AcctSvcrRef><NtryDtls><TxDtls>\
             <Refs><TxId>1</TxId></Refs><Amt Ccy=\"EUR\">{amount}</Amt>\
             <RltdPties><Dbtr><Pty><Nm>{payer}</Nm></Pty></Dbtr></RltdPties>\
             <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>\
             <Ref>{rf}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>\n",
            amount = format!("{}.{:02}", t.amount.cents() / 100, t.amount.cents() % 100),
            booked = t.booked_on.iso(),
            reference = escape(&t.bank_ref),
            payer = escape(&t.payer),
            rf = escape(&t.rf),
        ));
    }
    xml.push_str("</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;

    /// A camt.054.001.08 notification with the given `Ntry` elements.
    fn v08(entries: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2026-12-06T08:00:00</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>N-1</Id>
      <Acct><Id><IBAN>GR1601101250000000012300695</IBAN></Id></Acct>
      {entries}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>"#
        )
    }

    fn entry(reference: &str, amount: &str, rf: &str) -> String {
        format!(
            r#"<Ntry>
        <Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2026-12-05</Dt></BookgDt><AcctSvcrRef>{reference}</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId><TxId>T-{reference}</TxId></Refs>
          <Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>
          <RltdPties><Dbtr><Pty><Nm>Καφέ &amp; Πλατεία</Nm></Pty></Dbtr></RltdPties>
          <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>
            <Ref>{rf}</Ref></CdtrRefInf></Strd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>"#
        )
    }

    fn read(text: &str) -> Result<Vec<BankEntry>, CamtError> {
        let mut found = Vec::new();
        read_camt054(text.as_bytes(), |e| found.push(e))?;
        Ok(found)
    }

    #[test]
    fn each_transfer_is_read_with_its_rf_amount_payer_and_bank_reference() {
        let file = v08(&format!(
            "{}{}",
            entry("E-1", "123.45", "RF18539007547034"),
            entry("E-2", "10", "RF18 5390 0754 7034")
        ));
        let found = read(&file).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].bank_ref, "E-1/T-E-1");
        assert_eq!(found[0].amount, Money::from_cents(12_345));
        assert_eq!(found[0].currency, "EUR");
        assert!(found[0].credit && !found[0].reversal);
        assert_eq!(
            found[0].booked_on.map(|d| d.iso()),
            Some("2026-12-05".into())
        );
        assert_eq!(found[0].reference.as_deref(), Some("RF18539007547034"));
        assert_eq!(found[0].payer.as_deref(), Some("Καφέ & Πλατεία"));
        assert_eq!(found[1].amount, Money::from_cents(1000));
    }

    #[test]
    fn the_older_version_and_a_prefixed_root_are_read_too() {
        let file = r#"<ns:Document xmlns:ns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
  <ns:BkToCstmrDbtCdtNtfctn><ns:Ntfctn>
    <ns:Ntry><ns:NtryRef>R-9</ns:NtryRef><ns:Amt Ccy="EUR">60.00</ns:Amt>
      <ns:CdtDbtInd>CRDT</ns:CdtDbtInd><ns:RvslInd>true</ns:RvslInd>
      <ns:NtryDtls>
        <ns:TxDtls><ns:AmtDtls><ns:TxAmt><ns:Amt Ccy="EUR">20.00</ns:Amt></ns:TxAmt></ns:AmtDtls>
          <ns:RltdPties><ns:Dbtr><ns:Nm>A</ns:Nm></ns:Dbtr></ns:RltdPties>
          <ns:RmtInf><ns:Strd><ns:CdtrRefInf><ns:Ref>RF18539007547034</ns:Ref></ns:CdtrRefInf></ns:Strd></ns:RmtInf>
        </ns:TxDtls>
        <ns:TxDtls><ns:AmtDtls><ns:TxAmt><ns:Amt Ccy="EUR">40.00</ns:Amt></ns:TxAmt></ns:AmtDtls>
          <ns:RmtInf><ns:Strd><ns:CdtrRefInf><ns:Tp><ns:CdOrPrtry><ns:Cd>DISP</ns:Cd></ns:CdOrPrtry></ns:Tp>
            <ns:Ref>INV-7</ns:Ref></ns:CdtrRefInf></ns:Strd></ns:RmtInf>
        </ns:TxDtls>
      </ns:NtryDtls></ns:Ntry>
  </ns:Ntfctn></ns:BkToCstmrDbtCdtNtfctn>
</ns:Document>"#;
        let found = read(file).unwrap();
        assert_eq!(
            found.len(),
            2,
            "one transfer per transaction of a batched entry"
        );
        assert_eq!(found[0].bank_ref, "R-9/1");
        assert_eq!(found[0].amount, Money::from_cents(2000));
        assert!(found[0].reversal);
        assert_eq!(found[0].payer.as_deref(), Some("A"));
        assert_eq!(found[1].amount, Money::from_cents(4000));
        assert_eq!(
            found[1].reference, None,
            "a reference that is not SCOR is no RF"
        );
    }

    #[test]
    fn malformed_files_are_refused_whole_with_the_reason() {
        let good = v08(&entry("E-1", "1.00", "RF18539007547034"));
        // Cut short anywhere after the root opens.
        let cut = &good[..good.len() - 40];
        assert!(matches!(
            read(cut),
            Err(CamtError::Truncated | CamtError::Xml { .. })
        ));
        assert!(matches!(
            read(&good.replace("camt.054.001.08", "camt.053.001.08")),
            Err(CamtError::NotCamt054 { .. })
        ));
        assert!(matches!(
            read(&good.replace(
                " xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\"",
                ""
            )),
            Err(CamtError::NotCamt054 { .. })
        ));
        let no_amount = good.replace("<Amt Ccy=\"EUR\">1.00</Amt>", "");
        assert_eq!(read(&no_amount), Err(CamtError::MissingAmount { entry: 1 }));
        let bad_amount = good.replace(">1.00<", ">1,00<");
        assert!(matches!(
            read(&bad_amount),
            Err(CamtError::BadAmount { entry: 1, .. })
        ));
        let no_reference = good.replace("<AcctSvcrRef>E-1</AcctSvcrRef>", "");
        assert_eq!(
            read(&no_reference),
            Err(CamtError::MissingReference { entry: 1 })
        );
        let mismatched = good.replace("</Ntfctn>", "</Ntfctnx>");
        assert!(matches!(read(&mismatched), Err(CamtError::Xml { .. })));
        assert!(read("not xml at all <").is_err());
    }

    #[test]
    fn a_sandbox_file_reads_back_as_it_was_written() {
        let transfer = SandboxTransfer {
            bank_ref: "SBX-1 <&>".into(),
            amount: Money::from_cents(12_305),
            rf: "RF18539007547034".into(),
            booked_on: crate::domain::time::Date {
                year: 2026,
                month: 12,
                day: 6,
            },
            payer: "Καφέ & Πλατεία".into(),
        };
        let file = sandbox_camt054("SBX", &[transfer.clone(), transfer.clone()]);
        let found = read(&file).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].bank_ref, "SBX-1 <&>/1");
        assert_eq!(found[0].amount, transfer.amount);
        assert_eq!(found[0].reference.as_deref(), Some("RF18539007547034"));
        assert_eq!(found[0].payer.as_deref(), Some("Καφέ & Πλατεία"));
        assert_eq!(found[0].booked_on, Some(transfer.booked_on));
    }

    #[test]
    fn a_hundred_thousand_entries_stream_through() {
        let one = entry("E-0", "12.34", "RF18539007547034");
        let mut entries = String::with_capacity(one.len() * 100_000);
        for i in 0..100_000 {
            entries.push_str(&one.replace("E-0", &format!("E-{i}")));
        }
        let file = v08(&entries);
        let mut count = 0;
        let mut total = 0i64;
        let read = read_camt054(file.as_bytes(), |e| {
            count += 1;
            total += e.amount.cents();
        })
        .unwrap();
        assert_eq!((read, count), (100_000, 100_000));
        assert_eq!(total, 1234 * 100_000);
    }
}
