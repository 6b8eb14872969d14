//! The translation layer: every string the UI shows is a [`Msg`], translated per [`Lang`].
//!
//! A hand-written enum instead of a JSON catalogue: a message missing in one language is a
//! compile error, and nothing extra ships in the WASM bundle.

use crate::domain::Lang;
use leptos::prelude::*;

/// The language of the page being rendered.
///
/// On the server it comes from the request's `lang` cookie (Greek when absent); in the
/// browser, islands read the `<html lang>` attribute that the server wrote.
pub fn use_lang() -> Lang {
    if let Some(lang) = use_context::<Lang>() {
        return lang;
    }
    #[cfg(feature = "ssr")]
    {
        let from_request = use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get(http::header::COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(Lang::from_cookie_header)
            })
            .unwrap_or_default();
        provide_context(from_request);
        from_request
    }
    #[cfg(not(feature = "ssr"))]
    {
        document_lang().unwrap_or_default()
    }
}

#[cfg(not(feature = "ssr"))]
fn document_lang() -> Option<Lang> {
    #[cfg(feature = "hydrate")]
    {
        let root = web_sys::window()?.document()?.document_element()?;
        Lang::from_code(&root.get_attribute("lang")?)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// Translates one message into the page's language.
pub fn t(msg: Msg) -> &'static str {
    msg.text(use_lang())
}

macro_rules! messages {
    ($($name:ident { el: $el:expr, en: $en:expr $(,)? })*) => {
        /// Every message of the UI.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($name),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$name),*];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$name, Lang::El) => $el, (Msg::$name, Lang::En) => $en,)*
                }
            }
        }
    };
}

