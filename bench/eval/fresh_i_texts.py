"""Hand-written course texts and profile wordings for held-out benchmark variant i.

Written on 2026-12-01, before that session's ranking changes (price and
credit scored by relevance), and never measured during tuning. Written apart
from :mod:`bench.eval.fresh_texts`, :mod:`bench.eval.fresh_h_texts` and
:mod:`bench.eval.build_texts`, without looking at data/vocabulary.yml or at
any ranking: no title, sentence or profile wording is shared with them
(tests/recommender/test_held_out.py checks titles, wordings and long word
runs; five profile wordings respell earlier ones, such as "efile"). First
measured at 0.598, then used to find reading fixes: no longer held out.

In the manner of real listings (NALA, NFPA, NALS, AAPI, Clio, NBI, Lorman,
PLI, the Orange County Paralegal Association, the State Bar of Texas
Paralegal Division): provider framings of the title, some titles that name
no subject plainly ("Nobody Told Me About the Tickler"), descriptions padded
with an agenda, speaker notes and credit boilerplate. Each course is
``(title, description, topics)``: ``topics`` are the subjects it honestly
teaches (one or two), judged from the text when it was written, never from
what the recommender returns. Variant i uses every course and wording here.
"""

from __future__ import annotations

#: The same topics and kinds as variants f, g and h, so grading works the same.
from bench.eval.fresh_texts import KINDS

__all__ = ["ASKED", "BOILERPLATE", "COURSES", "FRAMES", "KINDS"]

#: What paralegals type in a profile, per topic, as they type it: shorthand,
#: abbreviations, misspellings, a slash or an ampersand.
ASKED = {
    "ediscovery": ["ediscovery/ESI", "e-disco", "privlege log prep",
                   "review platforms (relativity etc)"],
    "medical_records": ["reviewing med records", "medical record chronos",
                        "ER & hospital records", "medical reccords"],
    "legal_research": ["caselaw searching", "researh", "50-state surveys",
                       "research on westlaw edge"],
    "legal_writing": ["writing discovery requests", "writting", "drafting memos",
                      "persuasive writing"],
    "docketing": ["docket/calendar", "deadlines & ticklers", "docketing apps",
                  "appellate deadlines"],
    "efiling": ["PACER/ECF", "efile", "e-filing rejections", "efiling in TX"],
    "trial": ["trial", "trail prep", "helping at trial", "trial tech (oncue)"],
    "depositions": ["depos", "depo summarys", "zoom depositions",
                    "prepping for depos"],
    "investigation": ["finding ppl", "open records requests", "investigaton",
                      "social media digging"],
    "contracts": ["contract stuff", "k review", "agreemnts", "MSAs and SOWs"],
    "client": ["client relations/intake", "difficult clients", "cleint updates",
               "client service skills"],
    "billing": ["billing/invoices", "LEDES", "trust acct", "bililng narratives"],
    "personal_injury": ["PI demands", "auto/PI", "personal injry",
                        "UM/UIM claims"],
    "med_mal": ["medical mal", "med malpractice", "nursing home neglect",
                "medmal defense"],
    "estate": ["probate/estates", "estate plan docs", "estates & trusts",
               "estate administation"],
    "family": ["fam law/divorce", "custdy", "divorce & custody",
               "child support calcs"],
    "bankruptcy": ["ch13", "BK petitions", "bankrupcty", "chapter 7 & 13"],
    "immigration": ["immigration forms", "H1B", "green card cases",
                    "immigation law"],
    "ip": ["patents/trademarks", "TM prosecution", "intellectual prop",
           "IP docketing"],
    "employment": ["labor & employment", "emplyment law", "wage/hour",
                   "employment cases"],
    "real_estate": ["real estate/title", "RE transactions", "evictions",
                    "real-estate closings"],
    "corporate": ["corporate/entities", "corprate", "M&A due diligence",
                  "corporate filings"],
    "criminal": ["criminal defense work", "expungements", "crimnal",
                 "criminal law/DUI"],
    "workers_comp": ["workers comp claims", "work comp/WC", "workers compensaton",
                     "w/c"],
    "elder": ["elder law/guardianship", "eldercare", "elder abuse",
              "guardianships & conservatorships"],
}  # fmt: skip

