"""Hand-written course texts and profile wordings for held-out benchmark variant j.

Written on 2026-12-01, before that session's ranking changes (price and
credit scored by relevance), and never measured during tuning. Written apart
from :mod:`bench.eval.fresh_texts`, :mod:`bench.eval.fresh_h_texts`,
:mod:`bench.eval.fresh_i_texts` and :mod:`bench.eval.build_texts`, without
opening data/vocabulary.yml, the recommender or any ranking or evaluation
output: no title, sentence or profile wording is shared with them
(tests/recommender/test_held_out.py checks titles, wordings and long word
runs).

In the manner of real listings (NALA, NFPA, NALS, AAPI, Clio, NBI, Lorman,
PLI, the Orange County Paralegal Association, the State Bar of Texas
Paralegal Division): provider framings of the title, some titles that name
no subject plainly ("The Forty-Page Exhibit Nobody Can Find"), descriptions
padded with an agenda, faculty notes and credit boilerplate. Each course is
``(title, description, topics)``: ``topics`` are the subjects it honestly
teaches (one or two), judged from the text when it was written, never from
what the recommender returns. Variant j uses every course and wording here.
"""

from __future__ import annotations

#: The same topics and kinds as variants f-i, so grading works the same.
from bench.eval.fresh_texts import KINDS

__all__ = ["ASKED", "BOILERPLATE", "COURSES", "FRAMES", "KINDS"]

#: What paralegals type in a profile, per topic, as they type it: shorthand,
#: abbreviations, misspellings, a slash, a plus sign or a trailing note.
ASKED = {
    "ediscovery": ["eDisc + review", "ESI protocols", "e discovery vendors",
                   "preservation letters/holds"],
    "medical_records": ["med rec review", "chrono of treatment", "hipaa auths",
                        "medical recs summarys"],
    "legal_research": ["lexis+ / westlaw", "case law lookups", "reg research",
                       "shepardizing"],
    "legal_writing": ["appellate briefs", "writing demand ltrs", "legl writing",
                      "cite checking/bluebook"],
    "docketing": ["docket clerk stuff", "calendaring (court rules)", "dockting",
                  "statute of limitations tracking"],
    "efiling": ["e-file/e-serve", "tyler odyssey", "CM-ECF filings",
                "efilings state+fed"],
    "trial": ["trial binders/exhibits", "tiral", "jury trial support",
              "trial presentation software"],
    "depositions": ["depo scheduling", "summarizing depositions", "deposistions",
                    "remote depos/court reporters"],
    "investigation": ["skip trace", "locating defendants", "investgations",
                      "osint"],
    "contracts": ["contract redlining", "drafting agreements", "contarcts",
                  "clm / contract mgmt"],
    "client": ["client intake calls", "clinet communication",
               "managing client expectations", "intake interviews"],
    "billing": ["time entry", "pre-bills", "iolta/trust", "billing narrative"],
    "personal_injury": ["plaintiff pi lit", "pi settlement demands",
                        "auto wreck PI", "persanal injury"],
    "med_mal": ["med-mal lit", "medical malpractce",
                "hospital negligence", "birth injury/OB cases"],
    "estate": ["estate/probate admin", "wills, POAs, advance directives", "probat",
               "trust administration"],
    "family": ["contested divorces", "famly law", "SAPCR/custody",
               "custody & visitation"],
    "bankruptcy": ["bankrptcy", "ch. 7/13 petitions", "consumer bk",
                   "bankruptcy schedules"],
    "immigration": ["imm", "uscis forms", "immigraiton", "family petitions (i-130)"],
    "ip": ["trademark docketing", "ip/patents", "intellectual propety",
           "TM filings"],
    "employment": ["employmnet", "L&E lit", "eeoc/employment", "FMLA/ADA"],
    "real_estate": ["resi RE closings", "title commitments", "real estat",
                    "LL/T evictions"],
    "corporate": ["entity formation/LLCs", "corp gov", "corporat law",
                  "annual reports & minutes"],
    "criminal": ["crim def", "state court crim cases", "criminl law",
                 "dui/dwi defense"],
    "workers_comp": ["wc/work comp", "w.c. hearings", "workers compinsation",
                     "on the job injuries"],
    "elder": ["elderlaw/medicaid", "guardianship (adult)", "eldr law",
              "adult conservatorship petitions"],
}  # fmt: skip