messages! {
    SiteTagline { el: "Ηλεκτρονικές υπηρεσίες", en: "Online services" }
    SkipToContent { el: "Μετάβαση στο κύριο περιεχόμενο", en: "Skip to main content" }
    MainNavigation { el: "Κύρια πλοήγηση", en: "Main navigation" }
    NavHome { el: "Αρχική", en: "Home" }
    NavServices { el: "Υπηρεσίες", en: "Services" }
    SwitchLanguage { el: "English", en: "Ελληνικά" }
    SwitchLanguageLabel { el: "Change language to English", en: "Αλλαγή γλώσσας σε Ελληνικά" }
    FooterLinks { el: "Πληροφορίες για τον ιστότοπο", en: "About this website" }
    FooterAccessibility { el: "Δήλωση προσβασιμότητας", en: "Accessibility statement" }
    FooterPrivacy { el: "Πολιτική απορρήτου", en: "Privacy notice" }
    FooterPoweredBy {
        el: "Λειτουργεί με το Dimos, λογισμικό ανοικτού κώδικα για δήμους.",
        en: "Runs on Dimos, open-source software for municipalities.",
    }

    HomeTitle { el: "Ηλεκτρονικές υπηρεσίες δημοτών και επιχειρήσεων", en: "Online services for residents and businesses" }
    HomeIntro {
        el: "Εξυπηρετηθείτε από τον δήμο χωρίς να έρθετε στο δημαρχείο: υποβάλετε αιτήματα, πληρώστε πρόστιμα και οφειλές, δηλώστε τον δημοτικό φόρο.",
        en: "Deal with the municipality without coming to the town hall: file requests, pay fines and debts, declare municipal tax.",
    }
    ServicesHeading { el: "Υπηρεσίες", en: "Services" }
    ComingSoon { el: "Έρχεται σύντομα", en: "Coming soon" }
    ServiceRequestsTitle { el: "Σχόλια, αιτήματα, καταγγελίες και προτάσεις", en: "Comments, requests, complaints and proposals" }
    ServiceRequestsText {
        el: "Στείλτε ανώνυμο σχόλιο ή επώνυμο αίτημα και παρακολουθήστε την απάντηση του δήμου.",
        en: "Send an anonymous comment or a named request and follow the municipality's answer.",
    }
    ServiceFinesTitle { el: "Πρόστιμα ΚΟΚ", en: "Traffic fines" }
    ServiceFinesText {
        el: "Βρείτε και πληρώστε με κάρτα κλήσεις της δημοτικής αστυνομίας.",
        en: "Find and pay municipal police parking tickets by card.",
    }
    ServiceTaxTitle { el: "Δημοτικός φόρος επιχειρήσεων", en: "Municipal tax for businesses" }
    ServiceTaxText {
        el: "Δηλώστε τα ακαθάριστα έσοδα και πληρώστε τον φόρο 0,5 % αμέσως· δείτε βεβαιωμένες οφειλές και ενταλματοποιημένες πληρωμές.",
        en: "Declare gross revenue and pay the 0.5 % tax at once; see certified debts and warranted payments.",
    }
    ServiceDebtsTitle { el: "Οφειλές και ειδοποιητήρια", en: "Debts and notices" }
    ServiceDebtsText {
        el: "Δείτε τις οφειλές σας με τις προσαυξήσεις της ημέρας και πληρώστε με κωδικό RF.",
        en: "See your debts with today's late-payment interest and pay with an RF code.",
    }
    ServiceCertificatesTitle { el: "Πιστοποιητικά", en: "Certificates" }
    ServiceCertificatesText {
        el: "Ζητήστε πιστοποιητικά δημοτολογίου και βεβαίωση μη οφειλής ΤΑΠ.",
        en: "Ask for registry certificates and the property-fee (ΤΑΠ) no-debt certificate.",
    }
    ServicePaymentsTitle { el: "Οι πληρωμές μου", en: "My payments" }
    ServicePaymentsText {
        el: "Όλες οι πληρωμές σας με κάρτα και οι αποδείξεις τους σε ένα σημείο.",
        en: "All your card payments and their receipts in one place.",
    }

    NotFoundTitle { el: "Η σελίδα δεν βρέθηκε", en: "Page not found" }
    NotFoundText {
        el: "Αν πληκτρολογήσατε τη διεύθυνση, ελέγξτε ότι είναι σωστή. Αν ακολουθήσατε σύνδεσμο, μπορεί η σελίδα να έχει μετακινηθεί.",
        en: "If you typed the address, check it is correct. If you followed a link, the page may have moved.",
    }
    NotFoundBack { el: "Επιστροφή στην αρχική σελίδα", en: "Go to the home page" }

    A11yTitle { el: "Δήλωση προσβασιμότητας", en: "Accessibility statement" }
    A11yIntro {
        el: "Ο δήμος δεσμεύεται να κάνει τον ιστότοπό του προσβάσιμο, σύμφωνα με τον ν. 4727/2020, που ενσωματώνει την Οδηγία (ΕΕ) 2016/2102. Η δήλωση αυτή αφορά την πύλη ηλεκτρονικών υπηρεσιών:",
        en: "The municipality is committed to making its website accessible, in accordance with Greek Law 4727/2020 transposing Directive (EU) 2016/2102. This statement applies to the online services portal:",
    }
    A11yStatusHeading { el: "Κατάσταση συμμόρφωσης", en: "Compliance status" }
    A11yStatusText {
        el: "Ο ιστότοπος συμμορφώνεται μερικώς με το πρότυπο ΕΝ 301 549 και τις Οδηγίες WCAG 2.1, επίπεδο AA, λόγω των μη συμμορφώσεων που αναφέρονται παρακάτω.",
        en: "This website is partially compliant with EN 301 549 and the Web Content Accessibility Guidelines (WCAG) 2.1 level AA, due to the non-compliances listed below.",
    }
    A11yLimitsHeading { el: "Μη προσβάσιμο περιεχόμενο", en: "Non-accessible content" }
    A11yLimit1 {
        el: "Ο ιστότοπος δεν έχει ακόμη ελεγχθεί από ανεξάρτητο ελεγκτή· ο έλεγχος έγινε με αυτοματοποιημένα εργαλεία και χειροκίνητα με πληκτρολόγιο.",
        en: "The website has not yet been audited by an independent auditor; it was checked with automated tools and by hand with a keyboard.",
    }
    A11yLimit2 {
        el: "Έγγραφα PDF (π.χ. αποδείξεις) μπορεί να μην είναι πλήρως προσβάσιμα· η ίδια πληροφορία υπάρχει πάντα και σε σελίδα HTML.",
        en: "PDF documents (such as receipts) may not be fully accessible; the same information is always available on an HTML page.",
    }
    A11yPreparedHeading { el: "Κατάρτιση της δήλωσης", en: "Preparation of this statement" }
    A11yPreparedText {
        el: "Η δήλωση καταρτίστηκε στις 22 Νοεμβρίου 2026 με αυτοαξιολόγηση: αυτόματος έλεγχος κάθε σελίδας με το axe-core και στις δύο γλώσσες, έλεγχος με πληκτρολόγιο και σε μεγέθυνση 200 %. Επανεξετάστηκε τελευταία στις 22 Νοεμβρίου 2026.",
        en: "This statement was prepared on 22 November 2026 by self-assessment: every page checked automatically with axe-core in both languages, by keyboard and at 200 % zoom. It was last reviewed on 22 November 2026.",
    }
    A11yFeedbackHeading { el: "Ανατροφοδότηση και στοιχεία επικοινωνίας", en: "Feedback and contact information" }
    A11yFeedbackText {
        el: "Αν συναντήσετε εμπόδιο ή χρειάζεστε πληροφορίες σε άλλη μορφή, γράψτε μας. Απαντάμε μέσα σε 20 εργάσιμες ημέρες.",
        en: "If you meet a barrier or need information in another format, write to us. We answer within 20 working days.",
    }
    A11yEnforcementHeading { el: "Διαδικασία επιβολής", en: "Enforcement procedure" }
    A11yEnforcementText {
        el: "Αν δεν λάβετε ικανοποιητική απάντηση, μπορείτε να απευθυνθείτε στον Συνήγορο του Πολίτη (www.synigoros.gr).",
        en: "If you do not receive a satisfactory answer, you may contact the Greek Ombudsman (www.synigoros.gr).",
    }
    ContactEmailLabel { el: "Ηλεκτρονικό ταχυδρομείο:", en: "E-mail:" }

    PrivacyTitle { el: "Πολιτική απορρήτου", en: "Privacy notice" }
    PrivacyIntro {
        el: "Υπεύθυνος επεξεργασίας είναι ο δήμος. Επεξεργαζόμαστε μόνο όσα δεδομένα χρειάζονται για να σας εξυπηρετήσουμε, σύμφωνα με τον Γενικό Κανονισμό για την Προστασία Δεδομένων (ΕΕ) 2016/679.",
        en: "The municipality is the data controller. We process only the data needed to serve you, in accordance with the General Data Protection Regulation (EU) 2016/679.",
    }
    PrivacyDataHeading { el: "Ποια δεδομένα και γιατί", en: "What data and why" }
    PrivacyData1 {
        el: "Λογαριασμός: ονοματεπώνυμο, e-mail, τηλέφωνο (προαιρετικά) και ΑΦΜ, για να σας ταυτοποιήσουμε και να απαντήσουμε στα αιτήματά σας.",
        en: "Account: full name, e-mail, phone (optional) and tax number, to identify you and answer your requests.",
    }
    PrivacyData2 {
        el: "Πληρωμές: ποσό, σκοπός και αναφορά της τράπεζας. Τα στοιχεία της κάρτας σας τα βλέπει μόνο η τράπεζα, ποτέ ο δήμος.",
        en: "Payments: amount, purpose and the bank's reference. Only the bank sees your card details, never the municipality.",
    }
    PrivacyData3 {
        el: "Ανώνυμα σχόλια: δεν κρατάμε κανένα στοιχείο ταυτότητας, ούτε διεύθυνση IP.",
        en: "Anonymous comments: we keep no identifying data, not even an IP address.",
    }
    PrivacyBasis {
        el: "Νομική βάση είναι η εκπλήρωση καθήκοντος δημόσιου συμφέροντος (άρθρο 6 παρ. 1 στ. ε΄ ΓΚΠΔ) και οι νόμιμες υποχρεώσεις του δήμου.",
        en: "The legal basis is the performance of a task carried out in the public interest (GDPR Article 6(1)(e)) and the municipality's legal obligations.",
    }
    PrivacyCookiesHeading { el: "Cookies", en: "Cookies" }
    PrivacyCookiesText {
        el: "Χρησιμοποιούμε μόνο απαραίτητα cookies: τη γλώσσα που επιλέξατε και, όταν συνδεθείτε, τη σύνδεσή σας. Δεν χρησιμοποιούμε cookies παρακολούθησης ή διαφήμισης.",
        en: "We use only necessary cookies: the language you chose and, when you sign in, your session. We use no tracking or advertising cookies.",
    }
    PrivacyRightsHeading { el: "Τα δικαιώματά σας", en: "Your rights" }
    PrivacyRightsText {
        el: "Έχετε δικαίωμα πρόσβασης, διόρθωσης, περιορισμού και αντίταξης. Για να τα ασκήσετε, γράψτε στον υπεύθυνο προστασίας δεδομένων. Μπορείτε επίσης να υποβάλετε καταγγελία στην Αρχή Προστασίας Δεδομένων Προσωπικού Χαρακτήρα (www.dpa.gr).",
        en: "You have the right of access, rectification, restriction and objection. To use them, write to the data protection officer. You may also complain to the Hellenic Data Protection Authority (www.dpa.gr).",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages_and_they_differ_where_words_are_expected() {
        for msg in Msg::ALL {
            for lang in Lang::ALL {
                assert!(
                    !msg.text(lang).trim().is_empty(),
                    "{msg:?} is empty in {lang:?}"
                );
            }
        }
        let greek_only_same = Msg::ALL
            .iter()
            .filter(|m| m.text(Lang::El) == m.text(Lang::En))
            .count();
        // Only words that are the same in both languages (e.g. "Cookies") may repeat.
        assert!(
            greek_only_same <= 1,
            "{greek_only_same} messages are not translated"
        );
    }
}