#: topic -> courses (title, description, topics)
COURSES = {
    "ediscovery": [
        ("Texts, Slack and Teams: Collecting Chat Data Without Losing It",
         "Modern disputes turn on short messages. This session covers where "
         "chat data is stored on phones and in cloud workspaces, self-collection "
         "risks, working with a forensic vendor, threading conversations for "
         "review and producing messages in a usable format. Agenda: 1) mobile "
         "devices; 2) enterprise chat exports; 3) review and production.",
         ("ediscovery",)),
        ("Privilege Logs the Other Side Can't Pick Apart",
         "What a log entry must say, categorical logs versus document-by-document "
         "entries, email families and attachments, redaction logs, and the "
         "clawback order that protects an accidental production. Includes a "
         "sample log and a short quiz.", ("ediscovery",)),
        ("Before the Rule 26(f) Conference: ESI Protocols in Practice",
         "Paralegals increasingly draft the first version of the ESI protocol. "
         "We walk through custodians and date ranges, search terms and hit "
         "reports, technology-assisted review language, metadata fields and "
         "production formats, and the negotiation points that come up at the "
         "conference.", ("ediscovery",)),
    ],
    "medical_records": [
        ("Triage to Discharge: Reading the Emergency Department Chart",
         "An emergency visit leaves a trail of triage notes, physician orders, "
         "nursing assessments and imaging requests. Our speaker, a former ER "
         "nurse, shows how the pieces fit together and which entries matter "
         "most when the visit is the start of a claim.", ("medical_records",)),
        ("CPT, ICD-10 and the UB-04: Making Sense of Medical Bills",
         "Itemized hospital bills and physician statements use codes that tell "
         "you what was done and why. Learn to read procedure and diagnosis "
         "codes, spot duplicate charges and reconcile bills against the "
         "treatment records.", ("medical_records",)),
        ("Imaging and Lab Results for the Non-Clinician",
         "Radiology impressions, MRI findings, blood panels and pathology "
         "reports explained in plain English, with practice summarizing each "
         "into a treatment timeline the attorney can use.",
         ("medical_records",)),
    ],
    "legal_research": [
        ("Fifty-State Surveys on a Deadline",
         "The partner needs the rule in every state by Friday. A method for "
         "building a multistate chart: starting from existing surveys, choosing "
         "search terms that travel across jurisdictions, verifying each entry "
         "against the primary source, and noting when a state has no answer.",
         ("legal_research",)),
        ("Terms and Connectors, Filters and Folders on the Big Platforms",
         "Sharpen database searching: proximity connectors, root expanders, "
         "field restrictions, jurisdiction and date filters, and saving results "
         "into folders with notes. Comparison of Westlaw Precision and Lexis+ "
         "features paralegals use every day.", ("legal_research",)),
        ("Research on a Shoestring: Free Court Sites and Public Databases",
         "Not every office pays for a premium service. Find opinions, statutes, "
         "regulations and dockets on court websites, Google Scholar, "
         "CourtListener and state legislature sites, and know when a free "
         "result needs checking.", ("legal_research",)),
    ],
    "legal_writing": [
        ("The Persuasive Paragraph: Headings, Topic Sentences and Transitions",
         "Small structural choices make a brief easier to follow. This writing "
         "workshop covers point headings, opening each paragraph with its "
         "conclusion, transitions between arguments and trimming "
         "throat-clearing phrases. Participants revise a sample brief section "
         "during the program.", ("legal_writing",)),
        ("Interrogatories and Requests for Admission That Can't Be Dodged",
         "Drafting written discovery that gets real answers: definitions and "
         "instructions, one fact per request, avoiding compound questions, and "
         "follow-up letters when responses are evasive.", ("legal_writing",)),
        ("Writing for the Client Who Isn't a Lawyer",
         "Plain-language summaries of court orders, status letters and "
         "settlement explanations. Covers reading level, avoiding jargon, "
         "layout choices and the sentences clients misread most.",
         ("legal_writing", "client")),
    ],
    "docketing": [
        ("Nobody Told Me About the Tickler",
         "A practical session for paralegals new to litigation support: why "
         "every deadline needs two independent entries, how reminders should "
         "be spaced, how to confirm that a hearing date was actually moved, "
         "and what a malpractice carrier looks for in a firm's calendar "
         "procedures.", ("docketing",)),
        ("Appellate Deadlines Paralegals Miss",
         "The notice of appeal, designation of the record, transcript orders, "
         "briefing schedules and motions for extension in state and federal "
         "appellate courts, with the days counted from each trigger.",
         ("docketing",)),
    ],
    "efiling": [
        ("PACER, CM/ECF and NextGen: A Working Session",
         "Logging in after the NextGen upgrade, linking accounts, choosing the "
         "right event, attaching exhibits, paying fees and reading the notice "
         "of electronic filing. Time for questions from the audience.",
         ("efiling",)),
        ("Why Was My Filing Rejected?",
         "The clerks' most common reasons for returning an electronic filing in "
         "state court: wrong case category, missing proposed order, unsearchable "
         "PDFs, lead document problems and fee errors, and how to resubmit "
         "without losing the filing date.", ("efiling",)),
    ],
    "trial": [
        ("Strike Charts, Juror Questionnaires and Voir Dire Support",
         "What the paralegal does during jury selection: preparing and "
         "tabulating questionnaires, keeping the strike chart, tracking "
         "for-cause challenges and taking notes on juror answers for the trial "
         "team.", ("trial",)),
        ("Exhibit Lists, Pretrial Orders and Motions in Limine",
         "The weeks before trial are paper-heavy. Learn how to build and "
         "exchange exhibit and witness lists, assemble the joint pretrial "
         "order, and organize motions in limine and the responses.",
         ("trial",)),
        ("The Trial Notebook Revisited",
         "Paper, digital or both? We compare notebook layouts, tabs for each "
         "witness and issue, jury instructions, and keeping the notebook "
         "current as the judge rules during trial.", ("trial",)),
    ],
    "depositions": [
        ("Getting Your Witness Ready for Deposition Day",
         "Preparation sessions for clients and employees who will be deposed: "
         "reviewing documents, explaining the process, mock questioning, and "
         "logistics on the day itself.", ("depositions",)),
        ("Remote and Hybrid Depositions: Platforms, Exhibits and Etiquette",
         "Choosing a video platform, sharing and marking exhibits on screen, "
         "handling objections and breaks online, and what to agree on with "
         "opposing counsel and the reporter in advance.", ("depositions",)),
        ("Expert Depositions: Reports, Files and Fee Invoices",
         "Preparing for the deposition of an expert: collecting the report and "
         "materials considered, prior testimony lists, subpoenas for the "
         "expert's file and paying deposition fees.", ("depositions",)),
    ],
    "investigation": [
        ("Public Records Requests Under Open Records Laws",
         "Drafting requests to police departments, agencies and schools, "
         "response deadlines, fees, exemptions and appeals when a request is "
         "denied or ignored.", ("investigation",)),
        ("Finding, Capturing and Authenticating Social Media Posts",
         "Locating accounts, archiving posts and videos with metadata, ethical "
         "limits on friending a party, and laying the foundation to use the "
         "material as evidence.", ("investigation",)),
        ("The Scene, the Photos and the Statement",
         "Visiting an accident scene, photographing and measuring, locating and "
         "interviewing witnesses, and writing a signed statement that holds up "
         "later.", ("investigation",)),
    ],
    "contracts": [
        ("Boilerplate Is Not Boring: Notice, Assignment and Governing Law",
         "The miscellaneous section at the back of every agreement decides real "
         "disputes. Walk through notice provisions, assignment and change of "
         "control, choice of law and forum, severability and entire-agreement "
         "clauses.", ("contracts",)),
        ("Contract Lifecycle Management for In-House Teams",
         "Intake of requests, templates and clause libraries, approval "
         "workflows, signature tracking, renewal alerts and the reports legal "
         "operations asks for.", ("contracts",)),
        ("NDAs in an Afternoon",
         "Mutual and one-way confidentiality agreements: definitions of "
         "confidential information, exclusions, term, return of materials and "
         "the edits counterparties send back most.", ("contracts",)),
        ("Residential Purchase Agreements and Their Addenda",
         "Reading the purchase contract line by line: earnest money, financing "
         "and inspection contingencies, seller disclosures, closing date "
         "provisions and remedies when a party defaults.",
         ("contracts", "real_estate")),
    ],
    "client": [
        ("Difficult Conversations with Clients in Crisis",
         "Clients call when they are scared or angry. Techniques for listening, "
         "de-escalation, setting boundaries and knowing when to bring in the "
         "attorney.", ("client",)),
        ("Keeping Clients in the Loop: Status Updates and Portals",
         "Scheduled check-ins, portal messages, explaining delays, documenting "
         "every contact, and reducing the 'what is happening with my case' "
         "calls.", ("client",)),
    ],
    "billing": [
        ("LEDES Files, UTBMS Codes and E-Billing Rejections",
         "Submitting invoices through client e-billing portals: LEDES formats, "
         "task and expense codes, rate approvals and fixing invoices the "
         "client's system rejects.", ("billing",)),
        ("Flat Fees, Retainers and the Trust Account",
         "When advance fees go into trust, when they are earned, transferring "
         "funds to operating, and refunding unearned amounts at the end of a "
         "representation.", ("billing",)),
    ],
    "personal_injury": [
        ("Demand Packages That Move Adjusters",
         "Organizing liability facts, treatment summaries, bills and photos "
         "into a settlement demand, choosing the time limit, and following up "
         "with the insurance carrier.", ("personal_injury",)),
        ("Uninsured and Underinsured Motorist Claims",
         "Stacking, consent to settle, notice requirements and arbitration "
         "clauses in UM and UIM coverage after a crash.",
         ("personal_injury",)),
        ("Nine Months After the Crash",
         "Case management for injury files between the last treatment and the "
         "lawsuit: tracking maximum medical improvement, collecting final "
         "bills, resolving health plan liens and calendaring the statute of "
         "limitations.", ("personal_injury",)),
    ],
    "med_mal": [
        ("Standard of Care and the Expert Review",
         "How a malpractice case is screened: assembling the complete record "
         "for the reviewing physician, framing the questions about departures "
         "from care and causation, and working with expert reports.",
         ("med_mal",)),
        ("Nursing Home Neglect: Pressure Injuries, Falls and Staffing",
         "Claims against long-term care facilities: state inspection surveys, "
         "care plans, staffing records, arbitration clauses in admission "
         "agreements and resident rights.", ("med_mal", "elder")),
    ],
    "estate": [
        ("Small Estate Affidavits and Summary Administration",
         "When a full probate is not needed: value limits, waiting periods, "
         "collecting bank accounts and vehicles by affidavit, and the court "
         "forms for a simplified proceeding.", ("estate",)),
        ("Form 706 Prep for the Estate Planning Paralegal",
         "Gathering date-of-death values, appraisals, portability elections "
         "and completing each schedule of the return due nine months after "
         "death.", ("estate",)),
        ("Powers of Attorney and Health Care Directives",
         "Drafting and executing financial powers of attorney, medical "
         "directives and HIPAA releases, and the steps to take when a bank "
         "refuses to honor the document.", ("estate", "elder")),
    ],
    "family": [
        ("Guideline Support Worksheets and Imputed Income",
         "Calculating child support under state guidelines: gross and net "
         "income, self-employment income, imputing income to a parent who is "
         "not working, and deviations.", ("family",)),
        ("Orders of Protection: From Ex Parte Petition to Full Hearing",
         "Domestic violence cases: temporary orders, service on the "
         "respondent, the full hearing, and safety planning for the "
         "petitioner.", ("family",)),
        ("Following the Money in a Contested Divorce",
         "Financial affidavits, subpoenaed bank and retirement statements, "
         "tracing hidden assets and preparing spreadsheets for the property "
         "division.", ("family",)),
    ],
    "bankruptcy": [
        ("Chapter 13 Plans from Filing to Confirmation",
         "Plan payments, treatment of secured and priority claims, trustee "
         "objections, the meeting of creditors and the confirmation hearing.",
         ("bankruptcy",)),
        ("Proofs of Claim for Creditor Clients",
         "Preparing and filing claims, attachments for secured debts, bar "
         "dates, objections to claims and transfers of claims.",
         ("bankruptcy",)),
    ],
    "immigration": [
        ("Family Petitions from Filing to the Consular Interview",
         "The path of a relative petition through USCIS and the National Visa "
         "Center: priority dates, the affidavit of support, civil documents and "
         "preparing the beneficiary for the interview.", ("immigration",)),
        ("H-1B Season for Business Immigration Teams",
         "Registration, the lottery, labor condition applications, petition "
         "packets and keeping employer public access files in order.",
         ("immigration",)),
    ],
    "ip": [
        ("Clearing and Filing a New Brand",
         "Knockout and full trademark searches, choosing filing bases, "
         "identifying goods and services, specimens and watching the "
         "application through examination.", ("ip",)),
        ("Docketing a Patent Portfolio: Maintenance Fees and Foreign Deadlines",
         "PCT national phase dates, annuities, maintenance fee windows and "
         "priority claims, and keeping the IP docket clean when a portfolio "
         "changes hands.", ("ip", "docketing")),
    ],
    "employment": [
        ("Overtime, Exemptions and Timekeeping Records",
         "Wage and hour claims under federal and state law: exempt "
         "classifications, regular rate calculations, collective actions and "
         "the payroll records to request.", ("employment",)),
        ("Separation Agreements and Releases for Departing Employees",
         "Severance terms, release language, age discrimination waiver rules, "
         "confidentiality and non-disparagement provisions.",
         ("employment", "contracts")),
    ],
    "real_estate": [
        ("Title Commitments, Exceptions and Curative Work",
         "Reading Schedule A and B, requirements to clear before closing, old "
         "liens and missing releases, and working with the title examiner.",
         ("real_estate",)),
        ("Landlord-Tenant Evictions from Notice to Writ",
         "Notices to quit, filing the eviction petition, service, the hearing, "
         "judgments for possession and the writ, with tenant defenses to "
         "expect.", ("real_estate",)),
    ],
    "corporate": [
        ("Forming the Entity: Articles, Bylaws and the EIN",
         "Choosing the entity type, filing formation documents, organizational "
         "consents, bylaws, obtaining a tax number and opening the company "
         "bank account.", ("corporate",)),
        ("Annual Reports, Registered Agents and Good Standing",
         "Keeping companies current in every state where they do business: "
         "foreign qualifications, annual report calendars, franchise taxes and "
         "reinstatement after administrative dissolution.", ("corporate",)),
        ("Data Rooms and Diligence Checklists for a Merger",
         "Organizing the virtual data room, tracking requests, summarizing "
         "material contracts and preparing disclosure schedules for the "
         "purchase agreement.", ("corporate",)),
    ],
    "criminal": [
        ("Expungements and Record Sealing",
         "Who qualifies, waiting periods, petitions, notice to prosecutors and "
         "what a sealed record means for employment and housing.",
         ("criminal",)),
        ("Bond Hearings and Conditions of Pretrial Release",
         "Preparing for the detention hearing, gathering proof of ties to the "
         "community, conditions of release and motions to modify bond.",
         ("criminal",)),
    ],
    "workers_comp": [
        ("Independent Medical Exams and Impairment Ratings",
         "Scheduling and preparing for the carrier's medical exam, reading "
         "impairment ratings under the AMA Guides, and disputing a rating in "
         "a compensation claim.", ("workers_comp",)),
        ("Third-Party Claims Alongside a Workers' Compensation Case",
         "When someone other than the employer caused the injury: coordinating "
         "the negligence suit with the comp claim, subrogation and the "
         "carrier's lien on the recovery.",
         ("workers_comp", "personal_injury")),
    ],
    "elder": [
        ("Guardianship from Petition to Annual Report",
         "Evaluations, notice to family, the hearing, letters of guardianship, "
         "inventories and the yearly reports a guardian must file.",
         ("elder",)),
        ("Paying for Care: Medicaid Eligibility and Planning",
         "Look-back periods, exempt assets, income trusts and the application "
         "for long-term care coverage, step by step.", ("elder",)),
    ],
    "ethics": [
        ("Screens, Walls and the Lateral Paralegal",
         "When a paralegal joins a firm across the table: conflict "
         "questionnaires, timely screening, notice to former clients and the "
         "cases where screens failed.", ("ethics",)),
        ("Unauthorized Practice: Where the Line Falls Now",
         "Court navigators, licensed paraprofessional programs, online "
         "document services, and the tasks a paralegal can safely take on "
         "for people without a lawyer.", ("ethics",)),
        ("Generative AI Tools and the Duty of Confidentiality",
         "Professional responsibility rules applied to AI drafting tools: "
         "client consent, vendor terms, verifying output and supervising "
         "nonlawyer use of the technology.", ("ethics",)),
    ],
    "wellness": [
        ("Burnout Is Not a Badge",
         "Recognizing exhaustion, boundaries with partners and clients, and "
         "small daily habits that make a demanding practice sustainable.",
         ("wellness",)),
    ],
    "office_tech": [
        ("Word for Pleadings: Styles, Numbering and Tables",
         "Pleading templates, automatic paragraph numbering, cross-references, "
         "tables of contents and authorities, and fixing broken formatting.",
         ("office_tech",)),
        ("Outlook and Teams Habits That Save an Hour a Day",
         "Rules, quick steps, shared mailboxes, channel notifications and "
         "meeting settings for busy legal teams.", ("office_tech",)),
    ],
    "career": [
        ("Negotiating Your Next Paralegal Offer",
         "Researching market pay, talking about benefits and remote work, and "
         "asking for a title that reflects your experience.", ("career",)),
    ],
}  # fmt: skip

