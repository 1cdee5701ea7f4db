"""Hand-written course texts and profile wordings for benchmark variants f and g.

Written on 2026-11-27 before any change to the ranking or the vocabulary, in
the manner of real provider listings (NALA, NFPA, NALS, Clio, NBI, Lorman,
PLI, state associations): a title with the provider's framing and a
description that pads the subject with agenda items and credit boilerplate.
Nothing here comes from ``bench/synthetic.py`` or ``bench/eval/build.py``.

Each course is ``(title, description, topics)``: ``topics`` are the subjects
the course honestly teaches (one or two), judged from the text. Courses and
profile wordings alternate between variant f (even positions) and variant g
(odd positions), so the two variants share no wording.
"""

from __future__ import annotations

#: topic -> "skill", "area" or "other" (never asked for by a profile)
KINDS = {
    "ediscovery": "skill", "medical_records": "skill", "legal_research": "skill",
    "legal_writing": "skill", "docketing": "skill", "efiling": "skill",
    "trial": "skill", "depositions": "skill", "investigation": "skill",
    "contracts": "skill", "client": "skill", "billing": "skill",
    "personal_injury": "area", "med_mal": "area", "estate": "area",
    "family": "area", "bankruptcy": "area", "immigration": "area", "ip": "area",
    "employment": "area", "real_estate": "area", "corporate": "area",
    "criminal": "area", "workers_comp": "area", "elder": "area",
    "ethics": "other", "wellness": "other", "office_tech": "other",
    "career": "other",
}  # fmt: skip

#: What paralegals type in a profile, per topic: abbreviations, shorthand,
#: misspellings and words that are not in data/vocabulary.yml.
ASKED = {
    "ediscovery": ["ediscovery processing", "Relativity review", "privilege logs",
                   "ESI", "lit support / e-discovery", "e-discovrey"],
    "medical_records": ["med recs", "summarizing medical records",
                        "medical chronologys", "reading doctors notes",
                        "medical records requests", "med chronologies"],
    "legal_research": ["researching case law", "Westlaw", "legal reserach",
                       "finding statutes and regs", "lexis research", "research"],
    "legal_writing": ["drafting correspondence", "writing motions",
                      "legal writting", "memos", "brief drafting", "proofreading"],
    "docketing": ["calender management", "docketting", "court deadlines",
                  "rules based calendaring", "tickler", "deadline tracking"],
    "efiling": ["e-filing in state court", "PACER", "efiling",
                "electronic filing federal court", "CM/ECF", "e-file"],
    "trial": ["trial prep", "exhibit binders", "trial notebooks",
              "prepping witnesses for trial", "jury selection", "trial support"],
    "depositions": ["depo prep", "deposition summaries", "depositions",
                    "scheduling depos", "deposition digests", "depo summaries"],
    "investigation": ["locating witnesses", "skip tracing", "background research",
                      "public records", "asset searches", "finding people"],
    "contracts": ["contract review", "NDAs", "drafting contracts",
                  "contract admin", "commercial contracts", "reviewing contracts"],
    "client": ["client intake", "talking with clients", "client interviews",
               "client communications", "new client intake", "client relations"],
    "billing": ["billing", "time entries", "trust accounting", "timekeeping",
                "legal billing", "invoicing"],
    "personal_injury": ["PI", "personal injury", "auto accidents", "persnal injury",
                        "plaintiff PI", "car accidents"],
    "med_mal": ["med mal", "medical malpractise", "med-mal", "medical negligence",
                "malpractice", "medmal"],
    "estate": ["estate planning", "T&E", "probate", "wills and trusts",
               "trust and estate admin", "estates"],
    "family": ["family law", "divorce", "fam law", "custody", "domestic relations",
               "child custody"],
    "bankruptcy": ["bankruptcy", "BK", "bankrupcy", "chapter 7", "chapter 13",
                   "consumer bankruptcy"],
    "immigration": ["immigration", "immigation", "visas", "family-based immigration",
                    "green cards", "USCIS"],
    "ip": ["IP", "trademarks", "patent prosecution", "intellectual property",
           "copyrights", "trademark"],
    "employment": ["employment law", "L&E", "labor and employment",
                   "employment discrimination", "wage and hour", "employment"],
    "real_estate": ["real estate", "residential closings", "RE closings",
                    "real estate transactions", "real property", "title work"],
    "corporate": ["corporate", "M&A", "entity formation", "corporate governance",
                  "business law", "corporate compliance"],
    "criminal": ["criminal defense", "crim law", "DUI defense", "criminal law",
                 "white collar", "criminal"],
    "workers_comp": ["workers comp", "workers compensation", "work comp",
                     "workers' comp", "WC claims", "workplace injury"],
    "elder": ["elder law", "guardianship", "guardianships", "medicaid planning",
              "conservatorships", "elder law"],
}  # fmt: skip