#: topic -> courses (title, description, topics)
COURSES = {
    "ediscovery": [
        ("The Collection Went Sideways: Lessons from Real ESI Disputes",
         "Faculty walk through three sanctions opinions and what the paralegal "
         "could have caught: a custodian missed in the hold notice, a phone "
         "wiped after the duty to preserve arose, and a production stripped of "
         "metadata. Agenda: preservation letters; custodian interviews; vendor "
         "chain of custody; production specifications.", ("ediscovery",)),
        ("Relativity for the Paralegal Who Inherited the Workspace",
         "Saved searches, batching, coding layouts, privilege tagging and "
         "export sets, demonstrated live in a sample workspace. Bring your own "
         "questions about review metrics and quality control sampling.",
         ("ediscovery",)),
        ("Discovery Requests and the Documents Behind Them",
         "Drafting interrogatories, requests for production and requests for "
         "admission that are clear enough to enforce, then organizing the "
         "electronic production that comes back: load files, Bates ranges, "
         "deduplication and a privilege log for what you withhold.",
         ("ediscovery", "legal_writing")),
    ],
    "medical_records": [
        ("Decoding the Chart: Abbreviations, Flowsheets and Nursing Notes",
         "A registered nurse consultant explains how hospital charts are "
         "organized, why the medication administration record matters, and how "
         "to read vital sign flowsheets. Includes a glossary of common chart "
         "abbreviations and a practice exercise. Learning objectives: identify "
         "the main sections of an inpatient chart; locate physician orders; "
         "explain nursing shift notes to an attorney.", ("medical_records",)),
        ("Getting the Whole File: HIPAA Authorizations and Provider Requests",
         "Drafting authorizations that providers accept, subpoenas for "
         "records, billing ledgers versus clinical records, certification "
         "affidavits, fees and follow-up letters when a provider ignores you.",
         ("medical_records",)),
        ("Building the Treatment Timeline for an Injury Claim",
         "Turning a thousand pages of records into a chronology the attorney "
         "will actually use: date ordering, gaps in treatment, pre-existing "
         "conditions, and summarizing bills for the damages section of a "
         "demand package.", ("medical_records", "personal_injury")),
    ],
    "legal_research": [
        ("Finding the Controlling Case in Half the Time",
         "Boolean connectors, natural language search, headnote browsing and "
         "secondary sources as shortcuts. Our law librarian compares Westlaw, "
         "Lexis and free tools such as Google Scholar and CourtListener. "
         "Agenda: 9:00 search planning; 9:20 terms and connectors; 9:40 "
         "filters and jurisdiction; 10:00 questions.", ("legal_research",)),
        ("Red Flags, Yellow Flags: Validating Your Authorities",
         "Reading KeyCite and Shepard's signals correctly, depth of treatment, "
         "distinguishing versus overruling, and documenting your validation in "
         "a research memo for the supervising attorney.", ("legal_research",)),
        ("Regulations, Agency Guidance and the Federal Register",
         "Tracing a rule from proposed to final, using the CFR and e-CFR, "
         "locating agency opinion letters and older versions of a regulation "
         "in effect on the date that matters.", ("legal_research",)),
    ],
    "legal_writing": [
        ("Say It Once, Say It Plainly",
         "Cutting legalese, active voice, short paragraphs and headings that "
         "argue. Participants revise real paralegal-drafted letters and status "
         "reports during the session. Faculty: a former appellate court staff "
         "attorney who now teaches writing to law firm support staff.",
         ("legal_writing",)),
        ("Bluebook Boot Camp for Paralegals",
         "Case and statute citations, signals, short forms, id. and supra, "
         "parentheticals and the table of authorities. Includes a timed cite "
         "checking drill with answers.", ("legal_writing",)),
        ("Demand Letters That Get a Response",
         "Structure, tone and exhibits for demand and settlement letters in "
         "collections, contract and injury matters, with before-and-after "
         "samples from the faculty's files.", ("legal_writing",)),
    ],
    "docketing": [
        ("The Deadline You Didn't Calendar",
         "How docketing errors happen and how firms prevent them: counting "
         "rules, service extensions, holidays, two-person verification and "
         "what to do the morning you discover a missed date. Topics include: "
         "computing response periods; mail and e-service days; the firm's "
         "docket audit; malpractice carrier expectations.", ("docketing",)),
        ("Court Rules Calendaring Software Compared",
         "CompuLaw, CalendarRules, LawToolBox and built-in practice management "
         "calendars: rule sets, triggers, audit trails and what happens when a "
         "judge's order changes a schedule.", ("docketing",)),
    ],
    "efiling": [
        ("Clerk's Office Rejections and How to Avoid Them",
         "The most common reasons state e-filing portals bounce a submission: "
         "wrong filing code, missing lead document, unsearchable PDF, fee "
         "waivers, and proposed orders submitted the wrong way. Presented by a "
         "county district clerk's e-filing supervisor, with live questions "
         "from attendees.", ("efiling",)),
        ("Federal Filing Day: CM/ECF Step by Step",
         "Filing a complaint and civil cover sheet, attaching exhibits, sealed "
         "filings, notices of electronic filing, PACER fees and the local "
         "rules that trip up out-of-district filers.", ("efiling",)),
    ],
    "trial": [
        ("The Forty-Page Exhibit Nobody Can Find",
         "A trial paralegal's system for exhibit lists, pre-marked copies, "
         "witness kits, the war room and the night-before checklist, told "
         "through stories from a month-long jury trial. Part 1: before trial. "
         "Part 2: in the courtroom. Part 3: after the verdict and the record "
         "on appeal.", ("trial",)),
        ("Courtroom Presentation Technology Without the Panic",
         "TrialDirector and OnCue basics, callouts and side-by-side exhibits, "
         "playing deposition clips, courtroom hardware checks and the backup "
         "plan when the projector fails.", ("trial", "office_tech")),
        ("Jury Research and Selection Support",
         "Juror questionnaires, social media research within ethical limits, "
         "tracking strikes during voir dire and preparing the jury chart for "
         "the trial team.", ("trial",)),
    ],
    "depositions": [
        ("Getting Everyone in the Room: Scheduling the Deposition",
         "Notices and subpoenas, coordinating opposing counsel and the court "
         "reporter, interpreters, remote platforms and the exhibit share "
         "folder. Participants receive a scheduling checklist and sample "
         "notice forms.", ("depositions",)),
        ("From Transcript to Summary in One Afternoon",
         "Summaries by page and line, digests organized by issue and errata "
         "sheets, with a template and an exercise using a sample transcript.",
         ("depositions",)),
        ("Preparing the Witness and the Attorney for a Deposition",
         "Outline binders, document sets, the witness preparation meeting, "
         "objection basics and what paralegals watch for while attending.",
         ("depositions",)),
    ],
    "investigation": [
        ("Where Did the Defendant Go? Locating People for Service",
         "Databases such as TLO and Accurint, voter and property records, "
         "social media, and affidavits of due diligence when the process "
         "server comes back empty-handed. Our presenter is a licensed private "
         "investigator with twenty years of litigation work.", ("investigation",)),
        ("Open-Source Intelligence for Legal Teams",
         "Search engine operators, archived web pages, corporate registries "
         "and image search, with a segment on preserving what you find so it "
         "can be authenticated later.", ("investigation",)),
    ],
    "contracts": [
        ("Redline Review: Spotting the Change That Matters",
         "Comparing drafts, tracked changes versus comparison software, "
         "defined terms that drift, indemnification and limitation of "
         "liability clauses, and building an issues list for the attorney. "
         "Session outline: why comparisons fail; the ten clauses to read "
         "first; preparing a summary memo; hands-on exercise.", ("contracts",)),
        ("Boilerplate Is Not Boring",
         "Assignment, notice, governing law, force majeure, severability and "
         "entire agreement clauses: what each does and what to flag when the "
         "other side edits them.", ("contracts",)),
        ("Contract Lifecycle Management for the Legal Department",
         "Intake requests, templates, approval workflows, signature routing, "
         "obligation tracking and renewal alerts in a CLM system.", ("contracts",)),
    ],
    "client": [
        ("The First Phone Call: Intake That Builds Trust",
         "Scripts and questions for new matter intake, conflict checks, "
         "explaining fees and next steps, and writing up the call for the "
         "attorney. Ideal for receptionists, intake specialists and paralegals "
         "in small firms.", ("client",)),
        ("When the Client Is Angry",
         "De-escalation, listening, setting expectations about timelines, and "
         "documenting tense conversations without crossing into legal advice.",
         ("client",)),
    ],
    "billing": [
        ("Time Entries That Survive the Audit",
         "Task-based descriptions, block billing, UTBMS codes, insurer billing "
         "guidelines and why vague narratives get cut. Program outline: what "
         "auditors look for; rewriting ten real entries; firm policies that "
         "help.", ("billing",)),
        ("Balancing the Trust Account Every Month",
         "Bank statement, trust ledger and client ledgers: reconciling "
         "monthly, handling retainers and refunds, and the bar rules behind "
         "every step.", ("billing", "ethics")),
    ],
    "personal_injury": [
        ("From Crash Report to Settlement: Auto Claims Workflow",
         "Police reports, property damage photos, liability insurance limits, "
         "PIP and med pay, letters of representation and tracking the claim to "
         "settlement. Taught by a senior litigation paralegal from a plaintiff "
         "firm. A sample claim file is provided.", ("personal_injury",)),
        ("Premises Cases: Notice, Photos and the Store's Video",
         "Slip-and-fall and negligent security claims, preservation demands "
         "for surveillance footage, incident reports and visiting the scene.",
         ("personal_injury",)),
        ("Liens, Subrogation and the Settlement Statement",
         "Medicare, Medicaid, ERISA plans and hospital liens, negotiating "
         "reductions and preparing the closing statement for the client.",
         ("personal_injury",)),
    ],
    "med_mal": [
        ("The Doctor Takes the Oath: Deposing Physicians in Negligence Suits",
         "Scheduling around clinic hours, expert and treating physician fees, "
         "assembling the chart excerpts the attorney will show the witness, and "
         "summarizing testimony about the standard of care and causation. "
         "Faculty: a medical negligence trial attorney and her paralegal.",
         ("med_mal", "depositions")),
        ("Working Up a Medical Negligence Case",
         "Screening intake calls, obtaining complete records, the expert "
         "review, affidavits of merit and the notice of intent many states "
         "require before filing.", ("med_mal",)),
        ("Standard of Care: Working with Medical Experts",
         "Finding and retaining physician experts, preparing the records "
         "package, expert disclosures and the timeline of a malpractice "
         "lawsuit.", ("med_mal",)),
    ],
    "estate": [
        ("After the Funeral: Opening the Probate Estate",
         "Petitions, notice to heirs, bonds, letters testamentary, creditor "
         "notices and the inventory, with sample forms. Agenda: independent "
         "versus dependent administration; the first hearing; publishing "
         "notice; the ninety-day inventory deadline.", ("estate",)),
        ("Revocable Trusts: Funding and Administration",
         "Retitling assets, beneficiary designations, successor trustee "
         "duties, accountings and final distributions.", ("estate",)),
        ("The Will Signing Ceremony",
         "Execution formalities, witnesses and notaries, self-proving "
         "affidavits, remote signing rules and storing originals.", ("estate",)),
    ],
    "family": [
        ("Financial Disclosures in a Divorce",
         "Sworn inventories, bank and retirement statements, business "
         "valuations, hidden income and preparing the property division "
         "spreadsheet. You will leave with a document request checklist and a "
         "sample inventory spreadsheet.", ("family",)),
        ("Parenting Plans and Possession Schedules",
         "Standard and custom schedules, holiday rotations, relocation "
         "provisions and modifications after the decree.", ("family",)),
        ("Protective Orders: A Paralegal's Role",
         "Applications, affidavits, temporary ex parte orders, service on the "
         "respondent and preparing the client for the hearing.", ("family",)),
    ],
    "bankruptcy": [
        ("Schedules, Statements and the Means Test",
         "Gathering debtor documents, completing Schedules A through J, the "
         "statement of financial affairs and the means test calculation. "
         "Objectives: complete a sample petition package; find income and "
         "expense figures; avoid the errors trustees flag most.", ("bankruptcy",)),
        ("What Happens at the 341 Meeting",
         "Trustee questions, document requests, continuances and common "
         "problems that delay a discharge.", ("bankruptcy",)),
    ],
    "immigration": [
        ("Family-Based Petitions Start to Finish",
         "Forms I-130 and I-485, supporting evidence, affidavits of support, "
         "biometrics, interviews and responding to requests for evidence. "
         "Segments: eligibility and priority dates; assembling the packet; "
         "tracking the case online; the interview.", ("immigration",)),
        ("Employment Visas for the Legal Assistant",
         "H-1B registration and petitions, labor condition applications, PERM "
         "labor certification and tracking visa validity dates.", ("immigration",)),
    ],
    "ip": [
        ("Clearance Searches and the Trademark Application",
         "Knockout searches, full search reports, choosing classes and "
         "specimens, and filing through the USPTO's system. Program materials "
         "include a sample search report and a filing checklist.", ("ip",)),
        ("Maintaining a Patent Portfolio",
         "Maintenance fee schedules, continuation deadlines, foreign filing "
         "dates under the PCT and annuity services.", ("ip", "docketing")),
    ],
    "employment": [
        ("She Said, He Said: Workplace Complaint Investigations",
         "How outside counsel investigates a harassment or retaliation "
         "complaint: the interview plan, witness notes, collecting texts and "
         "badge records, weighing credibility and the written findings. Case "
         "studies from recent agency charges.",
         ("employment", "investigation")),
        ("Charges of Discrimination: The Agency Stage",
         "EEOC and state agency charges, position statements, mediation, "
         "right-to-sue letters and the ninety-day window. Faculty: an "
         "employment litigation partner and her senior paralegal.", ("employment",)),
        ("Overtime, Misclassification and Collective Actions",
         "Exempt versus nonexempt status, independent contractors, payroll "
         "records and opt-in notices under the FLSA.", ("employment",)),
    ],
    "real_estate": [
        ("The Residential Closing File",
         "Contracts, title commitments, survey review, payoff letters, closing "
         "disclosures and recording after the closing. Agenda items: contract "
         "to close timeline; title objections; the settlement table; "
         "post-closing follow-up.", ("real_estate",)),
        ("Commercial Leasing for Paralegals",
         "Letters of intent, lease abstracts, estoppel certificates, SNDAs and "
         "tracking renewal options.", ("real_estate",)),
    ],
    "corporate": [
        ("Keeping the Minute Book",
         "Annual consents, board resolutions, stock ledgers, registered agent "
         "changes and state annual reports. Includes templates for annual "
         "written consents and a compliance calendar.", ("corporate",)),
        ("Due Diligence Rooms in Mergers and Acquisitions",
         "Request lists, virtual data room setup, disclosure schedules and "
         "closing checklists for a deal team.", ("corporate",)),
    ],
    "criminal": [
        ("Discovery in a Criminal Case",
         "Brady material, body camera footage, lab reports, reviewing the "
         "state's file and organizing it for the defense attorney. Presented "
         "by a public defender's office investigator and a defense paralegal.",
         ("criminal",)),
        ("Clearing the Record: Expunction and Nondisclosure",
         "Eligibility rules, petitions, agency notices and explaining the "
         "results to former defendants.", ("criminal",)),
    ],
    "workers_comp": [
        ("The Injured Worker's Claim from First Report",
         "Employer notice, the first report of injury, authorized treating "
         "physicians, temporary disability benefits and dispute hearings. "
         "Outline: reporting deadlines; choosing a doctor; benefit "
         "calculations; contested case hearings.", ("workers_comp",)),
        ("Impairment Ratings and Settling a Comp Case",
         "Maximum medical improvement, ratings, vocational rehabilitation, "
         "settlement approval and the overlap with third-party claims.",
         ("workers_comp",)),
    ],
    "elder": [
        ("Protecting an Aging Client",
         "Capacity concerns, powers of attorney, financial exploitation, adult "
         "protective services and less restrictive options.", ("elder",)),
        ("Long-Term Care Planning and Medicaid Applications",
         "Five-year look-back, spend-down strategies, qualified income trusts "
         "and gathering documents for the state application.", ("elder",)),
    ],
    "ethics": [
        ("Whose Side Are You On? Conflicts for Paralegals",
         "Conflict checks, former clients, personal relationships and the "
         "screening memo, worked through with hypotheticals. This program "
         "satisfies one hour of ethics credit where approved.", ("ethics",)),
        ("Social Media, Friend Requests and Professional Conduct",
         "Contacting represented parties, reviewing jurors online, firm "
         "marketing posts and what paralegals may say about their cases.", ("ethics",)),
        ("Signing Your Name: Paralegal Titles and Holding Out",
         "Signature blocks, business cards, disclosing non-lawyer status and "
         "the tasks only a licensed attorney may perform.", ("ethics",)),
    ],
    "wellness": [
        ("Quiet Minds in Loud Offices",
         "Breathing techniques, sleep, movement breaks and managing stress "
         "during trial and closing weeks.", ("wellness",)),
    ],
    "office_tech": [
        ("Excel for the Litigation Paralegal",
         "Sorting and filtering productions, pivot tables for damages, lookup "
         "formulas and printing a spreadsheet the judge can read. Bring a "
         "laptop; sample workbooks are shared before the webinar.", ("office_tech",)),
        ("PDF Power Tools: Bookmarks, Redaction and Bates",
         "Combining files, OCR, true redaction versus black boxes, stamping "
         "numbers and compressing exhibits for filing.", ("office_tech",)),
    ],
    "career": [
        ("Moving Up: From Paralegal to Practice Manager",
         "Leadership skills, supervising staff, budgeting and making the case "
         "for a promotion.", ("career",)),
    ],
}  # fmt: skip