#: Provider framings of a title: (provider slug, title pattern). The slugs are
#: those whose sponsor facts bench/eval/acceptance_grade.py records.
FRAMES = (
    ("nala", "{t} - NALA Campus On Demand"),
    ("nala", "NALA Conference Session: {t}"),
    ("nfpa", "NFPA Learning Series - {t}"),
    ("nfpa", "{t}"),
    ("nals", "{t} (NALS Education)"),
    ("aapi", "AAPI Webinar | {t}"),
    ("aapi", "{t}"),
    ("clio", "Clio Academy Live - {t}"),
    ("nbi", "{t} ({year} Edition)"),
    ("lorman", "Lorman Live: {t}"),
    ("lorman", "{t}"),
    ("pli", "{t} {year}: Paralegal Practice Series"),
    ("ocpa", "OCPA Monthly Meeting - {t}"),
    ("txpd", "{t} | Texas Paralegal Division Webinar"),
)

#: Provider boilerplate after a description (what each site repeats).
BOILERPLATE = {
    "nala": "This program qualifies for continuing education credit for NALA "
            "Certified Paralegals. Log in to your NALA Campus account to track "
            "completed hours.",
    "nfpa": "Counts toward RP and CRP renewal once approved by the National "
            "Federation of Paralegal Associations. Certificates are emailed "
            "within one week.",
    "nals": "NALS members save on every webinar. Attendance is verified through "
            "polling questions during the session.",
    "aapi": "AAPI designees may apply this webinar toward their renewal "
            "requirements. Handouts are posted in the member area.",
    "clio": "Free for everyone. Register once and watch live or catch the "
            "replay later.",
    "nbi": "Seminar materials prepared by the faculty are included with "
           "registration. Check your state's approval status before you "
           "enroll.",
    "lorman": "Lorman All-Access Pass holders attend at no additional charge. "
              "Earn credit for live or on-demand viewing where approved.",
    "pli": "Practising Law Institute is a nonprofit learning organization. "
           "Credit availability differs by state and format.",
    "ocpa": "Meetings are held at the downtown bar center with a virtual "
            "option. Guests are welcome.",
    "txpd": "Presented by the Paralegal Division. Credit toward the Texas "
            "Board of Legal Specialization paralegal renewal may apply.",
}  # fmt: skip