#: topic -> courses (title, description, topics)
COURSES = {
    "ediscovery": [
        ("eDiscovery for Paralegals: From Preservation to Production",
         "Walk through the life of electronically stored information in a civil "
         "matter: issuing legal holds, collecting from custodians, processing, "
         "review and producing with load files.", ("ediscovery",)),
        ("Relativity Review Workflows: Batching, Coding Panels and QC",
         "A hands-on look at setting up review batches, coding layouts and quality "
         "control searches in a review platform, with tips on privilege logging.",
         ("ediscovery",)),
        ("Privilege Logs That Survive a Motion to Compel",
         "How to build a defensible privilege log from a document review: "
         "categorical logs, metadata fields and redaction practice.",
         ("ediscovery",)),
        ("Collecting Texts, Slack and Teams Data for Litigation",
         "Modern data sources in discovery: mobile collections, chat exports and "
         "what paralegals should ask the client's IT department.",
         ("ediscovery",)),
        ("TAR and Analytics: What the Litigation Support Team Needs to Know",
         "Technology-assisted review, email threading, near-duplicate detection and "
         "how to explain them to attorneys and opposing counsel.", ("ediscovery",)),
        ("Processing and Culling ESI on a Budget",
         "Deduplication, date filters and search terms to shrink a data set before "
         "review; cost estimates for small firms.", ("ediscovery",)),
    ],
    "medical_records": [
        ("Building a Medical Chronology Attorneys Will Actually Use",
         "Step by step: organizing provider records by date, flagging gaps in "
         "treatment and summarizing diagnoses for a demand or deposition.",
         ("medical_records",)),
        ("Reading Medical Records: Abbreviations, Charts and Nursing Notes",
         "Decode common medical abbreviations and chart sections so you can "
         "summarize records quickly and accurately.", ("medical_records",)),
        ("Requesting Medical Records Under HIPAA",
         "Authorizations, subpoenas to providers, fees and follow-up: getting "
         "complete records and billing from hospitals and clinics.",
         ("medical_records",)),
        ("Summarizing Medical Records for Litigation",
         "Techniques for concise, accurate summaries of treatment records, "
         "including templates and software shortcuts.", ("medical_records",)),
        ("Medical Bills and Liens: Organizing Specials",
         "Collecting itemized medical bills, reconciling payments and tracking "
         "provider liens for settlement.", ("medical_records",)),
    ],
    "legal_research": [
        ("Case Law Research in Westlaw Edge: Beyond Keyword Searching",
         "Use key numbers, headnotes, KeyCite flags and folders to research faster "
         "and check that authority is still good law.", ("legal_research",)),
        ("Free and Low-Cost Legal Research Tools",
         "Google Scholar, court websites, CourtListener and state law libraries: "
         "where to find statutes, regulations and opinions without a subscription.",
         ("legal_research",)),
        ("Statutory and Regulatory Research for Paralegals",
         "Finding codes, session laws and administrative regulations and tracing "
         "amendments through legislative history.", ("legal_research",)),
        ("Lexis+ Research Skills Workshop",
         "Search syntax, Shepard's reports and practical guidance materials in "
         "Lexis for litigation and transactional research.", ("legal_research",)),
        ("Cite-Checking and the Bluebook",
         "Verify citations, pin cites and subsequent history in a brief before it "
         "is filed.", ("legal_research", "legal_writing")),
    ],
    "legal_writing": [
        ("Drafting Clear Correspondence to Clients and Opposing Counsel",
         "Structure, tone and plain English for letters and emails that get "
         "results; common grammar traps.", ("legal_writing",)),
        ("Writing Persuasive Motions: A Paralegal's Role",
         "Drafting statements of facts, organizing exhibits and proofreading "
         "motions and supporting declarations.", ("legal_writing",)),
        ("Legal Memo Writing Bootcamp",
         "Organize an objective memorandum: question presented, short answer, "
         "facts, discussion, conclusion.", ("legal_writing",)),
        ("Proofreading and Editing Legal Documents",
         "Systematic proofreading of pleadings and briefs: defined terms, cross "
         "references and consistency checks.", ("legal_writing",)),
        ("Plain English for Legal Professionals",
         "Cut legalese and write short sentences readers understand.",
         ("legal_writing",)),
    ],
    "docketing": [
        ("Rules-Based Calendaring: Avoiding Missed Deadlines",
         "How court rules drive docket entries, counting days, and building a "
         "docketing system that catches response dates.", ("docketing",)),
        ("Docketing 101 for the Litigation Team",
         "Calendaring hearings, discovery deadlines and statute of limitations "
         "dates; double-checking and reminders.", ("docketing",)),
        ("Malpractice Prevention Through Deadline Control",
         "Most legal malpractice claims start with a missed date. Build tickler "
         "and calendar controls for the whole firm.", ("docketing",)),
        ("Managing the Firm Calendar in Outlook and Practice Software",
         "Shared calendars, court date entries and reminder chains for attorneys "
         "and staff.", ("docketing",)),
    ],
    "efiling": [
        ("E-Filing in State Courts: Portals, Formats and Rejections",
         "Preparing PDFs, filing codes, fees and what to do when the clerk rejects "
         "an electronic submission.", ("efiling",)),
        ("PACER and CM/ECF for Federal Practice",
         "Registering, filing documents and exhibits, service through NEF and "
         "retrieving docket sheets.", ("efiling",)),
        ("Electronic Filing Pitfalls and How to Fix Them",
         "Redaction, bookmarks, file size limits and deadlines in electronic "
         "court filing systems.", ("efiling",)),
        ("Filing in Federal Court: A Paralegal Checklist",
         "CM/ECF filing events, sealed documents and proposed orders.",
         ("efiling",)),
    ],
    "trial": [
        ("Trial Notebook Boot Camp",
         "Assemble witness outlines, exhibit lists and jury instructions into a "
         "trial notebook the attorney can run the case from.", ("trial",)),
        ("Exhibits at Trial: Marking, Tracking and Presenting",
         "Pre-marking exhibits, exhibit stipulations and courtroom presentation "
         "software.", ("trial",)),
        ("Jury Selection Support for Paralegals",
         "Juror questionnaires, social media research on the venire and voir dire "
         "notes.", ("trial",)),
        ("Preparing Witnesses for Trial Testimony",
         "Scheduling, subpoenas and logistics for fact and expert witnesses in the "
         "weeks before trial.", ("trial",)),
        ("The Paralegal at Counsel Table",
         "What to bring, how to track exhibits and objections, and working with "
         "the courtroom clerk.", ("trial",)),
    ],
    "depositions": [
        ("Deposition Summaries That Save Attorney Time",
         "Page-line summaries, topical digests and indexing transcripts for trial "
         "and motions.", ("depositions",)),
        ("Preparing for Depositions: Notices, Exhibits and Logistics",
         "Notices, court reporters, videographers, exhibit sets and remote "
         "deposition platforms.", ("depositions",)),
        ("Remote Depositions: Technology and Etiquette",
         "Running a deposition over video: exhibit sharing, breakout rooms and "
         "reporter coordination.", ("depositions",)),
        ("Digesting Deposition Transcripts",
         "Turn a long transcript into a useful digest with issue codes.",
         ("depositions",)),
    ],
    "investigation": [
        ("Finding Missing Witnesses and Defendants",
         "Skip tracing with public records, people-search databases and social "
         "media for service of process.", ("investigation",)),
        ("Public Records Research for Legal Teams",
         "Court indexes, property and UCC records, corporate filings and "
         "professional licenses.", ("investigation",)),
        ("Asset Searches Before and After Judgment",
         "Locating real property, vehicles, business interests and bank "
         "information to collect a judgment.", ("investigation",)),
        ("Online Investigation with Open Sources",
         "Social media and open-web research methods that hold up as evidence.",
         ("investigation",)),
    ],
    "contracts": [
        ("Contract Review Checklist for Paralegals",
         "Spot key clauses: indemnification, limitation of liability, termination, "
         "assignment and governing law.", ("contracts",)),
        ("Drafting and Negotiating NDAs",
         "Mutual versus one-way confidentiality agreements, term, carve-outs and "
         "remedies.", ("contracts",)),
        ("Contract Lifecycle Management Software",
         "Intake, templates, approvals and obligation tracking in CLM tools for "
         "in-house legal departments.", ("contracts",)),
        ("Commercial Lease and Vendor Agreement Review",
         "Review vendor and services agreements: SLAs, renewals, pricing "
         "escalators and insurance requirements.", ("contracts",)),
        ("Contract Drafting Fundamentals",
         "Definitions, boilerplate and consistent drafting of commercial "
         "agreements.", ("contracts",)),
    ],
    "client": [
        ("Client Intake Calls: Empathy and Essential Facts",
         "Screen new matters, gather facts and set expectations on the first "
         "call.", ("client",)),
        ("Difficult Conversations with Clients",
         "Delivering bad news, handling angry callers and documenting client "
         "communications.", ("client",)),
        ("Interviewing Clients and Witnesses",
         "Open questions, active listening and memorializing interviews.",
         ("client", "investigation")),
        ("Keeping Clients Informed: Status Updates That Work",
         "Regular updates, portals and templates that reduce calls and bar "
         "complaints.", ("client",)),
    ],
    "billing": [
        ("Time Entry Best Practices for Paralegals",
         "Write billable time entries clients pay: task descriptions, block "
         "billing and LEDES codes.", ("billing",)),
        ("Trust Accounting Basics: IOLTA Do's and Don'ts",
         "Deposits, disbursements and three-way reconciliation of client trust "
         "accounts.", ("billing",)),
        ("Legal Billing and Collections",
         "Invoices, e-billing portals, write-downs and collecting receivables.",
         ("billing",)),
        ("Timekeeping in Clio Manage",
         "Timers, activity codes and billing workflows for small firms.",
         ("billing",)),
    ],
    "personal_injury": [
        ("Personal Injury Case Workup from Intake to Demand",
         "Liability investigation, damages documentation and a demand package "
         "for auto and premises cases.", ("personal_injury",)),
        ("Auto Accident Claims: Police Reports, Coverage and Damages",
         "Crash reports, insurance policy limits, UM/UIM coverage and property "
         "damage.", ("personal_injury",)),
        ("Premises Liability Litigation",
         "Slip and fall, negligent security and notice issues; evidence to gather "
         "early.", ("personal_injury",)),
        ("Wrongful Death Claims: Beneficiaries and Damages",
         "Statutory beneficiaries, estates and damages in fatal injury cases.",
         ("personal_injury",)),
        ("Settlement Demand Packages in Injury Cases",
         "Assembling records, bills, photos and a damages summary for the "
         "adjuster.", ("personal_injury",)),
    ],
    "med_mal": [
        ("Medical Malpractice Litigation for Paralegals",
         "Standard of care, expert affidavits, pre-suit notice and damages caps "
         "in malpractice suits against physicians and hospitals.", ("med_mal",)),
        ("Screening Medical Negligence Cases",
         "Intake questions, records review and expert screening for potential "
         "malpractice claims.", ("med_mal",)),
        ("Nursing Home Neglect Claims",
         "Pressure injuries, falls and staffing records in long-term care "
         "negligence cases.", ("med_mal",)),
        ("Expert Witnesses in Health Care Liability Cases",
         "Finding, retaining and disclosing medical experts.", ("med_mal",)),
    ],
    "estate": [
        ("Probate Administration Step by Step",
         "Opening an estate, letters testamentary, inventories, creditor notices "
         "and closing.", ("estate",)),
        ("Drafting Wills and Revocable Trusts",
         "Client questionnaires, execution ceremonies and funding trusts.",
         ("estate",)),
        ("Trust Administration After Death",
         "Notices to beneficiaries, valuations, accountings and distributions.",
         ("estate",)),
        ("Estate Planning Essentials for the Paralegal",
         "Powers of attorney, health care directives, beneficiary designations "
         "and basic estate tax.", ("estate",)),
        ("Estate Tax Returns: Form 706 Basics",
         "Gathering asset values and preparing schedules of the federal estate "
         "tax return.", ("estate",)),
    ],
    "family": [
        ("Divorce Practice: Financial Disclosures and Settlements",
         "Financial affidavits, asset division and marital settlement "
         "agreements.", ("family",)),
        ("Child Custody and Parenting Plans",
         "Best-interest factors, parenting time schedules and relocation.",
         ("family",)),
        ("Child Support Guidelines and Modifications",
         "Income calculations, worksheets and modification motions.",
         ("family",)),
        ("QDROs and Retirement Division in Divorce",
         "Dividing pensions and 401(k) plans with qualified domestic relations "
         "orders.", ("family",)),
        ("Protective Orders in Domestic Violence Cases",
         "Petitions, hearings and safety planning for survivors.", ("family",)),
    ],
    "bankruptcy": [
        ("Consumer Bankruptcy: Chapter 7 Petitions and Schedules",
         "Means test, exemptions, schedules and the 341 meeting of creditors.",
         ("bankruptcy",)),
        ("Chapter 13 Plans and Confirmation",
         "Plan calculations, objections and trustee requirements.",
         ("bankruptcy",)),
        ("Representing Creditors in Bankruptcy Cases",
         "Proofs of claim, relief from stay and reaffirmation agreements.",
         ("bankruptcy",)),
        ("Business Bankruptcy and Subchapter V",
         "Small business reorganizations, first-day motions and plan timelines.",
         ("bankruptcy",)),
    ],
    "immigration": [
        ("Family-Based Immigration Petitions",
         "I-130 and I-485 packages, affidavits of support and interview "
         "preparation.", ("immigration",)),
        ("Employment-Based Visas: H-1B and L-1",
         "Labor condition applications, petitions and extensions for "
         "employer-sponsored workers.", ("immigration",)),
        ("Naturalization Applications: N-400 Practice",
         "Eligibility, residence and good moral character; preparing clients for "
         "the interview.", ("immigration",)),
        ("Asylum and Removal Defense for Paralegals",
         "Declarations, country conditions research and immigration court "
         "filings.", ("immigration",)),
    ],
    "ip": [
        ("Trademark Clearance and Filing at the USPTO",
         "Knockout searches, identification of goods and TEAS applications.",
         ("ip",)),
        ("Patent Prosecution Support",
         "Office actions, IDS filings, deadlines and docketing in patent "
         "practice.", ("ip",)),
        ("Copyright Registration and Licensing",
         "Registering works, licensing terms and DMCA takedown notices.",
         ("ip",)),
        ("Intellectual Property Portfolio Management",
         "Tracking registrations, renewals and maintenance fees worldwide.",
         ("ip",)),
    ],
    "employment": [
        ("Employment Discrimination Charges: EEOC to Litigation",
         "Intake, charge filing, position statements and right-to-sue letters.",
         ("employment",)),
        ("Wage and Hour Class Actions",
         "Overtime, misclassification and FLSA collective actions.",
         ("employment",)),
        ("Workplace Investigations and HR Compliance",
         "Harassment complaints, investigation reports and handbook policies for "
         "employers.", ("employment",)),
        ("Labor and Employment Law Update",
         "New rules on non-competes, leave and pay transparency.",
         ("employment",)),
    ],
    "real_estate": [
        ("Residential Real Estate Closings",
         "Title commitments, closing disclosures, deeds and recording.",
         ("real_estate",)),
        ("Commercial Real Estate Transactions",
         "Purchase agreements, due diligence, surveys and estoppels for "
         "commercial property.", ("real_estate",)),
        ("Title Examination for Paralegals",
         "Reading title commitments, clearing exceptions and chain of title.",
         ("real_estate",)),
        ("Landlord-Tenant Law and Evictions",
         "Notices, eviction filings and residential lease issues.",
         ("real_estate",)),
    ],
    "corporate": [
        ("Forming and Maintaining LLCs",
         "Articles of organization, operating agreements, annual reports and "
         "registered agents.", ("corporate",)),
        ("M&A Due Diligence for Paralegals",
         "Data rooms, diligence checklists, disclosure schedules and closing "
         "sets.", ("corporate",)),
        ("Corporate Governance: Minutes, Resolutions and Board Meetings",
         "Drafting consents, keeping minute books and stock ledgers.",
         ("corporate",)),
        ("Entity Compliance Across Fifty States",
         "Foreign qualifications, good standing certificates and compliance "
         "calendars.", ("corporate",)),
    ],
    "criminal": [
        ("Criminal Defense Paralegal Practice",
         "Discovery from the prosecution, client contact in custody and "
         "sentencing memoranda.", ("criminal",)),
        ("DUI Defense: Breath Tests, Blood Draws and Body Cams",
         "Reviewing evidence in impaired driving cases.", ("criminal",)),
        ("White Collar Investigations and Defense",
         "Grand jury subpoenas, document productions and internal "
         "investigations.", ("criminal",)),
        ("Expungement and Record Sealing",
         "Eligibility, petitions and clean-slate laws.", ("criminal",)),
    ],
    "workers_comp": [
        ("Workers' Compensation Claims from Injury to Settlement",
         "First reports of injury, benefits, medical treatment disputes and "
         "settlements.", ("workers_comp",)),
        ("Workers Comp Hearings: Preparing the File",
         "Medical evidence, vocational reports and hearing exhibits.",
         ("workers_comp",)),
        ("Return to Work and Disability Ratings in Comp Cases",
         "Impairment ratings, light duty and permanent disability.",
         ("workers_comp",)),
        ("Third-Party Claims in Work Injury Cases",
         "Subrogation and liens when a workplace injury has a third-party "
         "defendant.", ("workers_comp", "personal_injury")),
    ],
    "elder": [
        ("Guardianship and Conservatorship Proceedings",
         "Petitions, capacity evaluations, annual reports and alternatives to "
         "guardianship.", ("elder",)),
        ("Medicaid Planning for Long-Term Care",
         "Look-back periods, spend-down strategies and applications.",
         ("elder",)),
        ("Elder Law Practice Essentials",
         "Elder abuse, capacity, guardianship and benefits for older clients.",
         ("elder",)),
        ("Special Needs Trusts and Public Benefits",
         "First-party and third-party trusts, SSI and Medicaid eligibility.",
         ("elder", "estate")),
    ],
    "ethics": [
        ("Ethics for Paralegals: Confidentiality and Conflicts",
         "Duty of confidentiality, conflict checks and screening for "
         "non-lawyer staff.", ("ethics",)),
        ("Avoiding the Unauthorized Practice of Law",
         "What paralegals may and may not do; giving legal advice by accident.",
         ("ethics",)),
        ("Ethical Use of Generative AI in the Law Office",
         "Competence, confidentiality and supervision when using AI tools.",
         ("ethics",)),
        ("Professional Responsibility Update",
         "Recent ethics opinions relevant to legal staff.", ("ethics",)),
    ],
    "wellness": [
        ("Stress Management for Legal Professionals",
         "Recognize burnout and build sustainable habits.", ("wellness",)),
        ("Mindfulness at Work", "Short practices for focus and calm.",
         ("wellness",)),
    ],
    "office_tech": [
        ("Excel for the Law Office",
         "Tables, filters and pivot tables for case lists and damages.",
         ("office_tech",)),
        ("Adobe Acrobat Power Tools",
         "Bates numbering, redaction, bookmarks and combining PDFs.",
         ("office_tech",)),
        ("Microsoft Word for Legal Documents",
         "Styles, tables of authorities and automatic numbering.",
         ("office_tech",)),
    ],
    "career": [
        ("Preparing for the Certification Exam",
         "Study plans and practice questions for paralegal certification.",
         ("career",)),
        ("Leadership Skills for Senior Paralegals",
         "Mentoring, delegation and managing up.", ("career",)),
    ],
}  # fmt: skip