#: Provider framings of a title: (provider slug, title pattern). The slugs are
#: those whose sponsor facts bench/eval/acceptance_grade.py records.
FRAMES = (
    ("nala", "NALA Webinar: {t}"),
    ("nala", "{t} | NALA Campus"),
    ("nfpa", "{t} - NFPA Webinar"),
    ("nfpa", "NFPA Spring Series: {t}"),
    ("nals", "NALS Learn: {t}"),
    ("aapi", "{t} (AAPI)"),
    ("clio", "{t} | Clio Webinar"),
    ("nbi", "NBI Seminar - {t}"),
    ("nbi", "{t}"),
    ("lorman", "{t} - Lorman Webinar"),
    ("pli", "PLI {year} Program: {t}"),
    ("pli", "{t}"),
    ("ocpa", "{t} (OCPA Lunch & Learn)"),
    ("txpd", "Paralegal Division CLE: {t}"),
)

#: Provider boilerplate after a description (what each site repeats).
BOILERPLATE = {
    "nala": "Approved for NALA CLE credit. Sign in first so the member discount "
            "is applied.",
    "nfpa": "An NFPA-sponsored program; attendees receive a certificate of "
            "attendance for their CLE records.",
    "nals": "NALS PP and ALS designees earn continuing education units. "
            "Recording available to registrants for thirty days.",
    "aapi": "Continuing education hours are reported to AAPI on request. "
            "Questions may be submitted in the chat.",
    "clio": "Hosted by Clio at no cost. A recording is sent to all who "
            "register.",
    "nbi": "Includes a downloadable course manual. Approval varies by "
           "jurisdiction; contact customer service for details.",
    "lorman": "Earn a certificate of completion. Lorman's credit page lists "
              "approvals by state.",
    "pli": "PLI programs are available live, as webcasts and on demand. "
           "Financial aid is available.",
    "ocpa": "Lunch is served at 11:45. Members attend free; nonmember fees "
            "apply at the door.",
    "txpd": "A Texas bar Paralegal Division program. "
            "Attendance counts toward specialization renewal where approved.",
}  # fmt: skip
