//! Every message of the UI in Greek and English, one entry per message.

use crate::domain::Lang;

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
    ServiceDebtsTitle { el: "Οφειλές προς τον δήμο", en: "Debts to the municipality" }
    ServiceDebtsText {
        el: "Δείτε τις οφειλές σας με τις προσαυξήσεις της ημέρας, πληρώστε πολλές μαζί με κάρτα και δείτε την καρτέλα σας.",
        en: "See your debts with today's late-payment interest, pay several at once by card and see your debtor's card.",
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

    NavSignIn { el: "Σύνδεση", en: "Sign in" }
    NavAccount { el: "Ο λογαριασμός μου", en: "My account" }
    NavBusiness { el: "Επιχειρήσεις", en: "Businesses" }
    NavStaff { el: "Προσωπικό", en: "Staff" }
    SignOut { el: "Αποσύνδεση", en: "Sign out" }
    SignedOut { el: "Αποσυνδεθήκατε.", en: "You have signed out." }

    ErrorSummaryTitle { el: "Υπάρχει πρόβλημα", en: "There is a problem" }
    ErrRequired { el: "Συμπληρώστε αυτό το πεδίο.", en: "Fill in this field." }
    ErrTooLong { el: "Γράψτε έως {max} χαρακτήρες.", en: "Use at most {max} characters." }
    ErrInvalid { el: "Ελέγξτε τη μορφή: η τιμή δεν είναι έγκυρη.", en: "Check the format: this value is not valid." }
    ErrEmailFormat { el: "Γράψτε τη διεύθυνση e-mail σε μορφή όπως name@example.gr.", en: "Enter an e-mail address in the form name@example.com." }
    ErrPasswordShort { el: "Ο κωδικός χρειάζεται τουλάχιστον {min} χαρακτήρες.", en: "The password needs at least {min} characters." }
    ErrPasswordLong { el: "Ο κωδικός μπορεί να έχει έως 128 χαρακτήρες.", en: "The password can have at most 128 characters." }
    ErrPasswordMismatch { el: "Οι δύο κωδικοί διαφέρουν: πληκτρολογήστε τον ίδιο κωδικό δύο φορές.", en: "The two passwords differ: type the same password twice." }
    ErrSignInFailed { el: "Λάθος e-mail ή κωδικός. Ελέγξτε τα και δοκιμάστε ξανά.", en: "Wrong e-mail or password. Check them and try again." }
    ErrEmailNotConfirmed { el: "Επιβεβαιώστε πρώτα το e-mail σας με τον σύνδεσμο που σας στείλαμε.", en: "Confirm your e-mail first with the link we sent you." }
    ErrLinkInvalid { el: "Ο σύνδεσμος έχει λήξει ή έχει ήδη χρησιμοποιηθεί. Ζητήστε νέο.", en: "This link has expired or was already used. Ask for a new one." }
    ErrCurrentPasswordWrong { el: "Ο τρέχων κωδικός δεν είναι σωστός.", en: "The current password is not right." }
    ErrProfileIncomplete { el: "Συμπληρώστε πρώτα ΑΦΜ, διεύθυνση και πατρώνυμο στο προφίλ σας.", en: "First fill in your tax number, address and father's name in your profile." }
    ErrChooseOne { el: "Επιλέξτε μία από τις επιλογές.", en: "Choose one of the options." }
    ErrBusinessAfmTaken { el: "Έχετε ήδη καταχωρίσει επιχείρηση με αυτό το ΑΦΜ: θα τη βρείτε στις επιχειρήσεις σας.", en: "You have already registered a business with this tax number: you will find it among your businesses." }
    ErrAfmVerifiedElsewhere { el: "Άλλος λογαριασμός έχει ήδη επαληθευμένο αυτό το ΑΦΜ. Ελέγξτε τις άλλες αιτήσεις για το ίδιο ΑΦΜ πριν εγκρίνετε.", en: "Another account already holds this tax number verified. Check the other claims to the same tax number before approving." }
    OtherClaims { el: "Άλλες αιτήσεις για το ίδιο ΑΦΜ", en: "Other claims to this tax number" }
    OtherClaimsText { el: "{count} (επαληθευμένες: {verified})", en: "{count} (verified: {verified})" }
    ErrPaymentsOff { el: "Οι πληρωμές με κάρτα δεν είναι διαθέσιμες αυτή τη στιγμή. Μπορείτε να πληρώσετε στο ταμείο του δήμου.", en: "Card payments are not available at the moment. You can pay at the municipality's cash desk." }
    ErrBankUnavailable { el: "Η τράπεζα δεν απάντησε. Δεν χρεωθήκατε· δοκιμάστε ξανά σε λίγο.", en: "The bank did not answer. You have not been charged; try again shortly." }
    ErrSearchTooLong { el: "Γράψτε έως {max} χαρακτήρες για αναζήτηση.", en: "Search with at most {max} characters." }
    CharCountMax { el: "Έως {max} χαρακτήρες.", en: "Up to {max} characters." }
    CharCountLeft { el: "Απομένουν {left} χαρακτήρες.", en: "{left} characters left." }
    PayByIris { el: "Πληρωμή με IRIS", en: "Pay with IRIS" }
    ErrBadRequest { el: "Το αίτημα δεν μπορούσε να διαβαστεί. Ανανεώστε τη σελίδα και δοκιμάστε ξανά.", en: "The request could not be read. Reload the page and try again." }
    ErrReasonRequired { el: "Γράψτε τον λόγο της απόρριψης, ώστε ο χρήστης να ξέρει τι να διορθώσει.", en: "Write the reason for the rejection, so the user knows what to fix." }
    ErrStateChanged { el: "Η κατάσταση άλλαξε στο μεταξύ ή η ενέργεια δεν επιτρέπεται. Ανανεώστε τη σελίδα.", en: "The state changed meanwhile or this step is not allowed. Refresh the page." }
    ErrEmailTaken { el: "Υπάρχει ήδη λογαριασμός με αυτό το e-mail.", en: "An account with this e-mail already exists." }
    ErrLastAdmin { el: "Πρέπει να μείνει τουλάχιστον ένας διαχειριστής.", en: "At least one administrator must remain." }
    ErrUnauthenticated { el: "Συνδεθείτε για να συνεχίσετε.", en: "Sign in to continue." }
    ErrForbidden { el: "Δεν έχετε πρόσβαση σε αυτή τη λειτουργία.", en: "You do not have access to this." }
    ErrNotFound { el: "Δεν βρέθηκε.", en: "Not found." }
    ErrRateLimited { el: "Πάρα πολλές προσπάθειες. Περιμένετε ένα λεπτό και δοκιμάστε ξανά.", en: "Too many attempts. Wait a minute and try again." }
    ErrInternal { el: "Κάτι πήγε στραβά σε εμάς· τίποτα δεν χάθηκε. Δοκιμάστε ξανά σε λίγο.", en: "Something went wrong on our side; nothing was lost. Try again shortly." }
    ErrAfmLength { el: "Ο ΑΦΜ έχει 9 ψηφία.", en: "A tax number (ΑΦΜ) has 9 digits." }
    ErrAfmDigits { el: "Ο ΑΦΜ έχει μόνο ψηφία.", en: "A tax number (ΑΦΜ) has only digits." }
    ErrAfmCheck { el: "Ο ΑΦΜ δεν είναι έγκυρος: ελέγξτε μήπως λείπει ή άλλαξε κάποιο ψηφίο.", en: "This tax number is not valid: check for a missing or mistyped digit." }

    FieldEmail { el: "Διεύθυνση e-mail", en: "E-mail address" }
    FieldPassword { el: "Κωδικός πρόσβασης", en: "Password" }
    FieldNewPassword { el: "Νέος κωδικός πρόσβασης", en: "New password" }
    FieldPasswordHint { el: "Τουλάχιστον 10 χαρακτήρες. Μια φράση από λέξεις είναι εύκολη στη μνήμη και δύσκολη στην εικασία.", en: "At least 10 characters. A phrase of words is easy to remember and hard to guess." }
    FieldPasswordConfirm { el: "Επανάληψη κωδικού", en: "Repeat the password" }
    FieldCurrentPassword { el: "Τρέχων κωδικός", en: "Current password" }
    FieldFullName { el: "Ονοματεπώνυμο", en: "Full name" }
    FieldPhone { el: "Κινητό τηλέφωνο (προαιρετικό)", en: "Mobile phone (optional)" }
    FieldAfm { el: "ΑΦΜ", en: "Tax number (ΑΦΜ)" }
    FieldAfmHint { el: "9 ψηφία, όπως στο εκκαθαριστικό της εφορίας.", en: "9 digits, as on your tax assessment." }
    FieldAddress { el: "Διεύθυνση κατοικίας", en: "Home address" }
    FieldFatherName { el: "Πατρώνυμο", en: "Father's name" }
    FieldBusinessName { el: "Επωνυμία", en: "Business name" }
    FieldLegalForm { el: "Νομική μορφή", en: "Legal form" }
    FieldActivity { el: "Κύρια δραστηριότητα", en: "Main activity" }
    FieldVatPeriod { el: "Περίοδος ΦΠΑ", en: "VAT period" }
    FieldRole { el: "Ρόλος", en: "Role" }
    FieldNote { el: "Σημείωση (υποχρεωτική σε απόρριψη)", en: "Note (required for a rejection)" }

    LoginTitle { el: "Σύνδεση", en: "Sign in" }
    LoginButton { el: "Σύνδεση", en: "Sign in" }
    LoginNoAccount { el: "Δεν έχετε λογαριασμό; Δημιουργήστε λογαριασμό", en: "No account yet? Create an account" }
    LoginForgot { el: "Ξεχάσατε τον κωδικό σας;", en: "Forgot your password?" }
    LoginConfirmed { el: "Το e-mail σας επιβεβαιώθηκε. Μπορείτε να συνδεθείτε.", en: "Your e-mail is confirmed. You can sign in." }
    LoginAfterReset { el: "Ο κωδικός σας άλλαξε. Συνδεθείτε με τον νέο κωδικό.", en: "Your password has been changed. Sign in with the new one." }
    RegisterTitle { el: "Δημιουργία λογαριασμού", en: "Create an account" }
    RegisterIntro { el: "Ο λογαριασμός είναι για δημότες και εκπροσώπους επιχειρήσεων. Τους λογαριασμούς του προσωπικού τους δημιουργεί ο διαχειριστής του δήμου.", en: "Accounts are for residents and business representatives. Staff accounts are created by the municipality's administrator." }
    RegisterButton { el: "Δημιουργία λογαριασμού", en: "Create account" }
    RegisterSentTitle { el: "Ελέγξτε το e-mail σας", en: "Check your e-mail" }
    RegisterSentText { el: "Αν η διεύθυνση δεν είχε ήδη λογαριασμό, σας στείλαμε σύνδεσμο επιβεβαίωσης. Ανοίξτε τον για να ενεργοποιήσετε τον λογαριασμό σας. Ο σύνδεσμος ισχύει 48 ώρες.", en: "If the address did not already have an account, we have sent a confirmation link. Open it to activate your account. The link is valid for 48 hours." }
    ConfirmTitle { el: "Επιβεβαίωση e-mail", en: "Confirm your e-mail" }
    ConfirmText { el: "Πατήστε το κουμπί για να επιβεβαιώσετε τη διεύθυνση e-mail του λογαριασμού σας.", en: "Press the button to confirm your account's e-mail address." }
    ConfirmButton { el: "Επιβεβαίωση", en: "Confirm" }
    ForgotTitle { el: "Ξεχάσατε τον κωδικό σας", en: "Forgot your password" }
    ForgotText { el: "Γράψτε το e-mail του λογαριασμού σας· θα σας στείλουμε σύνδεσμο για νέο κωδικό, που ισχύει 30 λεπτά.", en: "Enter your account's e-mail; we will send a link to set a new password, valid for 30 minutes." }
    ForgotButton { el: "Αποστολή συνδέσμου", en: "Send the link" }
    ForgotSentText { el: "Αν υπάρχει λογαριασμός με αυτό το e-mail, σας στείλαμε σύνδεσμο για νέο κωδικό. Ισχύει 30 λεπτά.", en: "If an account has this e-mail, we have sent a link to set a new password. It is valid for 30 minutes." }
    ResetTitle { el: "Νέος κωδικός πρόσβασης", en: "Set a new password" }
    ResetButton { el: "Αποθήκευση κωδικού", en: "Save the password" }
    SaveButton { el: "Αποθήκευση", en: "Save" }

    AccountTitle { el: "Ο λογαριασμός μου", en: "My account" }
    AccountSavedProfile { el: "Το προφίλ σας αποθηκεύτηκε.", en: "Your profile has been saved." }
    AccountSavedPassword { el: "Ο κωδικός σας άλλαξε. Οι άλλες συνδέσεις σας τερματίστηκαν.", en: "Your password has been changed. Your other sessions have been ended." }
    AccountSavedVerification { el: "Το αίτημα επαλήθευσης στάλθηκε.", en: "Your verification request has been sent." }
    ProfileHeading { el: "Στοιχεία προφίλ", en: "Profile details" }
    VerificationHeading { el: "Επαλήθευση", en: "Verification" }
    PasswordHeading { el: "Αλλαγή κωδικού", en: "Change password" }
    RequestVerificationButton { el: "Αίτηση επαλήθευσης", en: "Ask for verification" }
    StatusUnverified { el: "Μη επαληθευμένος", en: "Not verified" }
    StatusPending { el: "Σε αναμονή επαλήθευσης", en: "Waiting for verification" }
    StatusVerified { el: "Επαληθευμένος", en: "Verified" }
    StatusRejected { el: "Η επαλήθευση απορρίφθηκε", en: "Verification refused" }
    ExplainUnverified { el: "Ορισμένες υπηρεσίες (π.χ. δημοτικός φόρος επιχειρήσεων) χρειάζονται επαλήθευση. Συμπληρώστε το προφίλ σας και πατήστε «Αίτηση επαλήθευσης».", en: "Some services (such as municipal tax for businesses) need verification. Fill in your profile and press \"Ask for verification\"." }
    ExplainPending { el: "Επισκεφθείτε το Κέντρο Εξυπηρέτησης του δήμου με την ταυτότητά σας. Ένας υπάλληλος θα επαληθεύσει τον λογαριασμό σας.", en: "Visit the municipality's service desk with your identity card. A clerk will verify your account." }
    ExplainVerified { el: "Ο λογαριασμός σας είναι επαληθευμένος.", en: "Your account is verified." }
    ExplainRejected { el: "Διορθώστε τα στοιχεία σας σύμφωνα με τον λόγο και ζητήστε ξανά επαλήθευση.", en: "Correct your details as the reason says and ask for verification again." }
    RejectionReason { el: "Λόγος:", en: "Reason:" }

    BusinessTitle { el: "Επιχειρήσεις που εκπροσωπώ", en: "Businesses I represent" }
    BusinessNone { el: "Δεν έχετε καταχωρίσει επιχείρηση.", en: "You have not registered a business." }
    BusinessRegisterHeading { el: "Καταχώριση επιχείρησης", en: "Register a business" }
    BusinessRegisterButton { el: "Καταχώριση", en: "Register" }
    BusinessSaved { el: "Η επιχείρηση καταχωρίστηκε. Ζητήστε επαλήθευση για να ανοίξουν οι υπηρεσίες επιχειρήσεων.", en: "The business has been registered. Ask for verification to open the business services." }
    BusinessVerificationSent { el: "Το αίτημα επαλήθευσης της επιχείρησης στάλθηκε.", en: "The business's verification request has been sent." }
    BusinessNeedsVerification { el: "Οι υπηρεσίες επιχειρήσεων ανοίγουν όταν ο δήμος επαληθεύσει την επιχείρηση, αφού δει τα έγγραφα εκπροσώπησης στο Κέντρο Εξυπηρέτησης.", en: "Business services open once the municipality verifies the business, after seeing the representation documents at the service desk." }
    LegalSole { el: "Ατομική επιχείρηση", en: "Sole proprietorship" }
    LegalOe { el: "Ομόρρυθμη εταιρεία (Ο.Ε.)", en: "General partnership (Ο.Ε.)" }
    LegalEe { el: "Ετερόρρυθμη εταιρεία (Ε.Ε.)", en: "Limited partnership (Ε.Ε.)" }
    LegalIke { el: "Ιδιωτική κεφαλαιουχική εταιρεία (Ι.Κ.Ε.)", en: "Private company (Ι.Κ.Ε.)" }
    LegalEpe { el: "Εταιρεία περιορισμένης ευθύνης (Ε.Π.Ε.)", en: "Limited liability company (Ε.Π.Ε.)" }
    LegalAe { el: "Ανώνυμη εταιρεία (Α.Ε.)", en: "Public limited company (Α.Ε.)" }
    LegalOther { el: "Άλλη νομική μορφή", en: "Other legal form" }
    ActivityCatering { el: "Εστίαση (καφέ, εστιατόριο, μπαρ, κυλικείο)", en: "Catering (café, restaurant, bar, canteen)" }
    ActivityNightClub { el: "Κέντρο διασκέδασης", en: "Night club" }
    ActivityHotel { el: "Ξενοδοχείο", en: "Hotel" }
    ActivityOther { el: "Άλλη δραστηριότητα", en: "Other activity" }
    VatMonthly { el: "Μηνιαία", en: "Monthly" }
    VatQuarterly { el: "Τριμηνιαία", en: "Quarterly" }
    ChooseOption { el: "Επιλέξτε…", en: "Choose…" }

    StaffTitle { el: "Υπηρεσίες προσωπικού", en: "Staff services" }
    StaffVerificationsLink { el: "Επαληθεύσεις χρηστών και επιχειρήσεων", en: "User and business verifications" }
    StaffAccountsLink { el: "Λογαριασμοί προσωπικού", en: "Staff accounts" }
    StaffAuditLink { el: "Αρχείο ενεργειών", en: "Audit log" }
    StaffNothingYet { el: "Ο ρόλος σας δεν έχει ακόμη εργασίες σε αυτή την πύλη.", en: "Your role has no tasks in this portal yet." }
    StaffWorkHeading { el: "Σε αναμονή", en: "Waiting for you" }
    StaffWorkNone { el: "Τίποτα δεν περιμένει αυτή τη στιγμή.", en: "Nothing is waiting right now." }
    StaffAreasHeading { el: "Οι εργασίες σας", en: "Your areas" }
    StaffYourDepartment { el: "Τμήμα σας:", en: "Your department:" }
    StaffInboxLink { el: "Εισερχόμενα αιτήματα και σχόλια", en: "Inbox: submissions and comments" }
    StaffDepartmentsLink { el: "Τμήματα του δήμου", en: "Municipal departments" }
    WorkNewSubmissions { el: "Νέα αιτήματα και σχόλια", en: "New submissions and comments" }
    WorkMyDepartment { el: "Ανοιχτά αιτήματα του τμήματός σας", en: "Open submissions of your department" }
    WorkProtocolToRegister { el: "Αιτήματα χωρίς αριθμό πρωτοκόλλου", en: "Submissions without a protocol number" }
    WorkProtocolWaiting { el: "Σε αναμονή αριθμού από το πρωτόκολλο", en: "Waiting for a number from the protocol" }
    WorkTicketsToReview { el: "Κλήσεις προς έλεγχο", en: "Tickets to review" }
    WorkVerifications { el: "Χρήστες και επιχειρήσεις προς επαλήθευση", en: "People and businesses to verify" }
    WorkPaidTwice { el: "Διπλές πληρωμές προς επιστροφή", en: "Payments made twice, to refund" }
    WorkRefundsPending { el: "Επιστροφές που δεν έχει επιβεβαιώσει η τράπεζα", en: "Refunds the bank has not confirmed" }
    CashierAttention { el: "Χρειάζονται ενέργεια", en: "Needing action" }
    DepartmentsTitle { el: "Τμήματα του δήμου", en: "Municipal departments" }
    DepartmentsIntro { el: "Τα αιτήματα ανατίθενται σε ένα από αυτά τα τμήματα. Ένα τμήμα που καταργείται μένει στα παλιά αιτήματα, αλλά δεν προσφέρεται πια.", en: "Submissions are routed to one of these departments. A retired department stays on old submissions but is no longer offered." }
    DepartmentsNone { el: "Δεν υπάρχουν ακόμη τμήματα.", en: "There are no departments yet." }
    DepartmentsAddHeading { el: "Νέο τμήμα", en: "New department" }
    DepartmentsSaved { el: "Τα τμήματα αποθηκεύτηκαν.", en: "The departments were saved." }
    DepartmentNameEl { el: "Όνομα στα ελληνικά", en: "Name in Greek" }
    DepartmentNameEn { el: "Όνομα στα αγγλικά", en: "Name in English" }
    DepartmentAddButton { el: "Προσθήκη τμήματος", en: "Add department" }
    DepartmentRetireButton { el: "Κατάργηση", en: "Retire" }
    DepartmentRestoreButton { el: "Επαναφορά", en: "Restore" }
    DepartmentRetired { el: "Καταργημένο", en: "Retired" }
    DepartmentActive { el: "Σε χρήση", en: "In use" }
    DepartmentNoneOption { el: "Κανένα τμήμα", en: "No department" }
    DepartmentUnassigned { el: "Χωρίς τμήμα", en: "Not routed yet" }
    DepartmentMine { el: "Του τμήματός μου", en: "My department" }
    DepartmentSetButton { el: "Ορισμός τμήματος", en: "Set department" }
    ErrDepartmentExists { el: "Υπάρχει ήδη τμήμα με αυτό το όνομα. Δώστε άλλο όνομα ή επαναφέρετε το καταργημένο.", en: "A department with this name exists. Choose another name or restore the retired one." }
    ErrChooseDepartment { el: "Επιλέξτε ένα τμήμα από τη λίστα.", en: "Choose a department from the list." }
    AuthorHeading { el: "Αιτών", en: "Submitted by" }
    FieldPhoneShort { el: "Τηλέφωνο", en: "Phone" }
    InboxProtocolFilter { el: "Πρωτόκολλο", en: "Protocol" }
    InboxProtocolNone { el: "Χωρίς αριθμό", en: "No number yet" }
    InboxProtocolAwaiting { el: "Σε αναμονή αριθμού", en: "Waiting for a number" }
    EventAnonymous { el: "ανώνυμος", en: "anonymous" }
    EventSystem { el: "σύστημα", en: "system" }
    MenuButton { el: "Μενού", en: "Menu" }
    CheckTitle { el: "Έλεγχος απόδειξης", en: "Check a receipt" }
    CheckIntro { el: "Δώστε τον κωδικό ελέγχου που είναι τυπωμένος στην απόδειξη (ή σαρώστε τον κωδικό QR της).", en: "Enter the check code printed on the receipt (or scan its QR code)." }
    CheckCodeHint { el: "Δέκα χαρακτήρες, π.χ. 7KQ2M-9XD4T.", en: "Ten characters, e.g. 7KQ2M-9XD4T." }
    CheckButton { el: "Έλεγχος", en: "Check" }
    CheckGenuine { el: "Γνήσια απόδειξη: την εξέδωσε ο δήμος.", en: "Genuine receipt: issued by the municipality." }
    CheckNothingPersonal { el: "Για την προστασία του πληρωτή, ο έλεγχος δεν δείχνει ποιος πλήρωσε ούτε για τι.", en: "To protect the payer, the check shows neither who paid nor what for." }
    CheckNotFound { el: "Καμία απόδειξη του δήμου δεν έχει αυτόν τον κωδικό.", en: "No receipt of the municipality has this code." }
    CheckTryAgain { el: "Ελέγξτε ότι πληκτρολογήσατε τον κωδικό όπως είναι τυπωμένος.", en: "Check that you typed the code as printed." }
    ErrCheckCode { el: "Ο κωδικός ελέγχου έχει δέκα γράμματα και ψηφία, π.χ. 7KQ2M-9XD4T.", en: "The check code has ten letters and digits, e.g. 7KQ2M-9XD4T." }
    MetaCheck { el: "Ελέγξτε αν μια απόδειξη πληρωμής την εξέδωσε ο δήμος.", en: "Check whether a payment receipt was issued by the municipality." }
    ReceiptCheckCode { el: "Κωδικός ελέγχου", en: "Check code" }
    ReceiptCheckText { el: "Ελέγξτε ότι η απόδειξη είναι γνήσια: σαρώστε τον κωδικό QR ή ανοίξτε τη διεύθυνση και δώστε τον κωδικό ελέγχου.", en: "Check that this receipt is genuine: scan the QR code, or open the address and enter the check code." }
    ReceiptCheckQrAlt { el: "Κωδικός QR για τον έλεγχο της απόδειξης στη διεύθυνση", en: "QR code to check this receipt at" }
    MetaHome { el: "Ηλεκτρονικές υπηρεσίες του δήμου: αιτήματα και σχόλια, πληρωμή κλήσεων ΚΟΚ χωρίς λογαριασμό, δημοτικός φόρος επιχειρήσεων.", en: "The municipality's online services: requests and comments, traffic tickets paid without an account, municipal tax for businesses." }
    MetaFines { el: "Πληρώστε κλήση ΚΟΚ του δήμου με κάρτα, με ή χωρίς λογαριασμό: με τον αριθμό της κλήσης, την πινακίδα και την ημερομηνία.", en: "Pay the municipality's traffic ticket by card, with or without an account: with the ticket number, plate and date." }
    MetaComment { el: "Στείλτε ανώνυμο σχόλιο στον δήμο, χωρίς λογαριασμό.", en: "Send the municipality an anonymous comment, no account needed." }
    MetaLogin { el: "Σύνδεση στις ηλεκτρονικές υπηρεσίες του δήμου.", en: "Sign in to the municipality's online services." }
    MetaRegister { el: "Δημιουργήστε λογαριασμό για αιτήματα, πληρωμές και τις επιχειρήσεις σας.", en: "Create an account for requests, payments and your businesses." }
    MetaAccessibility { el: "Δήλωση προσβασιμότητας της πύλης ηλεκτρονικών υπηρεσιών του δήμου.", en: "Accessibility statement of the municipality's online services portal." }
    MetaPrivacy { el: "Πώς η πύλη του δήμου χειρίζεται τα προσωπικά σας δεδομένα.", en: "How the municipality's portal handles your personal data." }
    TaxToDeclare { el: "Περίοδοι που μένουν να δηλωθούν", en: "Periods still to declare" }
    TaxNothingToDeclare { el: "Όλες οι περίοδοι που έληξαν έχουν δηλωθεί.", en: "Every period that has ended is declared." }
    PaymentCheckAgain { el: "Έλεγχος ξανά", en: "Check again" }
    MyHallTitle { el: "Ο δήμος μου", en: "My town hall" }
    NavMyHall { el: "Ο δήμος μου", en: "My town hall" }
    MyHallGreeting { el: "Καλώς ήρθατε, {name}.", en: "Welcome, {name}." }
    MyHallVerifyLink { el: "Συμπληρώστε το προφίλ σας για επαλήθευση", en: "Complete your profile to be verified" }
    MyHallSubmissions { el: "Ανοιχτά αιτήματα", en: "Open submissions" }
    MyHallNoSubmissions { el: "Δεν έχετε ανοιχτά αιτήματα.", en: "You have no open submissions." }
    MyHallNewSubmission { el: "Νέο αίτημα, παράπονο ή πρόταση", en: "New request, complaint or proposal" }
    MyHallPayments { el: "Πρόσφατες πληρωμές", en: "Recent payments" }
    MyHallPayFine { el: "Πληρωμή κλήσης ΚΟΚ", en: "Pay a traffic ticket" }
    MyHallBusinesses { el: "Οι επιχειρήσεις σας", en: "Your businesses" }
    MyHallDebts { el: "{count} βεβαιωμένες οφειλές προς πληρωμή", en: "{count} certified debts to pay" }
    MyHallAllServices { el: "Όλες οι υπηρεσίες του δήμου", en: "All of the municipality's services" }
    ColumnWhatPaid { el: "Τι πληρώθηκε", en: "What was paid" }
    MyPaymentsReceiptsHint { el: "Η απόδειξη κάθε πληρωμής που ολοκληρώθηκε είναι στη σελίδα της και σε PDF· στάλθηκε και με e-mail.", en: "The receipt of every completed payment is on its page and as a PDF; it was also sent by e-mail." }
    ErrReceiptEmail { el: "Γράψτε τη διεύθυνση e-mail όπου θα σταλεί η απόδειξη, π.χ. onoma@example.gr.", en: "Enter the e-mail address the receipt should go to, e.g. name@example.gr." }
    GuestReceiptEmail { el: "E-mail για την απόδειξη", en: "E-mail for the receipt" }
    GuestReceiptEmailHint { el: "Δεν χρειάζεται λογαριασμός. Η απόδειξη θα σταλεί εδώ.", en: "No account needed. The receipt is sent here." }
    GuestNoAccountNote { el: "Πληρώνετε χωρίς λογαριασμό. Αν συνδεθείτε, η πληρωμή θα εμφανίζεται στις «Οι πληρωμές μου».", en: "You are paying without an account. If you sign in, the payment will appear in “My payments”." }
    MenuInbox { el: "Εισερχόμενα", en: "Inbox" }
    MenuVerifications { el: "Επαληθεύσεις", en: "Verifications" }
    MenuFines { el: "Κλήσεις", en: "Tickets" }
    MenuTax { el: "Δημοτικός φόρος", en: "Municipal tax" }
    MenuPayments { el: "Ταμείο", en: "Cashier" }
    MenuAccounts { el: "Λογαριασμοί", en: "Accounts" }
    MenuDepartments { el: "Τμήματα", en: "Departments" }
    MenuCatalogue { el: "Είδη κλήσεων", en: "Ticket types" }
    MenuRates { el: "Συντελεστές", en: "Rates" }
    MenuAudit { el: "Αρχείο ενεργειών", en: "Audit log" }
    NavPayments { el: "Οι πληρωμές μου", en: "My payments" }
    VerificationsTitle { el: "Επαληθεύσεις σε αναμονή", en: "Verifications waiting" }
    VerificationsNone { el: "Δεν υπάρχουν αιτήματα επαλήθευσης σε αναμονή.", en: "No verification requests are waiting." }
    VerificationsSaved { el: "Η απόφαση καταχωρίστηκε.", en: "The decision has been recorded." }
    KindUser { el: "Πρόσωπο", en: "Person" }
    KindBusiness { el: "Επιχείρηση", en: "Business" }
    ColumnKind { el: "Είδος", en: "Kind" }
    ColumnName { el: "Όνομα", en: "Name" }
    ColumnContact { el: "Επικοινωνία", en: "Contact" }
    ColumnDecision { el: "Απόφαση", en: "Decision" }
    ColumnTime { el: "Χρόνος", en: "Time" }
    ColumnActor { el: "Ποιος", en: "Who" }
    ColumnAction { el: "Ενέργεια", en: "Action" }
    ColumnSubject { el: "Αντικείμενο", en: "Subject" }
    ColumnDetail { el: "Λεπτομέρειες", en: "Details" }
    ApproveButton { el: "Επαλήθευση", en: "Verify" }
    RejectButton { el: "Απόρριψη", en: "Reject" }
    AccountsTitle { el: "Λογαριασμοί προσωπικού", en: "Staff accounts" }
    AccountsSaved { el: "Οι αλλαγές αποθηκεύτηκαν.", en: "The changes have been saved." }
    AccountsCreateHeading { el: "Νέος λογαριασμός προσωπικού", en: "New staff account" }
    AccountsCreateButton { el: "Δημιουργία", en: "Create" }
    AccountsInitialPassword { el: "Αρχικός κωδικός", en: "Initial password" }
    ChangeRoleButton { el: "Αλλαγή ρόλου", en: "Change role" }
    AuditTitle { el: "Αρχείο ενεργειών", en: "Audit log" }
    RoleCitizen { el: "Δημότης", en: "Resident" }
    RoleClerk { el: "Υπάλληλος εξυπηρέτησης", en: "Clerk" }
    RoleCashier { el: "Ταμίας", en: "Cashier" }
    RoleAdmin { el: "Διαχειριστής", en: "Administrator" }
    ForbiddenTitle { el: "Δεν έχετε πρόσβαση", en: "You do not have access" }
    ForbiddenText { el: "Η σελίδα αυτή είναι για άλλους ρόλους. Αν πιστεύετε ότι χρειάζεστε πρόσβαση, επικοινωνήστε με τον διαχειριστή του δήμου.", en: "This page is for other roles. If you think you need access, contact the municipality's administrator." }
    TooManyTitle { el: "Πάρα πολλές προσπάθειες", en: "Too many attempts" }

    MailConfirmSubject { el: "Επιβεβαιώστε το e-mail σας", en: "Confirm your e-mail" }
    MailConfirmBody { el: "Γεια σας {name},\n\nγια να ενεργοποιήσετε τον λογαριασμό σας στην πύλη του δήμου, ανοίξτε τον σύνδεσμο:\n\n{link}\n\nΟ σύνδεσμος ισχύει 48 ώρες. Αν δεν δημιουργήσατε εσείς λογαριασμό, αγνοήστε αυτό το μήνυμα.\n", en: "Hello {name},\n\nto activate your account on the municipality's portal, open this link:\n\n{link}\n\nThe link is valid for 48 hours. If you did not create an account, ignore this message.\n" }
    MailAlreadyRegisteredSubject { el: "Προσπάθεια εγγραφής με το e-mail σας", en: "Attempt to register with your e-mail" }
    MailAlreadyRegisteredBody { el: "Κάποιος προσπάθησε να δημιουργήσει λογαριασμό με αυτό το e-mail, που έχει ήδη λογαριασμό. Αν ήσασταν εσείς και ξεχάσατε τον κωδικό, ορίστε νέο εδώ:\n\n{link}\n\nΑλλιώς αγνοήστε αυτό το μήνυμα.\n", en: "Someone tried to create an account with this e-mail, which already has one. If it was you and you forgot the password, set a new one here:\n\n{link}\n\nOtherwise ignore this message.\n" }
    MailResetSubject { el: "Νέος κωδικός πρόσβασης", en: "Set a new password" }
    MailResetBody { el: "Για να ορίσετε νέο κωδικό, ανοίξτε τον σύνδεσμο (ισχύει 30 λεπτά):\n\n{link}\n\nΑν δεν το ζητήσατε εσείς, αγνοήστε αυτό το μήνυμα· ο κωδικός σας δεν αλλάζει.\n", en: "To set a new password, open this link (valid for 30 minutes):\n\n{link}\n\nIf you did not ask for it, ignore this message; your password stays the same.\n" }

    NavComment { el: "Ανώνυμο σχόλιο", en: "Anonymous comment" }
    NavSubmissions { el: "Τα αιτήματά μου", en: "My submissions" }
    CommentTitle { el: "Ανώνυμο σχόλιο προς τον δήμο", en: "Anonymous comment to the municipality" }
    CommentIntro { el: "Γράψτε ελεύθερα: δεν κρατάμε κανένα στοιχείο σας, ούτε τη διεύθυνση IP. Γι' αυτό δεν μπορούμε να σας απαντήσουμε ούτε να ενημερωθείτε για την πορεία του σχολίου.", en: "Write freely: we keep nothing about you, not even your IP address. That is why we cannot answer you, and you cannot follow what happens to the comment." }
    CommentNamedHint { el: "Θέλετε απάντηση; Συνδεθείτε και υποβάλετε επώνυμο αίτημα.", en: "Want an answer? Sign in and send a named submission." }
    CommentButton { el: "Αποστολή σχολίου", en: "Send the comment" }
    CommentSentTitle { el: "Το σχόλιό σας στάλθηκε", en: "Your comment has been sent" }
    CommentSentText { el: "Ευχαριστούμε. Επειδή το σχόλιο είναι ανώνυμο, δεν μπορείτε να το παρακολουθήσετε και δεν θα λάβετε απάντηση. Για να λάβετε απάντηση, υποβάλετε επώνυμο αίτημα.", en: "Thank you. Because the comment is anonymous, you cannot follow it up and will not get an answer. To get an answer, send a named submission." }
    FieldSubject { el: "Θέμα (σύντομη περιγραφή)", en: "Subject (short description)" }
    FieldSubjectHint { el: "Έως 150 χαρακτήρες.", en: "Up to 150 characters." }
    FieldText { el: "Κείμενο", en: "Text" }
    FieldTextHint { el: "Έως 5.000 χαρακτήρες. Μην γράψετε προσωπικά δεδομένα τρίτων.", en: "Up to 5,000 characters. Do not include other people's personal data." }
    FieldDesiredAction { el: "Τι θα θέλατε να κάνει ο δήμος (προαιρετικό)", en: "What you would like the municipality to do (optional)" }
    FieldKind { el: "Είδος", en: "Kind" }
    FieldResponse { el: "Απάντηση του δήμου", en: "The municipality's answer" }
    FieldDepartment { el: "Αρμόδια υπηρεσία", en: "Responsible department" }
    FieldWebsite { el: "Αφήστε αυτό το πεδίο κενό", en: "Leave this field empty" }
    KindComment { el: "Ανώνυμο σχόλιο", en: "Anonymous comment" }
    KindRequest { el: "Αίτημα", en: "Request" }
    KindComplaint { el: "Καταγγελία", en: "Complaint" }
    KindProposal { el: "Πρόταση", en: "Proposal" }
    SubmissionStatusSubmitted { el: "Υποβλήθηκε", en: "Submitted" }
    SubmissionStatusUnderReview { el: "Σε εξέταση", en: "Under review" }
    SubmissionStatusInProgress { el: "Σε εξέλιξη", en: "In progress" }
    SubmissionStatusAnswered { el: "Απαντήθηκε", en: "Answered" }
    SubmissionStatusClosed { el: "Έκλεισε", en: "Closed" }
    SubmissionStatusRejected { el: "Απορρίφθηκε", en: "Rejected" }
    SubmissionsTitle { el: "Τα αιτήματά μου", en: "My submissions" }
    SubmissionsNone { el: "Δεν έχετε υποβάλει ακόμη αίτημα, καταγγελία ή πρόταση.", en: "You have not sent a request, complaint or proposal yet." }
    SubmissionsNewLink { el: "Νέο αίτημα, καταγγελία ή πρόταση", en: "New request, complaint or proposal" }
    SubmitTitle { el: "Νέο αίτημα, καταγγελία ή πρόταση", en: "New request, complaint or proposal" }
    SubmitButton { el: "Υποβολή", en: "Submit" }
    SubmissionNumber { el: "Α/Α", en: "No." }
    SubmissionCreated { el: "Το αίτημά σας υποβλήθηκε με αριθμό", en: "Your submission has been sent with number" }
    ColumnDate { el: "Ημερομηνία", en: "Date" }
    ColumnStatus { el: "Κατάσταση", en: "Status" }
    ColumnProtocol { el: "Αρ. πρωτοκόλλου", en: "Protocol no." }
    ProtocolAwaiting { el: "Σε αναμονή πρωτοκόλλου: ο αριθμός θα εμφανιστεί μόλις το σύστημα πρωτοκόλλου απαντήσει, και θα σας ενημερώσουμε με e-mail.", en: "Awaiting protocol: the number appears as soon as the protocol system answers, and we will e-mail you." }
    ProtocolNone { el: "Δεν έχει πρωτοκολληθεί ακόμη.", en: "Not registered in the protocol yet." }
    HistoryHeading { el: "Ιστορικό", en: "History" }
    RefreshButton { el: "Ανανέωση", en: "Refresh" }
    NoResponseYet { el: "Δεν υπάρχει ακόμη απάντηση.", en: "No answer yet." }
    EventSubmitted { el: "Υποβολή", en: "Submitted" }
    EventStatusChanged { el: "Αλλαγή κατάστασης", en: "Status changed" }
    EventResponded { el: "Απάντηση του δήμου", en: "The municipality answered" }
    EventAssigned { el: "Ανάθεση σε υπηρεσία", en: "Assigned to a department" }
    EventProtocolRequested { el: "Αποστολή για πρωτοκόλληση", en: "Sent for protocol registration" }
    EventProtocolRegistered { el: "Πρωτοκολλήθηκε", en: "Registered in the protocol" }
    EventMarkedSpam { el: "Σημειώθηκε ως ανεπιθύμητο", en: "Marked as spam" }
    ByMunicipality { el: "Δήμος", en: "Municipality" }
    InboxTitle { el: "Εισερχόμενα αιτήματα και σχόλια", en: "Inbox: submissions and comments" }
    InboxLink { el: "Εισερχόμενα αιτήματα και σχόλια", en: "Inbox: submissions and comments" }
    InboxFilterButton { el: "Εφαρμογή φίλτρων", en: "Apply filters" }
    InboxSearch { el: "Αναζήτηση σε θέμα και κείμενο", en: "Search subject and text" }
    InboxFrom { el: "Από ημερομηνία", en: "From date" }
    InboxTo { el: "Έως ημερομηνία", en: "To date" }
    InboxAwaiting { el: "Μόνο όσα περιμένουν πρωτόκολλο", en: "Only those awaiting protocol" }
    InboxAny { el: "Όλα", en: "All" }
    InboxEmpty { el: "Δεν βρέθηκαν αιτήματα με αυτά τα φίλτρα.", en: "No submissions match these filters." }
    InboxResults { el: "αποτελέσματα", en: "results" }
    PreviousPage { el: "Προηγούμενη σελίδα", en: "Previous page" }
    NextPage { el: "Επόμενη σελίδα", en: "Next page" }
    InboxSaved { el: "Η ενέργεια καταχωρίστηκε.", en: "The action has been recorded." }
    ActionsHeading { el: "Ενέργειες", en: "Actions" }
    ChangeStatusButton { el: "Αλλαγή κατάστασης", en: "Change status" }
    SaveResponseButton { el: "Αποθήκευση απάντησης", en: "Save the answer" }
    AssignButton { el: "Ανάθεση", en: "Assign" }
    RegisterProtocolButton { el: "Πρωτοκόλληση", en: "Register in the protocol" }
    MarkSpamButton { el: "Σήμανση ως ανεπιθύμητο", en: "Mark as spam" }
    SpamTag { el: "Ανεπιθύμητο", en: "Spam" }
    CountsHeading { el: "Αιτήματα αυτού του μήνα", en: "Submissions this month" }
    CountsNone { el: "Κανένα αίτημα αυτόν τον μήνα.", en: "No submissions this month." }
    MailAnsweredSubject { el: "Ο δήμος απάντησε στο αίτημά σας", en: "The municipality has answered your submission" }
    MailAnsweredBody { el: "Ο δήμος απάντησε στο αίτημά σας «{subject}». Δείτε την απάντηση στον λογαριασμό σας:", en: "The municipality has answered your submission \"{subject}\". Read the answer in your account:" }
    MailClosedSubject { el: "Το αίτημά σας έκλεισε", en: "Your submission has been closed" }
    MailClosedBody { el: "Το αίτημά σας «{subject}» έκλεισε. Δείτε το ιστορικό του στον λογαριασμό σας:", en: "Your submission \"{subject}\" has been closed. See its history in your account:" }

    ErrNothingToPay { el: "Δεν υπάρχει ποσό προς πληρωμή: ίσως έχει ήδη εξοφληθεί.", en: "Nothing is owed: it may already be paid." }
    ErrPaymentInProgress { el: "Μια άλλη πληρωμή για το ίδιο είναι σε εξέλιξη. Δοκιμάστε ξανά σε λίγα λεπτά.", en: "Another payment for this is in progress. Try again in a few minutes." }
    TestPaymentsTitle { el: "Δοκιμαστική πληρωμή", en: "Test payment" }
    TestPaymentsIntro { el: "Δοκιμάστε την πληρωμή με κάρτα μέσω της δοκιμαστικής τράπεζας. Κανένα πραγματικό ποσό δεν χρεώνεται.", en: "Try a card payment through the sandbox bank. No real money is charged." }
    TestPaymentsNone { el: "Δεν υπάρχουν δοκιμαστικά ποσά προς πληρωμή.", en: "There are no test amounts to pay." }
    PayByCard { el: "Πληρωμή με κάρτα", en: "Pay by card" }
    PaymentSucceeded { el: "Η πληρωμή ολοκληρώθηκε", en: "Payment complete" }
    PaymentSucceededText { el: "Η τράπεζα ενέκρινε την πληρωμή του ποσού", en: "The bank approved the payment of" }
    ReceiptNumber { el: "Αριθμός απόδειξης:", en: "Receipt number:" }
    PaymentDeclined { el: "Η τράπεζα απέρριψε την πληρωμή", en: "The bank declined the payment" }
    PaymentDeclinedText { el: "Δεν χρεωθήκατε. Μπορείτε να δοκιμάσετε ξανά με άλλη κάρτα.", en: "You were not charged. You can try again with another card." }
    BankReason { el: "Αιτιολογία της τράπεζας:", en: "The bank's reason:" }
    PaymentCancelled { el: "Ακυρώσατε την πληρωμή", en: "You cancelled the payment" }
    PaymentCancelledText { el: "Δεν χρεωθήκατε. Μπορείτε να πληρώσετε όποτε θέλετε.", en: "You were not charged. You can pay whenever you like." }
    PaymentError { el: "Η πληρωμή δεν ολοκληρώθηκε", en: "The payment did not go through" }
    PaymentErrorText { el: "Η τράπεζα είχε πρόβλημα και δεν χρεωθήκατε. Δοκιμάστε ξανά αργότερα.", en: "The bank had a problem and you were not charged. Try again later." }
    PaymentExpired { el: "Η πληρωμή έληξε", en: "The payment expired" }
    PaymentExpiredText { el: "Η πληρωμή δεν ολοκληρώθηκε εγκαίρως στη σελίδα της τράπεζας και δεν χρεωθήκατε. Μπορείτε να πληρώσετε ξανά.", en: "The payment was not completed on the bank's page in time and you were not charged. You can pay again." }
    PaymentProcessing { el: "Η πληρωμή επεξεργάζεται", en: "Payment being processed" }
    PaymentProcessingText { el: "Περιμένουμε την επιβεβαίωση της τράπεζας. Η σελίδα ανανεώνεται μόνη της.", en: "We are waiting for the bank's confirmation. This page refreshes by itself." }
    BackToPayments { el: "Επιστροφή στις πληρωμές", en: "Back to payments" }

    MyPaymentsNone { el: "Δεν έχετε κάνει ακόμη πληρωμή με κάρτα.", en: "You have not made a card payment yet." }
    ColumnAmount { el: "Ποσό", en: "Amount" }
    PaymentStateSuccess { el: "Ολοκληρώθηκε", en: "Complete" }
    PaymentStateFailed { el: "Απορρίφθηκε από την τράπεζα", en: "Declined by the bank" }
    PaymentStateCancelled { el: "Ακυρώθηκε", en: "Cancelled" }
    PaymentStateExpired { el: "Έληξε", en: "Expired" }
    PaymentStateError { el: "Σφάλμα τράπεζας", en: "Bank error" }
    PaymentStateProcessing { el: "Σε επεξεργασία", en: "Processing" }

    MailProtocolSubject { el: "Αριθμός πρωτοκόλλου {number}", en: "Protocol number {number}" }
    MailProtocolBody { el: "Το αίτημά σας «{subject}» πρωτοκολλήθηκε με αριθμό {number}.", en: "Your submission \"{subject}\" has been registered with protocol number {number}." }
    MailReceiptSubject { el: "Απόδειξη {number}", en: "Receipt {number}" }
    MailReceiptBody { el: "Απόδειξη είσπραξης {number}\nΠοσό: {amount}\nΤρόπος: {method}\nΑναφορά τράπεζας: {bank}\nΚωδικός ελέγχου: {code}\nΈλεγχος γνησιότητας: {check}", en: "Receipt {number}\nAmount: {amount}\nMethod: {method}\nBank reference: {bank}\nCheck code: {code}\nCheck it is genuine: {check}" }

    ErrAmountFormat { el: "Γράψτε το ποσό σε ευρώ με ψηφία, π.χ. 12,50.", en: "Enter the amount in euros with digits, e.g. 12.50." }
    ErrAmountNegative { el: "Το ποσό δεν μπορεί να είναι αρνητικό.", en: "The amount cannot be negative." }
    ErrAmountDecimals { el: "Τα λεπτά έχουν έως 2 δεκαδικά ψηφία, π.χ. 12,50.", en: "Cents take at most 2 decimal places, e.g. 12.50." }
    ErrAmountTooLarge { el: "Το ποσό είναι πολύ μεγάλο.", en: "The amount is too large." }
    ErrDateFormat { el: "Γράψτε την ημερομηνία ως ημέρα/μήνας/έτος, π.χ. 22/11/2026.", en: "Enter the date as day/month/year, e.g. 22/11/2026." }
    DateInputHint { el: "Ημέρα/μήνας/έτος, π.χ. 23/10/2026", en: "Day/month/year, e.g. 23/10/2026" }
    ErrDateOrder { el: "Η ημερομηνία «Έως» πρέπει να είναι ίδια ή μετά την «Από».", en: "The \"to\" date must be the same as or after the \"from\" date." }
    ErrAmountOrder { el: "Το ελάχιστο ποσό πρέπει να είναι μικρότερο ή ίσο με το μέγιστο.", en: "The minimum amount must be less than or equal to the maximum." }
    ErrRefundTooMuch { el: "Μπορούν να επιστραφούν έως {left}. Γράψτε μικρότερο ποσό.", en: "At most {left} can be refunded. Enter a smaller amount." }
    ErrRefundZero { el: "Γράψτε ποσό μεγαλύτερο από μηδέν.", en: "Enter an amount greater than zero." }
    ErrRefundNotPaid { el: "Μόνο ολοκληρωμένη πληρωμή μπορεί να επιστραφεί.", en: "Only a completed payment can be refunded." }

    PurposeTest { el: "Δοκιμαστική πληρωμή", en: "Test payment" }
    ReceiptTitle { el: "Απόδειξη είσπραξης", en: "Receipt" }
    ReceiptNumberPlain { el: "Αριθμός απόδειξης", en: "Receipt number" }
    ReceiptIssued { el: "Ημερομηνία έκδοσης", en: "Date issued" }
    ReceiptPayer { el: "Πληρωτής", en: "Payer" }
    ReceiptPurpose { el: "Αιτιολογία", en: "Paid for" }
    ReceiptMethod { el: "Τρόπος πληρωμής", en: "Payment method" }
    ReceiptMethodCard { el: "Κάρτα, μέσω τράπεζας", en: "Card, through the bank" }
    ReceiptBankRef { el: "Αναφορά τράπεζας", en: "Bank reference" }
    ReceiptPaymentId { el: "Κωδικός πληρωμής", en: "Payment code" }
    ReceiptPrintHint { el: "Εκτυπώστε αυτή τη σελίδα από τον φυλλομετρητή σας ή κατεβάστε το PDF.", en: "Print this page from your browser or download the PDF." }
    ReceiptPdf { el: "Λήψη απόδειξης σε PDF", en: "Download the receipt as PDF" }
    ReceiptDoc { el: "Απόδειξη", en: "Receipt" }
    ReceiptRefunds { el: "Επιστροφές χρημάτων", en: "Refunds" }
    ReceiptNet { el: "Καθαρό ποσό μετά τις επιστροφές", en: "Net amount after refunds" }
    ReceiptIssuer { el: "Εκδότης", en: "Issued by" }

    StaffCashierLink { el: "Ταμείο: πληρωμές με κάρτα", en: "Cashier: card payments" }
    CashierTitle { el: "Ταμείο: πληρωμές με κάρτα", en: "Cashier: card payments" }
    CashierPurpose { el: "Αιτιολογία", en: "Purpose" }
    CashierMinAmount { el: "Ελάχιστο ποσό (€)", en: "Minimum amount (€)" }
    CashierMaxAmount { el: "Μέγιστο ποσό (€)", en: "Maximum amount (€)" }
    CashierPayer { el: "Πληρωτής (όνομα, e-mail ή ΑΦΜ)", en: "Payer (name, e-mail or tax number)" }
    CashierExport { el: "Εξαγωγή σε CSV", en: "Export as CSV" }
    CashierNone { el: "Καμία πληρωμή δεν ταιριάζει στα φίλτρα.", en: "No payment matches the filters." }
    CashierResults { el: "πληρωμές", en: "payments" }
    TotalsByDay { el: "Σύνολα ανά ημέρα", en: "Totals per day" }
    TotalsByPurpose { el: "Σύνολα ανά αιτιολογία", en: "Totals per purpose" }
    TotalsNote { el: "Τα σύνολα αφορούν τις ολοκληρωμένες πληρωμές που ταιριάζουν στα φίλτρα.", en: "Totals cover the completed payments that match the filters." }
    TotalsAll { el: "Σύνολο", en: "Total" }
    ColumnCount { el: "Πλήθος", en: "Count" }
    ColumnCollected { el: "Εισπράχθηκαν", en: "Collected" }
    ColumnRefunded { el: "Επιστράφηκαν", en: "Refunded" }
    ColumnNet { el: "Καθαρό", en: "Net" }
    ColumnDay { el: "Ημέρα", en: "Day" }
    ColumnPayer { el: "Πληρωτής", en: "Payer" }
    ColumnSource { el: "Προέλευση", en: "Source" }
    ColumnEvent { el: "Γεγονός", en: "Event" }
    ColumnOutcome { el: "Αποτέλεσμα", en: "Outcome" }
    ColumnReason { el: "Αιτιολογία", en: "Reason" }
    PaymentDetails { el: "Στοιχεία πληρωμής", en: "Payment details" }
    PaymentHistory { el: "Ιστορικό γεγονότων", en: "Event history" }
    RefundHeading { el: "Επιστροφή χρημάτων", en: "Refund" }
    RefundIntro { el: "Επιστρέψτε όλο ή μέρος του ποσού στην κάρτα του πληρωτή. Μπορούν να επιστραφούν ακόμη {left}.", en: "Return all or part of the amount to the payer's card. {left} can still be refunded." }
    RefundAmount { el: "Ποσό επιστροφής (€)", en: "Amount to refund (€)" }
    RefundReason { el: "Αιτιολογία επιστροφής", en: "Reason for the refund" }
    RefundButton { el: "Επιστροφή μέσω τράπεζας", en: "Refund through the bank" }
    RefundDone { el: "Η τράπεζα επέστρεψε τα χρήματα.", en: "The bank refunded the money." }
    RefundDeclined { el: "Η τράπεζα αρνήθηκε την επιστροφή· δείτε την αιτία στον πίνακα.", en: "The bank refused the refund; see the reason in the table." }
    RefundPending { el: "Η τράπεζα δεν απάντησε· το ποσό μένει δεσμευμένο. Ρωτήστε ξανά σε λίγο.", en: "The bank did not answer; the amount stays reserved. Ask again shortly." }
    RefundAskAgain { el: "Ρωτήστε ξανά την τράπεζα", en: "Ask the bank again" }
    RefundStatePending { el: "Σε αναμονή τράπεζας", en: "Waiting for the bank" }
    RefundStateSucceeded { el: "Επιστράφηκε", en: "Refunded" }
    RefundStateFailed { el: "Απορρίφθηκε", en: "Refused" }
    RefundNothingLeft { el: "Έχει επιστραφεί όλο το ποσό.", en: "The whole amount has been refunded." }

    FinesIntro { el: "Πληρώστε με κάρτα κλήση στάθμευσης που έκοψε η δημοτική αστυνομία. Θα χρειαστείτε την κλήση: κωδικό δήμου, είδος, αριθμό, πινακίδα, ημερομηνία και ώρα.", en: "Pay by card a parking ticket written by the municipal police. You need the ticket: municipality code, type, number, plate, date and time." }
    FinesStepOne { el: "Βήμα 1 από 2: δήμος και είδος κλήσης", en: "Step 1 of 2: municipality and ticket type" }
    FinesStepTwo { el: "Βήμα 2 από 2: στοιχεία της κλήσης", en: "Step 2 of 2: the ticket's details" }
    FieldMunicipalityCode { el: "Κωδικός δήμου (όπως στην κλήση)", en: "Municipality code (as on the ticket)" }
    FieldTicketType { el: "Είδος κλήσης", en: "Ticket type" }
    FieldTicketNumber { el: "Αριθμός κλήσης", en: "Ticket number" }
    FieldPlate { el: "Αριθμός κυκλοφορίας (πινακίδα)", en: "Licence plate" }
    FieldPlateHint { el: "Όπως στην κλήση, π.χ. ΝΑΒ 1234 (ελληνικοί ή λατινικοί χαρακτήρες).", en: "As on the ticket, e.g. ΝΑΒ 1234 (Greek or Latin letters)." }
    FinePoliceDiffers { el: "Η εγγραφή της δημοτικής αστυνομίας διαφέρει σε:", en: "The municipal police's record differs in:" }
    FinePoliceAmount { el: "ποσό αστυνομίας", en: "police amount" }
    FineReconciledSame { el: "Ίδια με την καταχώριση του δημότη· επιβεβαιώθηκε.", en: "Same as the citizen's registration; confirmed." }
    FinesReconciledHeading { el: "Κλήσεις που είχε ήδη καταχωρίσει δημότης", en: "Tickets a citizen had registered first" }
    FieldOffenceDate { el: "Ημερομηνία παράβασης", en: "Date of the offence" }
    FieldOffenceTime { el: "Ώρα παράβασης (ΩΩ:ΛΛ)", en: "Time of the offence (HH:MM)" }
    FinesContinue { el: "Συνέχεια", en: "Continue" }
    FinesFind { el: "Αναζήτηση κλήσης", en: "Find the ticket" }
    FinesAmountForType { el: "Ποσό για αυτό το είδος:", en: "Amount for this type:" }
    FinesChangeStepOne { el: "Αλλαγή δήμου ή είδους", en: "Change municipality or type" }
    ErrWrongMunicipality { el: "Ο κωδικός δήμου {code} δεν είναι αυτού του δήμου (κωδικός {own}). Η κλήση πληρώνεται στον δήμο που την έκοψε.", en: "Municipality code {code} is not this municipality's (code {own}). A ticket is paid to the municipality that wrote it." }
    ErrTicketType { el: "Αυτό το είδος κλήσης δεν πληρώνεται σε αυτόν τον δήμο. Επιλέξτε το είδος που είναι τυπωμένο στην κλήση.", en: "This ticket type is not paid to this municipality. Choose the type printed on the ticket." }
    ErrTicketNumber { el: "Ο αριθμός κλήσης έχει 6 έως 20 ψηφία, όπως είναι τυπωμένος.", en: "A ticket number has 6 to 20 digits, as printed." }
    ErrPlate { el: "Η πινακίδα έχει τρία γράμματα και τέσσερα ψηφία, π.χ. ΝΑΒ 1234.", en: "A plate has three letters and four digits, e.g. ΝΑΒ 1234." }
    ErrTime { el: "Γράψτε την ώρα ως ΩΩ:ΛΛ, π.χ. 09:30.", en: "Enter the time as HH:MM, e.g. 09:30." }
    ErrOffenceFuture { el: "Η ημερομηνία της παράβασης είναι στο μέλλον. Ελέγξτε την ημερομηνία στην κλήση.", en: "The date of the offence is in the future. Check the date on the ticket." }
    ErrOffenceTooOld { el: "Η κλήση είναι παλαιότερη από {days} ημέρες και δεν πληρώνεται πια ηλεκτρονικά. Απευθυνθείτε στο ταμείο του δήμου.", en: "The ticket is older than {days} days and can no longer be paid online. Contact the municipality's cash desk." }
    ErrFineMismatch { el: "Η κλήση με αυτόν τον αριθμό έχει διαφορετικό στοιχείο εδώ. Ελέγξτε το ξανά στην κλήση.", en: "The ticket with this number has a different value here. Check it again on the ticket." }
    FineTitle { el: "Κλήση", en: "Ticket" }
    FineAmountNow { el: "Το ποσό ισχύει σήμερα και μπορεί να αλλάξει αν πληρώσετε αργότερα.", en: "This amount holds today and may change if you pay later." }
    FinePrincipal { el: "Αρχικό ποσό", en: "Principal" }
    FineAdjustment { el: "Έκπτωση ή προσαύξηση σήμερα", en: "Discount or surcharge today" }
    FineTotal { el: "Πληρωτέο σήμερα", en: "To pay today" }
    FineRegisteredByCitizen { el: "Η κλήση δεν υπήρχε ακόμη στο μητρώο· καταχωρίστηκε από όσα γράψατε και θα την ελέγξει υπάλληλος.", en: "The ticket was not yet in the registry; it was registered from what you typed and staff will check it." }
    FinePaid { el: "Η κλήση έχει εξοφληθεί.", en: "This ticket has been paid." }
    FineBeingPaid { el: "Η κλήση πληρώνεται αυτή τη στιγμή. Δοκιμάστε ξανά σε λίγα λεπτά.", en: "This ticket is being paid right now. Try again in a few minutes." }
    FineRejected { el: "Η κλήση απορρίφθηκε από τον δήμο:", en: "The municipality rejected this ticket:" }
    FineStatusPaid { el: "Εξοφλημένη", en: "Paid" }
    FineStatusUnpaid { el: "Ανεξόφλητη", en: "Unpaid" }
    FineStatusPending { el: "Προς έλεγχο", en: "To review" }
    FineStatusRejected { el: "Απορρίφθηκε", en: "Rejected" }
    FineStatusProcessing { el: "Πληρώνεται τώρα", en: "Being paid" }
    FineLocation { el: "Τοποθεσία", en: "Location" }
    StaffFinesLink { el: "Μητρώο κλήσεων ΚΟΚ", en: "Traffic tickets registry" }
    StaffFinesTitle { el: "Μητρώο κλήσεων ΚΟΚ", en: "Traffic tickets registry" }
    StaffFinesSearch { el: "Αριθμός κλήσης ή πινακίδα", en: "Ticket number or plate" }
    StaffFinesNone { el: "Καμία κλήση δεν ταιριάζει.", en: "No ticket matches." }
    FinesImportHeading { el: "Εισαγωγή κλήσεων από αρχείο CSV", en: "Import tickets from a CSV file" }
    FinesImportHint { el: "Στήλες: ticket_number, municipality_code, ticket_type, plate, date (ΕΕΕΕ-ΜΜ-ΗΗ), time (ΩΩ:ΛΛ), location, officer, amount_eur.", en: "Columns: ticket_number, municipality_code, ticket_type, plate, date (YYYY-MM-DD), time (HH:MM), location, officer, amount_eur." }
    FinesImportFile { el: "Αρχείο CSV", en: "CSV file" }
    FinesImportButton { el: "Εισαγωγή", en: "Import" }
    FinesImportResult { el: "Αποτέλεσμα εισαγωγής", en: "Import result" }
    FinesImported { el: "Εισήχθησαν:", en: "Imported:" }
    FinesRejectedRows { el: "Γραμμές που δεν εισήχθησαν:", en: "Rows not imported:" }
    ColumnLine { el: "Γραμμή", en: "Line" }
    ImportColumns { el: "Λείπουν στήλες ή η γραμμή δεν διαβάζεται", en: "Missing columns or the line cannot be read" }
    ImportTicketNumber { el: "Μη έγκυρος αριθμός κλήσης", en: "Invalid ticket number" }
    ImportDuplicate { el: "Ο αριθμός κλήσης υπάρχει ήδη", en: "Ticket number already imported" }
    ImportMunicipality { el: "Κλήση άλλου δήμου", en: "Another municipality's ticket" }
    ImportType { el: "Άγνωστο είδος κλήσης", en: "Unknown ticket type" }
    ImportPlate { el: "Μη έγκυρη πινακίδα", en: "Invalid plate" }
    ImportDate { el: "Η ημερομηνία δεν είναι ΕΕΕΕ-ΜΜ-ΗΗ", en: "The date is not YYYY-MM-DD" }
    ImportFutureDate { el: "Ημερομηνία στο μέλλον", en: "Date in the future" }
    ImportTime { el: "Μη έγκυρη ώρα", en: "Invalid time" }
    ImportAmount { el: "Μη έγκυρο ποσό", en: "Invalid amount" }
    ImportNegativeAmount { el: "Αρνητικό ποσό", en: "Negative amount" }
    FinesReviewHeading { el: "Κλήσεις που καταχώρισαν δημότες (προς έλεγχο)", en: "Tickets registered by citizens (to review)" }
    FinesReviewConfirm { el: "Επιβεβαίωση", en: "Confirm" }
    FinesReviewReject { el: "Απόρριψη", en: "Reject" }
    FinesReviewAmount { el: "Διορθωμένο ποσό (€, προαιρετικό)", en: "Corrected amount (€, optional)" }
    FinesReviewNote { el: "Σημείωση ή λόγος απόρριψης", en: "Note or reason for rejecting" }
    FinesReviewed { el: "Η απόφαση καταχωρίστηκε.", en: "The decision has been recorded." }

    ErrTypeCode { el: "Ο κωδικός έχει 2 έως 8 λατινικά γράμματα ή ψηφία, π.χ. P01.", en: "A code has 2 to 8 Latin letters or digits, e.g. P01." }
    ErrWholeNumber { el: "Γράψτε ακέραιο αριθμό από {min} έως {max}.", en: "Enter a whole number from {min} to {max}." }
    ErrTypeVersionExists { el: "Υπάρχει ήδη έκδοση αυτού του είδους από αυτή την ημερομηνία. Επιλέξτε άλλη ημερομηνία.", en: "This type already has a version from this date. Choose another date." }
    StaffCatalogueLink { el: "Κατάλογος ειδών κλήσεων ΚΟΚ", en: "Traffic ticket types" }
    CatalogueTitle { el: "Κατάλογος ειδών κλήσεων ΚΟΚ", en: "Traffic ticket types" }
    CatalogueIntro { el: "Κάθε αλλαγή είναι νέα έκδοση από μια ημερομηνία: οι κλήσεις παλαιότερων ημερομηνιών κρατούν τους κανόνες της δικής τους έκδοσης.", en: "Every change is a new version from a date: tickets of earlier dates keep the rules of their own version." }
    CatalogueSaved { el: "Η νέα έκδοση καταχωρίστηκε.", en: "The new version has been saved." }
    CatalogueCode { el: "Κωδικός", en: "Code" }
    CatalogueValidFrom { el: "Ισχύει από", en: "In force from" }
    CataloguePayable { el: "Πληρώνεται στον δήμο", en: "Paid to the municipality" }
    CataloguePayableYes { el: "Ναι", en: "Yes" }
    CataloguePayableNo { el: "Όχι", en: "No" }
    CatalogueRules { el: "Έκπτωση · προσαύξηση · προθεσμία", en: "Discount · surcharge · deadline" }
    CatalogueAdd { el: "Νέα έκδοση είδους", en: "New version of a type" }
    CatalogueAddButton { el: "Καταχώριση έκδοσης", en: "Save the version" }
    CatalogueDescriptionEl { el: "Περιγραφή (ελληνικά)", en: "Description (Greek)" }
    CatalogueDescriptionEn { el: "Περιγραφή (αγγλικά)", en: "Description (English)" }
    CatalogueDiscountDays { el: "Έκπτωση αν πληρωθεί έως (ημέρες)", en: "Discount if paid within (days)" }
    CatalogueDiscountPercent { el: "Έκπτωση (%)", en: "Discount (%)" }
    CatalogueSurchargeDays { el: "Προσαύξηση μετά από (ημέρες, 0 = ποτέ)", en: "Surcharge after (days, 0 = never)" }
    CatalogueSurchargePercent { el: "Προσαύξηση (%)", en: "Surcharge (%)" }
    CatalogueMaxAge { el: "Πληρώνεται ηλεκτρονικά έως (ημέρες)", en: "Payable online for (days)" }

    ErrAfm { el: "Γράψτε έγκυρο ΑΦΜ 9 ψηφίων.", en: "Enter a valid 9-digit tax number (ΑΦΜ)." }
    ErrDateInFuture { el: "Η ημερομηνία είναι στο μέλλον. Γράψτε σημερινή ή παλαιότερη ημερομηνία.", en: "The date is in the future. Enter today's date or an earlier one." }
    ErrNumberTaken { el: "Αυτός ο αριθμός είναι ήδη καταχωρισμένος. Ελέγξτε τον αριθμό.", en: "This number is already recorded. Check the number." }
    ErrPercent { el: "Γράψτε ποσοστό από 0 έως 100 με έως 4 δεκαδικά, π.χ. 0,5.", en: "Enter a percentage from 0 to 100 with up to 4 decimals, e.g. 0.5." }
    ErrPositiveAmount { el: "Γράψτε ποσό μεγαλύτερο του μηδενός, π.χ. 120,50.", en: "Enter an amount above zero, e.g. 120.50." }
    ErrRecordNumber { el: "Ο αριθμός έχει έως 40 γράμματα, ψηφία ή - / _ .", en: "The number has up to 40 letters, digits or - / _ ." }
    ErrTaxAmendNotHigher { el: "Η τροποποιητική δήλωση πρέπει να αυξάνει τα ακαθάριστα έσοδα. Για μείωση απευθυνθείτε στην υπηρεσία εσόδων του δήμου.", en: "An amended declaration must raise the gross revenue. To lower it, contact the municipality's revenue office." }
    ErrTaxBeingPaid { el: "Μια δήλωση αυτής της περιόδου πληρώνεται αυτή τη στιγμή. Δοκιμάστε ξανά σε λίγα λεπτά.", en: "A declaration of this period is being paid right now. Try again in a few minutes." }
    ErrTaxCategory { el: "Επιλέξτε κατηγορία.", en: "Choose a category." }
    ErrTaxNothingToAmend { el: "Δεν υπάρχει αποδεκτή δήλωση αυτής της περιόδου για τροποποίηση.", en: "There is no accepted declaration of this period to amend." }
    ErrTaxPeriod { el: "Επιλέξτε την περίοδο της δήλωσης ΦΠΑ.", en: "Choose the period of the VAT return." }
    ErrTaxPeriodNotEnded { el: "Η περίοδος δεν έχει λήξει ακόμη. Δηλώνεται μετά το τέλος της.", en: "This period has not ended yet. It is declared after it ends." }
    ErrTaxYear { el: "Γράψτε το έτος με 4 ψηφία, από το 2000 έως φέτος.", en: "Enter the year with 4 digits, from 2000 to this year." }
    ErrVatFiledBeforeEnd { el: "Η δήλωση ΦΠΑ υποβάλλεται μετά το τέλος της περιόδου. Ελέγξτε την ημερομηνία υποβολής.", en: "A VAT return is filed after its period ends. Check the filing date." }
    ErrVersionExists { el: "Υπάρχει ήδη έκδοση από αυτή την ημερομηνία. Επιλέξτε άλλη ημερομηνία.", en: "A version already starts on this date. Choose another date." }
    ImportAfm { el: "Μη έγκυρος ΑΦΜ", en: "Invalid tax number" }
    ImportDebtKind { el: "Άγνωστο είδος οφειλής (certified, settlement, uncertified, assessment_note ή fee)", en: "Unknown kind of debt (certified, settlement, uncertified, assessment_note or fee)" }
    ImportCategory { el: "Άγνωστη κατηγορία εσόδου", en: "Unknown revenue category" }
    ImportDebtorName { el: "Λείπει το όνομα του οφειλέτη ή είναι πολύ μεγάλο", en: "Debtor's name missing or too long" }
    ImportDescription { el: "Λείπει η περιγραφή ή είναι πολύ μεγάλη", en: "Description missing or too long" }
    ImportNumber { el: "Μη έγκυρος αριθμός", en: "Invalid number" }
    ImportState { el: "Η κατάσταση είναι warranted ή paid", en: "The state is warranted or paid" }
    StaffTaxLink { el: "Δημοτικός φόρος: δηλώσεις και επιχειρήσεις", en: "Municipal tax: declarations and businesses" }
    StaffTaxRatesLink { el: "Συντελεστές και πρόστιμα", en: "Rates and fines" }
    StaffTaxRecordsLink { el: "Βεβαιωμένες οφειλές και εντάλματα", en: "Certified debts and warrants" }
    StaffTaxRecordsTitle { el: "Βεβαιωμένες οφειλές και ενταλματοποιημένες πληρωμές", en: "Certified debts and warranted payments" }
    StaffTaxTitle { el: "Δηλώσεις δημοτικού φόρου", en: "Municipal tax declarations" }
    TaxTitle { el: "Δήλωση και πληρωμή δημοτικού φόρου", en: "Municipal tax declaration and payment" }
    TaxIntro { el: "Ο δημοτικός φόρος (0,5 % στην εστίαση, 5 % στα κέντρα διασκέδασης) δηλώνεται ανά περίοδο ΦΠΑ και πληρώνεται με κάρτα στην ίδια πράξη: αν η πληρωμή δεν ολοκληρωθεί, η δήλωση απορρίπτεται και υποβάλλεται ξανά.", en: "Municipal tax (0.5% for catering, 5% for night clubs) is declared per VAT period and paid by card in the same act: if the payment does not complete, the declaration is rejected and must be submitted again." }
    TaxChooseBusiness { el: "Επιλογή επιχείρησης", en: "Choose a business" }
    TaxNoBusiness { el: "Δεν έχετε καταχωρίσει επιχείρηση.", en: "You have not registered a business." }
    TaxRegisterBusiness { el: "Καταχώριση επιχείρησης", en: "Register a business" }
    TaxNeedsVerification { el: "η επιχείρηση δεν έχει επαληθευτεί ακόμη από τον δήμο, γι' αυτό δεν μπορεί να υποβάλει δήλωση ή να δει οφειλές και εντάλματα. Ζητήστε επαλήθευση και δείξτε τα έγγραφα της επιχείρησης στο Κέντρο Εξυπηρέτησης.", en: "the business has not yet been verified by the municipality, so it cannot declare or see debts and warrants. Ask for verification and show the business's documents at the service centre." }
    TaxGetVerified { el: "Πώς επαληθεύεται η επιχείρηση", en: "How to get the business verified" }
    TaxDeclarationsTitle { el: "Δηλώσεις", en: "Declarations" }
    TaxDebtsTitle { el: "Βεβαιωμένες οφειλές", en: "Certified debts" }
    TaxWarrantsTitle { el: "Ενταλματοποιημένες πληρωμές", en: "Warranted payments" }
    TaxDeclareTitle { el: "Νέα δήλωση", en: "New declaration" }
    TaxAmendTitle { el: "Τροποποιητική δήλωση", en: "Amended declaration" }
    TaxPeriodMonth { el: "Μήνας της δήλωσης ΦΠΑ (1–12)", en: "Month of the VAT return (1–12)" }
    TaxPeriodQuarter { el: "Τρίμηνο της δήλωσης ΦΠΑ (1–4)", en: "Quarter of the VAT return (1–4)" }
    TaxPeriodNumber { el: "Περίοδος (μήνας ή τρίμηνο)", en: "Period (month or quarter)" }
    TaxYear { el: "Έτος", en: "Year" }
    TaxRevenueField { el: "Ακαθάριστα έσοδα της περιόδου (€)", en: "Gross revenue of the period (€)" }
    TaxRevenueHint { el: "Όπως στη δήλωση ΦΠΑ, π.χ. 12.345,67 ή 12345.67.", en: "As in the VAT return, e.g. 12,345.67 or 12345.67." }
    TaxVatFiledOn { el: "Ημερομηνία υποβολής της δήλωσης ΦΠΑ", en: "Date the VAT return was filed" }
    TaxPreviewTitle { el: "Υπολογισμός", en: "Calculation" }
    TaxRevenueUnreadable { el: "Τα ακαθάριστα έσοδα δεν διαβάζονται ως ποσό: γράψτε τα όπως 12.500,00.", en: "The gross revenue cannot be read as an amount: write it like 12,500.00." }
    TaxPreviewEmpty { el: "Συμπληρώστε περίοδο, έτος και έσοδα για να δείτε τον υπολογισμό.", en: "Fill in the period, year and revenue to see the calculation." }
    TaxPreviewNote { el: "Το ποσό που πληρώνεται υπολογίζεται ξανά από τον δήμο κατά την υποβολή, με τους ίδιους κανόνες.", en: "The amount paid is computed again by the municipality on submission, with the same rules." }
    TaxSubmitAndPay { el: "Υποβολή και πληρωμή με κάρτα", en: "Submit and pay by card" }
    TaxRevenue { el: "Ακαθάριστα έσοδα", en: "Gross revenue" }
    TaxRate { el: "Συντελεστής", en: "Rate" }
    TaxAmount { el: "Φόρος", en: "Tax" }
    TaxAlreadyAssessed { el: "Ήδη βεβαιωμένος φόρος της περιόδου", en: "Tax already assessed for the period" }
    TaxDue { el: "Διαφορά φόρου", en: "Tax difference" }
    TaxDueDate { el: "Προθεσμία", en: "Due date" }
    TaxOnTime { el: "εμπρόθεσμη", en: "on time" }
    TaxLateMonths { el: "εκπρόθεσμη κατά {months} μήνες (που άρχισαν)", en: "late by {months} started months" }
    TaxMonthsShort { el: "{months} μήνες", en: "{months} months" }
    TaxFine { el: "Πρόστιμο εκπρόθεσμης", en: "Late fine" }
    TaxTotal { el: "Σύνολο πληρωμής", en: "Total to pay" }
    TaxPeriod { el: "Περίοδος", en: "Period" }
    TaxHistory { el: "Οι δηλώσεις της επιχείρησης", en: "The business's declarations" }
    TaxHistoryNone { el: "Δεν υπάρχουν δηλώσεις ακόμη.", en: "There are no declarations yet." }
    TaxAmended { el: "τροποποιητική", en: "amended" }
    TaxStateAccepted { el: "Αποδεκτή", en: "Accepted" }
    TaxStateRejected { el: "Απορρίφθηκε", en: "Rejected" }
    TaxStateAwaiting { el: "Σε αναμονή πληρωμής", en: "Awaiting payment" }
    TaxDeclarationTitle { el: "Δήλωση δημοτικού φόρου", en: "Municipal tax declaration" }
    TaxAmendedDeclarationTitle { el: "Τροποποιητική δήλωση δημοτικού φόρου", en: "Amended municipal tax declaration" }
    TaxAcceptedText { el: "Η δήλωση έγινε δεκτή και ο φόρος πληρώθηκε.", en: "The declaration has been accepted and the tax paid." }
    TaxAlreadyAccepted { el: "Αυτή η περίοδος έχει ήδη δηλωθεί και γίνει δεκτή· δεν δηλώνεται ξανά. Αν χρειάζεται διόρθωση, υποβάλετε τροποποιητική δήλωση παρακάτω.", en: "This period has already been declared and accepted; it cannot be declared again. If it needs correcting, submit an amended declaration below." }
    TaxAwaitingNotice { el: "Μια δήλωση αυτής της περιόδου περιμένει ήδη την πληρωμή της: συνεχίστε την πληρωμή εδώ.", en: "A declaration of this period is already waiting for its payment: continue the payment here." }
    TaxAwaitingText { el: "Η δήλωση περιμένει την πληρωμή της. Αν η πληρωμή δεν ολοκληρωθεί, η δήλωση απορρίπτεται.", en: "The declaration is waiting for its payment. If the payment does not complete, the declaration is rejected." }
    TaxAmendHeading { el: "Τροποποίηση", en: "Amend" }
    TaxAmendIntro { el: "Αν τα έσοδα ήταν περισσότερα, υποβάλετε τροποποιητική δήλωση: πληρώνετε μόνο τη διαφορά φόρου (με πρόστιμο αν είναι εκπρόθεσμη).", en: "If the revenue was higher, submit an amended declaration: you pay only the tax difference (with a fine if it is late)." }
    TaxRejectedText { el: "Η δήλωση απορρίφθηκε γιατί η πληρωμή δεν ολοκληρώθηκε. Πρέπει να την υποβάλετε ξανά.", en: "The declaration was rejected because the payment did not complete. You must submit it again." }
    TaxRejectedDeclined { el: "Η τράπεζα απέρριψε την κάρτα.", en: "The bank declined the card." }
    TaxRejectedCancelled { el: "Η πληρωμή ακυρώθηκε.", en: "The payment was cancelled." }
    TaxRejectedExpired { el: "Η πληρωμή δεν ολοκληρώθηκε εγκαίρως και έληξε.", en: "The payment was not completed in time and expired." }
    TaxRejectedError { el: "Η τράπεζα ανέφερε σφάλμα.", en: "The bank reported an error." }
    TaxSubmitAgain { el: "Υποβολή ξανά", en: "Submit again" }
    TaxBackToDeclarations { el: "Στις δηλώσεις της επιχείρησης", en: "Back to the business's declarations" }
    TaxDebtsIntro { el: "Οφειλές δημοτικού φόρου της επιχείρησης στο μητρώο οφειλών του δήμου, με τις προσαυξήσεις μέχρι σήμερα. Πληρώνονται, μαζί με κάθε άλλη οφειλή της, στις οφειλές σας.", en: "The business's municipal tax debts in the municipality's debts register, with interest up to today. They are paid, with any other debt of the business, on your debts page." }
    TaxDebtsPayOnMyDebts { el: "Πληρωμή στις οφειλές μου", en: "Pay on my debts" }
    TaxDebtsMovedToRegister { el: "Οι βεβαιωμένες οφειλές καταχωρίζονται και εισάγονται πλέον στο μητρώο οφειλών:", en: "Certified debts are now entered and imported in the debts register:" }
    TaxDebtsNone { el: "Δεν υπάρχουν βεβαιωμένες οφειλές.", en: "There are no certified debts." }
    TaxDebtNumber { el: "Αριθμός οφειλής", en: "Debt number" }
    TaxDescription { el: "Περιγραφή", en: "Description" }
    TaxInterest { el: "Προσαυξήσεις", en: "Interest" }
    TaxWarrantsIntro { el: "Πληρωμές που έχει ενταλματοποιήσει ο δήμος προς την επιχείρηση: ό,τι μπορεί να εισπράξει.", en: "Payments the municipality has warranted to the business: what it can collect." }
    TaxWarrantsNone { el: "Δεν υπάρχουν ενταλματοποιημένες πληρωμές.", en: "There are no warranted payments." }
    WarrantsToCollect { el: "Προς είσπραξη:", en: "To collect:" }
    WarrantNumber { el: "Αριθμός εντάλματος", en: "Warrant number" }
    WarrantDate { el: "Ημερομηνία εντάλματος", en: "Warrant date" }
    WarrantStatePaid { el: "Πληρώθηκε", en: "Paid" }
    WarrantStateWarranted { el: "Ενταλματοποιήθηκε", en: "Warranted" }
    WarrantMarkPaid { el: "Σήμανση ως πληρωμένο", en: "Mark as paid" }
    WarrantAddTitle { el: "Νέο ένταλμα πληρωμής", en: "New payment warrant" }
    WarrantAddButton { el: "Καταχώριση εντάλματος", en: "Record the warrant" }
    WarrantSaved { el: "Το ένταλμα καταχωρίστηκε.", en: "The warrant has been recorded." }
    TaxCertifiedOn { el: "Ημερομηνία βεβαίωσης", en: "Date certified" }
    TaxAmountHint { el: "Σε ευρώ, π.χ. 1.234,56 ή 1234.56.", en: "In euros, e.g. 1,234.56 or 1234.56." }
    TaxImportTitle { el: "Εισαγωγή από αρχείο CSV", en: "Import from a CSV file" }
    TaxImportKind { el: "Τι περιέχει το αρχείο", en: "What the file holds" }
    TaxImportWarrantColumns { el: "Εντάλματα — στήλες: afm, warrant_number, warrant_date (ΕΕΕΕ-ΜΜ-ΗΗ), description, amount_eur, και προαιρετικά state (warranted ή paid), paid_on.", en: "Warrants — columns: afm, warrant_number, warrant_date (YYYY-MM-DD), description, amount_eur, and optionally state (warranted or paid), paid_on." }
    TaxRecordNumber { el: "Αριθμός", en: "Number" }
    TaxBusiness { el: "Επιχείρηση", en: "Business" }
    TaxBusinessSearch { el: "Επιχείρηση (επωνυμία ή ΑΦΜ)", en: "Business (name or tax number)" }
    TaxLateFilter { el: "Εκπρόθεσμη", en: "Late" }
    TaxLateYes { el: "Ναι", en: "Yes" }
    TaxLateNo { el: "Όχι", en: "No" }
    TaxLateTag { el: "εκπρόθεσμη", en: "late" }
    TaxExportCsv { el: "Λήψη σε CSV (με τα ίδια φίλτρα)", en: "Download as CSV (with these filters)" }
    TaxRatesTitle { el: "Συντελεστές δημοτικού φόρου, πρόστιμα και προσαυξήσεις", en: "Municipal tax rates, fines and interest" }
    TaxRatesIntro { el: "Κάθε αλλαγή είναι νέα έκδοση από μια ημερομηνία: κάθε περίοδος χρησιμοποιεί τους κανόνες που ίσχυαν την τελευταία της ημέρα.", en: "Every change is a new version from a date: each period uses the rules in force on its last day." }
    TaxRatesByCategory { el: "Συντελεστές ανά κατηγορία", en: "Rates by category" }
    TaxSettingsTitle { el: "Πρόστιμο εκπρόθεσμης δήλωσης και προσαυξήσεις", en: "Late-declaration fine and late-payment interest" }
    TaxCategory { el: "Κατηγορία", en: "Category" }
    TaxRatePercent { el: "Συντελεστής (%)", en: "Rate (%)" }
    TaxRateAddTitle { el: "Νέος συντελεστής κατηγορίας", en: "New rate for a category" }
    TaxSettingsAddTitle { el: "Νέα έκδοση προστίμου και προσαυξήσεων", en: "New version of fine and interest" }
    TaxFinePerMonth { el: "Πρόστιμο ανά μήνα (% του φόρου)", en: "Fine per month (% of the tax)" }
    TaxFineCap { el: "Ανώτατο πρόστιμο (% του φόρου)", en: "Fine cap (% of the tax)" }
    TaxInterestPerMonth { el: "Προσαυξήσεις ανά μήνα (% της οφειλής)", en: "Interest per month (% of the debt)" }
    PaymentTaxAccepted { el: "Η δήλωση δημοτικού φόρου έγινε δεκτή.", en: "The municipal tax declaration has been accepted." }
    PaymentTaxRejected { el: "Η δήλωση δημοτικού φόρου απορρίφθηκε γιατί η πληρωμή δεν ολοκληρώθηκε. Πρέπει να την υποβάλετε ξανά.", en: "The municipal tax declaration was rejected because the payment did not complete. You must submit it again." }
    PaymentTaxLink { el: "Στη δήλωση", en: "Go to the declaration" }
    PaymentFineLink { el: "Στην κλήση", en: "Go to the ticket" }
    PurposeTax { el: "Δημοτικός φόρος", en: "Municipal tax" }
    ErrCategoryCode { el: "Ο κωδικός έχει 2 έως 30 πεζά λατινικά γράμματα, ψηφία ή _, π.χ. canteen.", en: "The code has 2 to 30 lower-case Latin letters, digits or _, e.g. canteen." }
    ErrCategoryExists { el: "Υπάρχει ήδη κατηγορία με αυτόν τον κωδικό.", en: "A category with this code already exists." }
    TaxCategoryAddTitle { el: "Νέα κατηγορία επιχειρήσεων", en: "New business category" }
    TaxCategoryAddButton { el: "Καταχώριση κατηγορίας", en: "Save the category" }
    TaxCategoryCode { el: "Κωδικός κατηγορίας", en: "Category code" }
    TaxCategoryCodeHint { el: "Λατινικά πεζά, π.χ. canteen· δεν αλλάζει αργότερα.", en: "Lower-case Latin, e.g. canteen; it cannot change later." }
    TaxCategoryNameEl { el: "Όνομα (ελληνικά)", en: "Name (Greek)" }
    TaxCategoryNameEn { el: "Όνομα (αγγλικά)", en: "Name (English)" }
    NavDebts { el: "Οι οφειλές μου", en: "My debts" }
    MenuDebts { el: "Οφειλές", en: "Debts" }
    MenuDebtCategories { el: "Κατηγορίες εσόδων", en: "Revenue categories" }
    StaffDebtsLink { el: "Οφειλές: οφειλέτες, καταχώριση, εισαγωγή, βεβαιωθέντα και εισπραχθέντα", en: "Debts: debtors, entry, import, posted and collected" }
    StaffDebtCategoriesLink { el: "Κατηγορίες εσόδων των οφειλών", en: "Revenue categories of debts" }
    DebtsTitle { el: "Οι οφειλές μου", en: "My debts" }
    DebtsIntro { el: "Ό,τι οφείλετε στον δήμο, όπως το τηρεί η οικονομική υπηρεσία, με τις προσαυξήσεις μέχρι σήμερα. Επιλέξτε μία ή περισσότερες οφειλές και πληρώστε τες μαζί με κάρτα.", en: "Everything you owe the municipality, as its finance office keeps it, with interest up to today. Choose one or more debts and pay them together by card." }
    DebtsChooseDebtor { el: "Οφειλές ποιου ΑΦΜ", en: "Debts of which VAT number" }
    DebtsNeedVerification { el: "Οι οφειλές είναι προσωπικά δεδομένα: εμφανίζονται μόνο για ΑΦΜ που έχει επιβεβαιωθεί ότι είναι δικός σας. Ζητήστε επιβεβαίωση του δικού σας ΑΦΜ ή της επιχείρησής σας.", en: "Debts are personal data: they are shown only for a VAT number confirmed to be yours. Ask for your own VAT number or your business to be verified." }
    DebtsVerifyYourself { el: "Επιβεβαίωση του ΑΦΜ μου", en: "Verify my VAT number" }
    DebtsInterestNote { el: "Προσαυξήσεις {rate} % για κάθε μήνα που άρχισε μετά τη λήξη, μόνο στις βεβαιωμένες οφειλές· τα ποσά ισχύουν σήμερα, {date}.", en: "Interest of {rate}% for each started month after the due date, on certified debts only; the amounts hold today, {date}." }
    DebtsOpenTitle { el: "Ανεξόφλητες οφειλές", en: "Unpaid debts" }
    DebtsNoneOpen { el: "Δεν υπάρχουν ανεξόφλητες οφειλές.", en: "There are no unpaid debts." }
    DebtsKindTotal { el: "Σύνολο", en: "Total" }
    DebtsOverallTotal { el: "Συνολικά", en: "Overall" }
    DebtsPick { el: "Επιλογή για πληρωμή", en: "Choose to pay" }
    DebtsPickColumn { el: "Πληρωμή", en: "Pay" }
    DebtsPayHint { el: "Σημειώστε τις οφειλές που θα πληρώσετε. Το ποσό κλειδώνει τη στιγμή που πατάτε πληρωμή· η απόδειξη αναφέρει κάθε οφειλή.", en: "Tick the debts you will pay. The amount is fixed when you press pay; the receipt lists every debt." }
    DebtsClosedTitle { el: "Εξοφλημένες και ακυρωμένες", en: "Paid and cancelled" }
    DebtorCardTitle { el: "Καρτέλα οφειλέτη", en: "Debtor's card" }
    DebtorCardDebts { el: "Οφειλές", en: "Debts" }
    DebtorCardAllDebts { el: "Όλες οι οφειλές, και οι εξοφλημένες", en: "Every debt, paid ones too" }
    DebtorCardPayments { el: "Ιστορικό πληρωμών", en: "Payment history" }
    DebtorCardNoPayments { el: "Δεν υπάρχουν πληρωμές.", en: "There are no payments." }
    DebtorName { el: "Ονοματεπώνυμο ή επωνυμία", en: "Name" }
    DebtReference { el: "Αριθμός οφειλής (του δήμου)", en: "Debt number (the municipality's)" }
    DebtCategory { el: "Κατηγορία εσόδου", en: "Revenue category" }
    DebtKindLabel { el: "Είδος οφειλής", en: "Kind of debt" }
    DebtKindCertified { el: "Βεβαιωμένες", en: "Certified" }
    DebtKindSettlement { el: "Σε ρύθμιση", en: "In a settlement plan" }
    DebtKindUncertified { el: "Αβεβαίωτες", en: "Not certified" }
    DebtKindAssessmentNote { el: "Βεβαιωτικά σημειώματα", en: "Assessment notes" }
    DebtKindFee { el: "Παράβολα", en: "Fees on request" }
    DebtStateOpen { el: "Ανεξόφλητη", en: "Unpaid" }
    DebtStatePartlyPaid { el: "Μερικώς εξοφλημένη", en: "Partly paid" }
    DebtStatePaid { el: "Εξοφλήθηκε", en: "Paid" }
    DebtStateInSettlement { el: "Σε ρύθμιση", en: "In a settlement plan" }
    DebtStateCancelled { el: "Ακυρώθηκε", en: "Cancelled" }
    PurposeDebts { el: "Οφειλές προς τον δήμο", en: "Debts to the municipality" }
    PaymentDebtsLink { el: "Στις οφειλές μου", en: "Go to my debts" }
    StaffDebtsTitle { el: "Οφειλέτες", en: "Debtors" }
    DebtorSearch { el: "Αναζήτηση οφειλέτη", en: "Find a debtor" }
    DebtorSearchHint { el: "ΑΦΜ, όνομα (με ή χωρίς τόνους) ή αριθμός οφειλής.", en: "VAT number, name (with or without accents) or debt number." }
    DebtorSearchButton { el: "Αναζήτηση", en: "Search" }
    DebtorSearchNone { el: "Δεν βρέθηκε οφειλέτης.", en: "No debtor found." }
    DebtorOpenDebts { el: "Ανοικτές οφειλές", en: "Open debts" }
    DebtorOpenPrincipal { el: "Κεφάλαιο ανοικτών", en: "Open principal" }
    DebtTitle { el: "Οφειλή", en: "Debt" }
    DebtNewTitle { el: "Νέα οφειλή", en: "New debt" }
    DebtSaveButton { el: "Καταχώριση οφειλής", en: "Record the debt" }
    DebtCorrectTitle { el: "Διόρθωση", en: "Correct it" }
    DebtCorrectButton { el: "Αποθήκευση διόρθωσης", en: "Save the correction" }
    DebtSaved { el: "Η οφειλή αποθηκεύτηκε.", en: "The debt has been saved." }
    DebtCancelTitle { el: "Ακύρωση οφειλής", en: "Cancel the debt" }
    DebtCancelReason { el: "Λόγος ακύρωσης", en: "Reason for cancelling" }
    DebtCancelButton { el: "Ακύρωση της οφειλής", en: "Cancel the debt" }
    DebtCancelled { el: "Η οφειλή ακυρώθηκε.", en: "The debt has been cancelled." }
    DebtHistory { el: "Ιστορικό αλλαγών", en: "History of changes" }
    DebtActor { el: "Από", en: "By" }
    DebtAction { el: "Ενέργεια", en: "Action" }
    DebtReportTitle { el: "Βεβαιωθέντα και εισπραχθέντα", en: "Posted and collected" }
    DebtReportIntro { el: "Ανά κατηγορία εσόδου και μήνα: ποσά που βεβαιώθηκαν (κεφάλαιο, εκτός ακυρωμένων) και ποσά που εισπράχθηκαν μέσω της πύλης.", en: "Per revenue category and month: amounts certified (principal, cancelled ones left out) and amounts collected through the portal." }
    DebtReportYears { el: "Έτος", en: "Year" }
    DebtReportMonth { el: "Μήνας", en: "Month" }
    DebtReportPosted { el: "Βεβαιωθέντα", en: "Posted" }
    DebtReportCollected { el: "Εισπραχθέντα", en: "Collected" }
    DebtReportEmpty { el: "Τίποτα βεβαιωμένο ή εισπραγμένο αυτό το έτος.", en: "Nothing posted or collected this year." }
    DebtImportTitle { el: "Εισαγωγή οφειλών", en: "Import debts" }
    DebtImportIntro { el: "Το αρχείο CSV που εξάγει η οικονομική υπηρεσία, όλο το μητρώο: μια οφειλή με γνωστό αριθμό ενημερώνεται, μια νέα προστίθεται. Οι λάθος γραμμές αναφέρονται με τον αριθμό γραμμής και τον λόγο· οι σωστές περνούν όλες μαζί.", en: "The CSV file the finance office exports, the whole register: a debt whose number is known is updated, a new one is added. Wrong rows are reported with their line and reason; the right ones go in together." }
    DebtImportColumns { el: "Στήλες: municipality_ref, afm, debtor_name, kind (certified, settlement, uncertified, assessment_note, fee), category, description, principal_eur, due_date (ΕΕΕΕ-ΜΜ-ΗΗ), certified_on (κενό αν δεν βεβαιώθηκε)· προαιρετικά debtor_address, debtor_email, debtor_phone.", en: "Columns: municipality_ref, afm, debtor_name, kind (certified, settlement, uncertified, assessment_note, fee), category, description, principal_eur, due_date (YYYY-MM-DD), certified_on (empty if not certified); optionally debtor_address, debtor_email, debtor_phone." }
    DebtImportRunning { el: "Η εισαγωγή τρέχει· η σελίδα ανανεώνεται μόνη της.", en: "The import is running; this page refreshes itself." }
    DebtImportProgress { el: "Πρόοδος εισαγωγής", en: "Import progress" }
    DebtImportFailed { el: "Η εισαγωγή δεν ολοκληρώθηκε και δεν πέρασε τίποτα. Δοκιμάστε ξανά· αν επαναληφθεί, ενημερώστε τον διαχειριστή.", en: "The import did not finish and nothing of it was applied. Try again; if it happens again, tell the administrator." }
    DebtImportDone { el: "Η εισαγωγή ολοκληρώθηκε.", en: "The import has finished." }
    DebtImportAdded { el: "Νέες οφειλές", en: "New debts" }
    DebtImportUpdated { el: "Ενημερώθηκαν", en: "Updated" }
    DebtImportUnchanged { el: "Χωρίς αλλαγή", en: "Unchanged" }
    DebtCategoriesTitle { el: "Κατηγορίες εσόδων", en: "Revenue categories" }
    DebtCategoryAddTitle { el: "Νέα κατηγορία εσόδου", en: "New revenue category" }
    ErrCancelReason { el: "Γράψτε τον λόγο της ακύρωσης (έως 500 χαρακτήρες).", en: "Write the reason for cancelling (up to 500 characters)." }
    ErrChooseDebts { el: "Σημειώστε τουλάχιστον μία οφειλή για πληρωμή.", en: "Tick at least one debt to pay." }
    ErrTooManyDebts { el: "Μία πληρωμή εξοφλεί έως 100 οφειλές· επιλέξτε λιγότερες.", en: "One payment pays up to 100 debts; choose fewer." }
    ErrDebtNotPayable { el: "Μία από τις οφειλές που επιλέξατε δεν είναι πια ανεξόφλητη. Ανανεώστε τη σελίδα και επιλέξτε ξανά.", en: "One of the debts you chose is no longer unpaid. Reload the page and choose again." }
    ErrDebtKind { el: "Επιλέξτε το είδος της οφειλής.", en: "Choose the kind of debt." }
    ErrDebtCategory { el: "Επιλέξτε την κατηγορία εσόδου.", en: "Choose the revenue category." }
    ErrDebtClosed { el: "Η οφειλή έχει εξοφληθεί ή ακυρωθεί· δεν αλλάζει πια.", en: "The debt is paid or cancelled; it no longer changes." }
    ErrNotUtf8 { el: "Το αρχείο δεν είναι κείμενο UTF-8. Αποθηκεύστε το ως «CSV UTF-8» και ανεβάστε το ξανά.", en: "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again." }
    DebtorCardOpenDebt { el: "Κάθε οφειλή: ιστορικό, διόρθωση, ακύρωση", en: "Each debt: history, correction, cancellation" }
    PurposeNotice { el: "Ειδοποιητήριο πληρωμής", en: "Payment notice" }
    PaymentNoticeLink { el: "Στο ειδοποιητήριο", en: "Go to the notice" }
    NavNotices { el: "Ειδοποιητήρια", en: "Notices" }
    NoticesTitle { el: "Τα ειδοποιητήριά μου", en: "My notices" }
    NoticesIntro { el: "Κάθε ειδοποιητήριο έχει δικό του κωδικό πληρωμής RF: πληρώνεται με κάρτα εδώ ή από οποιαδήποτε τράπεζα (e-banking, εφαρμογή, κατάστημα) με τον κωδικό RF, μέχρι την ημερομηνία «Πληρωμή έως». Φτιάξτε νέο ειδοποιητήριο από τις οφειλές σας, ή εκδώστε παράβολο.", en: "Each notice has its own RF payment code: pay it by card here, or at any bank (e-banking, app, branch) with the RF code, by its \"pay by\" date. Make a new notice from your debts, or issue a fee." }
    NoticesNone { el: "Δεν υπάρχουν ειδοποιητήρια.", en: "There are no notices." }
    NoticesFromDebts { el: "Νέο ειδοποιητήριο από τις οφειλές μου", en: "New notice from my debts" }
    NoticeTitle { el: "Ειδοποιητήριο", en: "Notice" }
    NoticeNumber { el: "Ειδοποιητήριο", en: "Notice" }
    NoticeNumberShort { el: "αρ.", en: "no." }
    NoticeKind { el: "Για", en: "For" }
    NoticeKindDebts { el: "Οφειλές", en: "Debts" }
    NoticeKindFee { el: "Παράβολο", en: "Fee" }
    NoticeIssued { el: "Έκδοση", en: "Issued" }
    NoticeRf { el: "Κωδικός πληρωμής RF", en: "RF payment code" }
    NoticePayBy { el: "Πληρωμή έως", en: "Pay by" }
    NoticeAmount { el: "Ποσό πληρωμής", en: "Amount to pay" }
    NoticeDebts { el: "Οφειλές του ειδοποιητηρίου", en: "Debts on this notice" }
    NoticeStateOpen { el: "Προς πληρωμή", en: "To pay" }
    NoticeStatePaid { el: "Πληρώθηκε", en: "Paid" }
    NoticeStateReplaced { el: "Αντικαταστάθηκε", en: "Replaced" }
    NoticeStateExpired { el: "Έληξε", en: "Expired" }
    NoticeStateCancelled { el: "Ακυρώθηκε", en: "Cancelled" }
    NoticePaidNote { el: "Το ειδοποιητήριο έχει πληρωθεί· ο κωδικός RF του δεν δέχεται άλλη πληρωμή.", en: "This notice is paid; its RF code takes no further payment." }
    NoticeReplacedNote { el: "Αυτό το ειδοποιητήριο αντικαταστάθηκε από νεότερο για κάποια από τις οφειλές του· ο κωδικός RF του δεν δέχεται πια πληρωμή. Πληρώστε το νεότερο, από τα ειδοποιητήριά σας.", en: "This notice was replaced by a newer one for one of its debts; its RF code no longer takes payment. Pay the newer one, from your notices." }
    NoticeExpiredNote { el: "Η προθεσμία του ειδοποιητηρίου πέρασε και ο κωδικός RF του δεν δέχεται πια πληρωμή. Φτιάξτε νέο ειδοποιητήριο από τις οφειλές σας (με τις προσαυξήσεις μέχρι σήμερα).", en: "This notice's date has passed and its RF code no longer takes payment. Make a new notice from your debts (with interest up to today)." }
    NoticeCancelledNote { el: "Το ειδοποιητήριο ακυρώθηκε, επειδή κάποια οφειλή του εξοφλήθηκε αλλιώς, διορθώθηκε ή ακυρώθηκε· ο κωδικός RF του δεν δέχεται πληρωμή. Για ό,τι μένει, φτιάξτε νέο ειδοποιητήριο από τις οφειλές σας.", en: "This notice was cancelled because one of its debts was paid otherwise, corrected or cancelled; its RF code takes no payment. For what remains, make a new notice from your debts." }
    NoticeCreated { el: "Το ειδοποιητήριο εκδόθηκε. Πληρώστε το με κάρτα ή από την τράπεζά σας με τον κωδικό RF.", en: "The notice has been issued. Pay it by card, or at your bank with the RF code." }
    NoticePayByBank { el: "Πληρωμή από οποιαδήποτε τράπεζα", en: "Pay at any bank" }
    NoticePayByBankHint { el: "Στο e-banking ή στην εφαρμογή της τράπεζάς σας επιλέξτε πληρωμή με κωδικό RF και γράψτε τον κωδικό, ή σαρώστε τον κωδικό QR. Το ποσό πρέπει να είναι ακριβώς το ποσό πληρωμής.", en: "In your bank's e-banking or app choose payment with an RF code and type the code, or scan the QR code. Pay exactly the amount to pay." }
    NoticeBeneficiary { el: "Δικαιούχος", en: "Beneficiary" }
    NoticeQrAlt { el: "Κωδικός QR πληρωμής (EPC) για την εφαρμογή της τράπεζάς σας", en: "Payment QR code (EPC) for your bank's app" }
    NoticePdf { el: "Λήψη του ειδοποιητηρίου σε PDF", en: "Download the notice as a PDF" }
    NoticePayByCardTitle { el: "Πληρωμή με κάρτα", en: "Pay by card" }
    NoticeMakeButton { el: "Νέο ειδοποιητήριο με τις επιλεγμένες", en: "New notice for the chosen debts" }
    NoticeMakeHint { el: "Ή φτιάξτε ειδοποιητήριο με κωδικό RF για τις επιλεγμένες οφειλές, για να το πληρώσετε από την τράπεζα. Ένα παλαιότερο ειδοποιητήριο για κάποια από αυτές αντικαθίσταται.", en: "Or make a notice with an RF code for the chosen debts, to pay at a bank. An older notice for any of them is replaced." }
    NoticeStaffMake { el: "Ειδοποιητήριο για τις επιλεγμένες οφειλές", en: "Notice for the chosen debts" }
    FeesTitle { el: "Παράβολα", en: "Fees" }
    FeesIntro { el: "Εκδώστε παράβολο για αίτηση, πιστοποιητικό ή άδεια: γίνεται οφειλή σας και ειδοποιητήριο με κωδικό RF, που πληρώνεται με κάρτα ή σε οποιαδήποτε τράπεζα.", en: "Issue a fee for an application, certificate or permit: it becomes a debt of yours and a notice with an RF code, paid by card or at any bank." }
    FeesNone { el: "Δεν υπάρχουν παράβολα αυτή τη στιγμή.", en: "There are no fees at the moment." }
    FeeChoose { el: "Ποιο παράβολο", en: "Which fee" }
    FeeIssueButton { el: "Έκδοση παραβόλου", en: "Issue the fee" }
    FeeCatalogueTitle { el: "Κατάλογος παραβόλων", en: "Fee catalogue" }
    FeeCatalogueIntro { el: "Κάθε αλλαγή ποσού ή ονομασίας είναι νέα έκδοση από μια ημέρα· τα παράβολα που εκδόθηκαν κρατούν το ποσό της ημέρας τους.", en: "Every change of amount or name is a new version from a day; fees already issued keep the amount of their day." }
    FeeAddTitle { el: "Νέο παράβολο ή νέα έκδοση", en: "New fee or new version" }
    FeeAddButton { el: "Αποθήκευση", en: "Save" }
    FeeCodeHint { el: "Λατινικά πεζά, ψηφία και _ (π.χ. registry_certificate). Ίδιος κωδικός: νέα έκδοση του ίδιου παραβόλου.", en: "Latin lower-case letters, digits and _ (e.g. registry_certificate). The same code: a new version of that fee." }
    FeeAmount { el: "Ποσό σε ευρώ", en: "Amount in euros" }
    FeeAmountHint { el: "Π.χ. 12,50", en: "E.g. 12.50" }
    FeeValidFrom { el: "Ισχύει από", en: "In force from" }
    FeeActive { el: "Σε ισχύ", en: "In force" }
    FeeWithdrawn { el: "Καταργείται", en: "Withdrawn" }
    FeeWithdrawFromDay { el: "Κατάργηση του παραβόλου από αυτή την ημέρα", en: "Withdraw this fee from that day" }
    ErrNoticesOff { el: "Τα ειδοποιητήρια με κωδικό RF δεν είναι ακόμη διαθέσιμα σε αυτόν τον δήμο. Πληρώστε τις οφειλές σας με κάρτα από τις οφειλές σας.", en: "Notices with an RF code are not available at this municipality yet. Pay your debts by card from your debts page." }
    ErrChooseNoticeDebts { el: "Σημειώστε τουλάχιστον μία οφειλή για το ειδοποιητήριο.", en: "Tick at least one debt for the notice." }
    ErrTooManyNoticeDebts { el: "Ένα ειδοποιητήριο έχει έως 100 οφειλές· επιλέξτε λιγότερες.", en: "One notice holds up to 100 debts; choose fewer." }
    ErrNoticeConflict { el: "Μόλις εκδόθηκε άλλο ειδοποιητήριο για κάποια από αυτές τις οφειλές. Δείτε τα ειδοποιητήριά σας ή δοκιμάστε ξανά.", en: "Another notice was just issued for one of these debts. See your notices, or try again." }
    ErrChooseFee { el: "Επιλέξτε ένα από τα παράβολα της λίστας.", en: "Choose one of the fees in the list." }
    ErrFeeAmount { el: "Γράψτε ποσό από 0,01 έως 1.000.000 ευρώ, π.χ. 12,50.", en: "Enter an amount from 0.01 to 1,000,000 euros, e.g. 12.50." }
    ErrFeeVersionExists { el: "Το παράβολο έχει ήδη έκδοση από αυτή την ημέρα· επιλέξτε άλλη ημέρα.", en: "This fee already has a version from that day; choose another day." }
    MenuFees { el: "Παράβολα", en: "Fees" }
    StaffFeesLink { el: "Κατάλογος παραβόλων: ποσά ανά ημέρα ισχύος", en: "Fee catalogue: amounts by the day they are in force" }
    ImportRf { el: "Ο κωδικός RF δεν είναι έγκυρος (RF, δύο ψηφία ελέγχου και έως 21 γράμματα ή ψηφία)", en: "The RF code is not valid (RF, two check digits and up to 21 letters or digits)" }
    ImportRfTaken { el: "Ο κωδικός RF ανήκει ήδη σε άλλο ειδοποιητήριο", en: "The RF code already belongs to another notice" }
    ImportUnknownDebt { el: "Οφειλή που δεν υπάρχει στο μητρώο για αυτόν τον ΑΦΜ", en: "A debt that is not in the register for this VAT number" }
    ImportDebtClosed { el: "Οφειλή του ειδοποιητηρίου έχει εξοφληθεί, ακυρωθεί ή ρυθμιστεί", en: "A debt on the notice is paid, cancelled or in a settlement plan" }
    MenuBank { el: "Τράπεζα", en: "Bank" }
    StaffBankLink { el: "Τράπεζα: αρχεία κινήσεων (camt.054) και ουρά συμφωνίας", en: "Bank: account notification files (camt.054) and the reconciliation queue" }
    BankTitle { el: "Πληρωμές μέσω τράπεζας", en: "Payments through the bank" }
    BankIntro { el: "Ανεβάστε το αρχείο κινήσεων της τράπεζας (ISO 20022 camt.054). Κάθε έμβασμα με κωδικό RF ειδοποιητηρίου και ακριβές ποσό, εντός προθεσμίας, εξοφλεί το ειδοποιητήριο αμέσως: εκδίδεται απόδειξη και στέλνεται στον οφειλέτη. Τα υπόλοιπα μπαίνουν στην ουρά, με τον λόγο. Το ίδιο αρχείο ξανά δεν αλλάζει τίποτα.", en: "Upload the bank's account notification file (ISO 20022 camt.054). Each transfer quoting a notice's RF code with the exact amount, in time, pays the notice at once: a receipt is issued and sent to the debtor. The rest go to the queue, with the reason. The same file again changes nothing." }
    BankFile { el: "Αρχείο camt.054 (XML)", en: "camt.054 file (XML)" }
    BankImportButton { el: "Εισαγωγή", en: "Import" }
    BankQueueTitle { el: "Ουρά συμφωνίας", en: "Reconciliation queue" }
    BankQueueEmpty { el: "Κανένα έμβασμα δεν περιμένει.", en: "No transfer is waiting." }
    BankBooked { el: "Ημερομηνία λογιστικοποίησης", en: "Booked on" }
    BankPayer { el: "Εντολέας", en: "Payer" }
    BankFileTitle { el: "Αρχείο τράπεζας", en: "Bank file" }
    BankFileTransfers { el: "Εμβάσματα στο αρχείο", en: "Transfers in the file" }
    BankFilePaid { el: "Εξόφλησαν ειδοποιητήριο", en: "Paid a notice" }
    BankFileQueued { el: "Στην ουρά", en: "Queued" }
    BankFileKnown { el: "Ήταν ήδη καταχωρισμένα", en: "Recorded already" }
    QueueUnknownRf { el: "Ο κωδικός RF δεν αντιστοιχεί σε ειδοποιητήριο", en: "The RF code names no notice" }
    QueueMalformedRf { el: "Χωρίς έγκυρο κωδικό RF", en: "No valid RF code" }
    QueueAlreadyPaid { el: "Το ειδοποιητήριο είχε ήδη πληρωθεί (διπλή πληρωμή)", en: "The notice was paid already (paid twice)" }
    QueueExpired { el: "Πληρώθηκε μετά την προθεσμία του ειδοποιητηρίου", en: "Paid after the notice's date" }
    QueueReplaced { el: "Το ειδοποιητήριο είχε αντικατασταθεί", en: "The notice had been replaced" }
    QueueCancelled { el: "Το ειδοποιητήριο είχε ακυρωθεί", en: "The notice had been cancelled" }
    QueueShort { el: "Ποσό μικρότερο του ειδοποιητηρίου", en: "Less than the notice's amount" }
    QueueOver { el: "Ποσό μεγαλύτερο του ειδοποιητηρίου", en: "More than the notice's amount" }
    QueueNotEuro { el: "Νόμισμα άλλο από ευρώ", en: "A currency other than euro" }
    QueueReversal { el: "Αντιλογισμός της τράπεζας", en: "A reversal by the bank" }
    QueueDebit { el: "Χρέωση του λογαριασμού, όχι πληρωμή", en: "A debit of the account, not a payment" }
    ErrBankFileXml { el: "Το αρχείο δεν είναι έγκυρο XML (κοντά στο byte {position}). Ζητήστε το ξανά από την τράπεζα· δεν καταχωρίστηκε τίποτα.", en: "The file is not valid XML (near byte {position}). Ask the bank for it again; nothing was recorded." }
    ErrBankFileTruncated { el: "Το αρχείο είναι κομμένο (τελειώνει πριν κλείσουν τα στοιχεία του). Κατεβάστε το ξανά· δεν καταχωρίστηκε τίποτα.", en: "The file is cut short (it ends before its elements close). Download it again; nothing was recorded." }
    ErrBankFileNotCamt { el: "Το αρχείο δεν είναι ειδοποίηση κινήσεων camt.054. Επιλέξτε το αρχείο camt.054 της τράπεζας· δεν καταχωρίστηκε τίποτα.", en: "The file is not a camt.054 notification. Choose the bank's camt.054 file; nothing was recorded." }
    ErrBankFileEntry { el: "Η κίνηση {entry} του αρχείου δεν έχει ποσό, ένδειξη πίστωσης/χρέωσης ή αναφορά τράπεζας, ή το ποσό της δεν διαβάζεται. Ζητήστε το αρχείο ξανά· δεν καταχωρίστηκε τίποτα.", en: "Entry {entry} of the file has no amount, credit/debit indicator or bank reference, or its amount does not read. Ask for the file again; nothing was recorded." }
    ReceiptMethodBankTransfer { el: "Έμβασμα με κωδικό RF", en: "Bank transfer with an RF code" }
    ReceiptMethodPos { el: "Κάρτα στο ταμείο (POS)", en: "Card at the cash desk (POS)" }
    CounterTitle { el: "Πληρωμή στο ταμείο", en: "Payment at the cash desk" }
    CounterIntro { el: "Χρεώστε το ποσό πληρωμής στην κάρτα του οφειλέτη στο τερματικό POS και καταχωρίστε τον κωδικό έγκρισης που τυπώνει. Η απόδειξη εκδίδεται και στέλνεται στον οφειλέτη.", en: "Charge the amount to pay to the debtor's card on the POS terminal and enter the approval code it prints. The receipt is issued and sent to the debtor." }
    CounterAuthCode { el: "Κωδικός έγκρισης POS", en: "POS approval code" }
    CounterAuthCodeHint { el: "4 έως 12 λατινικά γράμματα ή ψηφία, όπως στην απόδειξη του τερματικού.", en: "4 to 12 Latin letters or digits, as on the terminal's slip." }
    CounterButton { el: "Καταχώριση πληρωμής με κάρτα στο ταμείο", en: "Record the card payment at the cash desk" }
    ErrAuthCode { el: "Γράψτε τον κωδικό έγκρισης του τερματικού: 4 έως 12 λατινικά γράμματα ή ψηφία.", en: "Enter the terminal's approval code: 4 to 12 Latin letters or digits." }
    ErrNoticeNotPayable { el: "Το ειδοποιητήριο δεν δέχεται πια πληρωμή (πληρώθηκε, αντικαταστάθηκε ή έληξε). Ανανεώστε τη σελίδα· αν χρειάζεται, εκδώστε νέο από την καρτέλα του οφειλέτη.", en: "The notice no longer takes payment (paid, replaced or expired). Reload the page; if needed, issue a new one from the debtor's card." }
    BankTransferTitle { el: "Έμβασμα στην ουρά", en: "Queued transfer" }
    BankTransferState { el: "Κατάσταση", en: "State" }
    TransferStatePaid { el: "Εξόφλησε το ειδοποιητήριό του", en: "Paid its notice" }
    TransferStateQueued { el: "Περιμένει τον ταμία", en: "Waiting for the cashier" }
    TransferStateResolved { el: "Διευθετήθηκε", en: "Resolved" }
    ResolutionAssigned { el: "Εξόφλησε οφειλές", en: "Paid debts" }
    ResolutionPartial { el: "Μερική πληρωμή οφειλής", en: "Part payment of a debt" }
    ResolutionRefund { el: "Για επιστροφή στον καταθέτη", en: "To be refunded to the payer" }
    ResolutionDismissed { el: "Τέθηκε στο αρχείο (δεν μπήκαν χρήματα)", en: "Set aside (no money came in)" }
    BankDebtorTitle { el: "Σε ποιον οφειλέτη αντιστοιχεί", en: "Whose debts it pays" }
    BankShowDebts { el: "Εμφάνιση οφειλών", en: "Show the debts" }
    BankDebtsHint { el: "Τα ποσά είναι όσα όφειλε κάθε οφειλή την ημέρα που η τράπεζα καταχώρισε το έμβασμα.", en: "Each amount is what the debt owed on the day the bank booked the transfer." }
    BankNoDebts { el: "Ο οφειλέτης δεν έχει οφειλές προς πληρωμή.", en: "This debtor has no debts to pay." }
    BankAssignButton { el: "Εξόφληση των επιλεγμένων οφειλών", en: "Pay the chosen debts in full" }
    BankPartButton { el: "Μερική πληρωμή της επιλεγμένης οφειλής", en: "Part payment of the chosen debt" }
    BankRefundButton { el: "Σήμανση για επιστροφή", en: "Mark for refund" }
    BankDismissButton { el: "Θέση στο αρχείο", en: "Set aside" }
    BankHistory { el: "Ιστορικό", en: "History" }
    ErrBankMismatch { el: "Οι επιλεγμένες οφειλές όφειλαν {owed} την ημέρα του εμβάσματος· το έμβασμα είναι {amount}. Επιλέξτε οφειλές που αθροίζουν στο ποσό του, καταχωρίστε μερική πληρωμή μίας οφειλής ή σημάνετέ το για επιστροφή.", en: "The chosen debts owed {owed} on the day of the transfer; the transfer is {amount}. Choose debts that add up to it, record a part payment of one debt, or mark it for refund." }
    ErrBankNotLess { el: "Η επιλεγμένη οφειλή όφειλε {owed}, όχι περισσότερα από το έμβασμα ({amount}). Εξοφλήστε την ολόκληρη αντί για μερική πληρωμή.", en: "The chosen debt owed {owed}, not more than the transfer ({amount}). Pay it in full instead of a part payment." }
    ErrChooseOneDebt { el: "Για μερική πληρωμή επιλέξτε ακριβώς μία οφειλή.", en: "For a part payment choose exactly one debt." }
    ErrBankResolved { el: "Το έμβασμα έχει ήδη διευθετηθεί (δείτε το ιστορικό του).", en: "This transfer has been resolved already (see its history)." }
    ErrBankNotAllowed { el: "Αυτή η ενέργεια δεν επιτρέπεται για αυτό το έμβασμα.", en: "This cannot be done with this transfer." }
    BankOutcome { el: "Διευθέτηση", en: "Outcome" }
    MailNoticeSubject { el: "Ειδοποιητήριο πληρωμής {number} — {municipality}", en: "Payment notice {number} — {municipality}" }
    MailNoticeBody { el: "{name},\n\nσας στέλνουμε το ειδοποιητήριο πληρωμής των οφειλών σας προς τον {municipality} (συνημμένο PDF).\n\nΠοσό: {amount}\nΚωδικός πληρωμής RF: {rf}\nΠληρωμή έως: {pay_by}\n\nΠληρώστε από οποιαδήποτε τράπεζα (web banking, εφαρμογή ή κατάστημα) με τον κωδικό RF ή σκανάροντας τον κωδικό QR του PDF, ή με κάρτα στη διεύθυνση:\n{link}\n\nΑν έχετε ήδη πληρώσει, αγνοήστε αυτό το μήνυμα.\n", en: "{name},\n\nplease find attached the payment notice of your debts to {municipality} (PDF).\n\nAmount: {amount}\nRF payment code: {rf}\nPay by: {pay_by}\n\nPay through any bank (web banking, app or branch) with the RF code or by scanning the PDF's QR code, or by card at:\n{link}\n\nIf you have paid already, please ignore this message.\n" }
    CampaignsTitle { el: "Αποστολή ειδοποιητηρίων με e-mail", en: "Notices by e-mail" }
    CampaignsIntro { el: "Στείλτε σε κάθε οφειλέτη με ανοιχτές οφειλές το ειδοποιητήριό του (PDF με κωδικό RF και QR) στο e-mail του. Όποιος έχει ήδη ενεργό ειδοποιητήριο για αυτές τις οφειλές λαμβάνει αυτό· αλλιώς εκδίδεται νέο. Κανείς δεν λαμβάνει δεύτερο μήνυμα από την ίδια αποστολή.", en: "E-mail every debtor with open debts their notice (a PDF with its RF code and QR code). A debtor who has a live notice for those debts gets that one; otherwise a new one is issued. Nobody gets a second message from the same campaign." }
    CampaignNewTitle { el: "Νέα αποστολή", en: "New campaign" }
    CampaignAllCategories { el: "Όλες οι κατηγορίες", en: "All categories" }
    CampaignStartHint { el: "Η αποστολή γίνεται στο παρασκήνιο, με τον ρυθμό που επιτρέπει ο πάροχος e-mail· μπορείτε να κλείσετε τη σελίδα και να επιστρέψετε.", en: "It runs in the background at the rate the mail provider allows; you may close this page and come back." }
    CampaignStartButton { el: "Έναρξη αποστολής", en: "Start the campaign" }
    CampaignsListTitle { el: "Αποστολές", en: "Campaigns" }
    CampaignNone { el: "Δεν έχει γίνει ακόμη αποστολή.", en: "No campaign yet." }
    CampaignTitle { el: "Αποστολή ειδοποιητηρίων", en: "Notice campaign" }
    CampaignStarted { el: "Έναρξη", en: "Started" }
    CampaignTotal { el: "Οφειλέτες", en: "Debtors" }
    CampaignProgress { el: "Πρόοδος", en: "Progress" }
    CampaignProgressText { el: "{handled} από {total} οφειλέτες ({percent}%)", en: "{handled} of {total} debtors ({percent}%)" }
    CampaignQueued { el: "Σε αναμονή", en: "Waiting" }
    CampaignSent { el: "Στάλθηκαν", en: "Sent" }
    CampaignFailed { el: "Απέτυχαν", en: "Failed" }
    CampaignNoEmail { el: "Χωρίς e-mail", en: "No e-mail address" }
    CampaignRefresh { el: "Ανανέωση προόδου", en: "Refresh the progress" }
    CampaignStopButton { el: "Διακοπή αποστολής", en: "Stop the campaign" }
    CampaignResumeButton { el: "Συνέχιση αποστολής", en: "Resume the campaign" }
    CampaignFailuresExport { el: "Λήψη των αποτυχιών και όσων δεν έχουν e-mail (CSV)", en: "Download the failures and debtors without e-mail (CSV)" }
    CampaignStateRunning { el: "Σε εξέλιξη", en: "Running" }
    CampaignStateStopping { el: "Διακόπτεται", en: "Stopping" }
    CampaignStateStopped { el: "Διακόπηκε", en: "Stopped" }
    CampaignStateDone { el: "Ολοκληρώθηκε", en: "Done" }
    ErrCampaignRunning { el: "Άλλη αποστολή είναι σε εξέλιξη. Περιμένετε να τελειώσει ή διακόψτε την πρώτα.", en: "Another campaign is running. Wait for it to finish or stop it first." }
    MenuCampaigns { el: "Αποστολές", en: "Campaigns" }
    StaffCampaignsLink { el: "Αποστολές: ειδοποιητήρια με e-mail σε όλους τους οφειλέτες", en: "Campaigns: notices by e-mail to every debtor" }
    TaxisnetHeading { el: "Κωδικοί TAXISnet", en: "TAXISnet codes" }
    LoginTaxisnetHint { el: "Με τους κωδικούς σας στο TAXISnet της ΑΑΔΕ. Το ΑΦΜ σας επαληθεύεται αμέσως, χωρίς επίσκεψη στο δημαρχείο.", en: "With your codes for the tax authority's TAXISnet. Your tax number is verified at once, with no visit to the town hall." }
    LoginTaxisnetButton { el: "Είσοδος με κωδικούς TAXISnet", en: "Sign in with TAXISnet codes" }
    LoginWithPassword { el: "Ή με e-mail και κωδικό", en: "Or with e-mail and password" }
    TaxisnetLinked { el: "Το TAXISnet συνδέθηκε με τον λογαριασμό σας. Το ΑΦΜ σας είναι πλέον επαληθευμένο.", en: "TAXISnet is now linked to your account. Your tax number is verified." }
    TaxisnetCancelled { el: "Ακυρώσατε την είσοδο στο TAXISnet. Δεν άλλαξε τίποτα· μπορείτε να δοκιμάσετε ξανά ή να συνδεθείτε με e-mail και κωδικό.", en: "You cancelled at TAXISnet. Nothing changed; you can try again or sign in with e-mail and password." }
    TaxisnetExpired { el: "Η είσοδος με TAXISnet έληξε ή ξεκίνησε σε άλλο πρόγραμμα περιήγησης. Πατήστε ξανά «Είσοδος με κωδικούς TAXISnet».", en: "The TAXISnet sign-in expired or was started in another browser. Press \"Sign in with TAXISnet codes\" again." }
    TaxisnetUnavailable { el: "Το TAXISnet δεν απαντά αυτή τη στιγμή. Δεν άλλαξε τίποτα· δοκιμάστε ξανά σε λίγα λεπτά.", en: "TAXISnet is not answering right now. Nothing changed; try again in a few minutes." }
    TaxisnetRefused { el: "Το TAXISnet δεν δέχτηκε το αίτημα (ίσως άργησε η επιστροφή). Δεν άλλαξε τίποτα· δοκιμάστε ξανά.", en: "TAXISnet refused the request (perhaps the return took too long). Nothing changed; try again." }
    TaxisnetInvalid { el: "Το TAXISnet δεν έστειλε πλήρη ή έγκυρα στοιχεία (ΑΦΜ, ονοματεπώνυμο). Δεν άλλαξε τίποτα· αν επαναληφθεί, επικοινωνήστε με τον δήμο.", en: "TAXISnet did not send complete or valid details (tax number, name). Nothing changed; if it happens again, contact the municipality." }
    TaxisnetAfmTaken { el: "Άλλος λογαριασμός έχει ήδη επαληθευμένο αυτό το ΑΦΜ. Συνδεθείτε σε εκείνον με e-mail και κωδικό και συνδέστε το TAXISnet από τη σελίδα «Ο λογαριασμός μου». Αν δεν είναι δικός σας, επικοινωνήστε με τον δήμο.", en: "Another account already holds this tax number verified. Sign in to that one with e-mail and password and link TAXISnet from \"My account\". If it is not yours, contact the municipality." }
    TaxisnetLinkedElsewhere { el: "Αυτοί οι κωδικοί TAXISnet είναι ήδη συνδεδεμένοι με άλλον λογαριασμό. Δεν άλλαξε τίποτα· συνδεθείτε σε εκείνον ή επικοινωνήστε με τον δήμο.", en: "These TAXISnet codes are linked to another account already. Nothing changed; sign in to that one or contact the municipality." }
    TaxisnetAfmDiffers { el: "Ο λογαριασμός σας έχει άλλο επαληθευμένο ΑΦΜ από αυτό που βεβαίωσε το TAXISnet. Δεν άλλαξε τίποτα· επικοινωνήστε με τον δήμο αν το ΑΦΜ του λογαριασμού είναι λάθος.", en: "Your account holds a different verified tax number from the one TAXISnet proved. Nothing changed; contact the municipality if your account's tax number is wrong." }
    TaxisnetLinkedText { el: "Ο λογαριασμός σας είναι συνδεδεμένος με το TAXISnet: μπορείτε να συνδέεστε με τους κωδικούς σας και το ΑΦΜ σας είναι επαληθευμένο.", en: "Your account is linked to TAXISnet: you can sign in with your codes, and your tax number is verified." }
    TaxisnetLinkIntro { el: "Συνδέστε τους κωδικούς σας TAXISnet: το ΑΦΜ σας επαληθεύεται αμέσως, χωρίς επίσκεψη στο δημαρχείο, και μπορείτε να συνδέεστε και με αυτούς.", en: "Link your TAXISnet codes: your tax number is verified at once, with no visit to the town hall, and you can sign in with them too." }
    TaxisnetLinkButton { el: "Σύνδεση με TAXISnet", en: "Link TAXISnet" }
    TaxisnetWelcomeTitle { el: "Ολοκλήρωση εγγραφής", en: "Finish creating your account" }
    TaxisnetWelcomeIntro { el: "Το TAXISnet βεβαίωσε ότι είστε {name}, με ΑΦΜ {afm}. Δώστε τη διεύθυνση e-mail σας: εκεί θα λάβετε τον σύνδεσμο ενεργοποίησης και τις ειδοποιήσεις του δήμου.", en: "TAXISnet confirmed you are {name}, tax number {afm}. Give your e-mail address: the activation link and the municipality's notices will go there." }
    TaxisnetEmailHint { el: "Το TAXISnet δεν μας δίνει e-mail. Θα σας στείλουμε σύνδεσμο επιβεβαίωσης.", en: "TAXISnet does not give us an e-mail address. We will send you a confirmation link." }
    TaxisnetWelcomeButton { el: "Δημιουργία λογαριασμού", en: "Create the account" }
    ErrTaxisnetPendingGone { el: "Η είσοδος με TAXISnet έληξε ή δεν ξεκίνησε από αυτό το πρόγραμμα περιήγησης. Ξεκινήστε ξανά από τη σελίδα εισόδου.", en: "The TAXISnet sign-in expired or was not started in this browser. Start again from the sign-in page." }
    MailTaxisnetEmailTakenBody { el: "Κάποιος που συνδέθηκε με κωδικούς TAXISnet ζήτησε νέο λογαριασμό με αυτό το e-mail, που έχει ήδη λογαριασμό. Αν ήσασταν εσείς, συνδεθείτε με τον κωδικό σας και πατήστε «Σύνδεση με TAXISnet» στη σελίδα:\n\n{link}\n\nΑλλιώς αγνοήστε αυτό το μήνυμα.\n", en: "Someone who signed in with TAXISnet codes asked for a new account with this e-mail, which already has one. If it was you, sign in with your password and press \"Link TAXISnet\" on this page:\n\n{link}\n\nOtherwise ignore this message.\n" }
    ErrTaxisnetEmailTakenMeanwhile { el: "Στο μεταξύ δημιουργήθηκε λογαριασμός με αυτό το e-mail. Συνδεθείτε σε εκείνον και πατήστε «Σύνδεση με TAXISnet» στη σελίδα «Ο λογαριασμός μου».", en: "Meanwhile an account was created with this e-mail. Sign in to it and press \"Link TAXISnet\" on \"My account\"." }
}