#: Provider framings of a title: (provider slug, title pattern).
FRAMES = (
    ("nala", "{t}"),
    ("nala", "NALA Webinar: {t}"),
    ("nfpa", "{t} (NFPA PACE-approved)"),
    ("nfpa", "{t}"),
    ("nals", "NALS Webinar - {t}"),
    ("clio", "Clio Academy | {t}"),
    ("nbi", "{t}"),
    ("lorman", "{t} - Live Webinar"),
    ("lorman", "{t}"),
    ("pli", "{t} {year}"),
    ("ocpa", "{t}"),
    ("txpd", "{t}"),
)

#: Provider boilerplate after a description (the text each site repeats).
BOILERPLATE = {
    "nala": "This session is approved for CLE credit toward the CP credential.",
    "nfpa": "Approved for continuing education hours by NFPA.",
    "nals": "Earn continuing legal education credit toward your NALS "
            "certification. Recording available to registrants.",
    "clio": "Free for the legal community. Hosted by Clio.",
    "nbi": "Our faculty of experienced practitioners guide you through practical "
           "examples. Materials included.",
    "lorman": "Lorman's live webinars include downloadable materials and a Q&A "
              "with the presenter.",
    "pli": "Practising Law Institute program, available on demand after the live "
           "date.",
    "ocpa": "Presented by the state paralegal association for its members and "
            "guests.",
    "txpd": "Offered by the State Bar of Texas Paralegal Division.",
}  # fmt: skip
