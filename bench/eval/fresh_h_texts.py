"""Hand-written course texts and profile wordings for held-out benchmark variant h.

Written on 2026-12-01 while price and credit were being scaled by relevance
on variants a-f (variant g had been measured many times and was no longer
held out); first measured after that change (nDCG@10 0.669), then used to
find reading fixes, so no longer held out itself. Written apart from
:mod:`bench.eval.fresh_texts` and :mod:`bench.eval.build_texts`: no title or
sentence is shared with them, and three profile wordings respell earlier
ones ("skiptracing"; tests/recommender/test_held_out.py checks titles,
wordings and long word runs).

In the manner of real listings (NALA Campus, NFPA, NALS, AAPI, Clio, NBI,
Lorman, PLI, a local paralegal association, the State Bar of Texas Paralegal
Division): a title with the provider's framing, some titles naming no
subject plainly ("The First Phone Call"), and a description padded with an
agenda and credit boilerplate. Each course is ``(title, description,
topics)``: ``topics`` are the subjects it honestly teaches (one or two),
judged from the text when it was written, never from what the recommender
returns. Variant h uses every course and every wording here.
"""

from __future__ import annotations

#: The same topics and kinds as variants f and g, so grading works the same.
from bench.eval.fresh_texts import KINDS

__all__ = ["ASKED", "BOILERPLATE", "COURSES", "FRAMES", "KINDS"]

#: What paralegals type in a profile, per topic: shorthand, abbreviations,
#: misspellings and phrases that are not in data/vocabulary.yml.
ASKED = {
    "ediscovery": ["doc review", "load files and productions", "ediscovry",
                   "lit holds"],
    "medical_records": ["med chrons", "pulling records from providers",
                        "medical recrods", "summarizing hospital charts"],
    "legal_research": ["case research", "legal resarch", "finding precedent",
                       "westlaw/lexis"],
    "legal_writing": ["drafting letters", "motion drafting", "writting skills",
                      "editing briefs"],
    "docketing": ["calendering", "SOL tracking", "court dates", "docket mgmt"],
    "efiling": ["e-filling", "Odyssey eFile", "filing with the court online",
                "fed ECF filings"],
    "trial": ["trial prepp", "exhibit prep", "second chairing trials",
              "witness prep"],
    "depositions": ["depo digests", "transcript summaries", "deposiitons",
                    "setting depos"],
    "investigation": ["people searches", "skiptracing",
                      "finding addresses for service", "backround checks"],
    "contracts": ["contract redlines", "redlining agreements", "contrats",
                  "vendor agreements"],
    "client": ["intake calls", "dealing with clients", "client comunication",
               "client phone calls"],
    "billing": ["billable hours", "time sheets", "IOLTA reconciliations", "biling"],
    "personal_injury": ["MVA cases", "plaintiff side PI", "personal injurey",
                        "slip & falls"],
    "med_mal": ["med neg", "malpratice", "doctor negligence cases",
                "hospital liability"],
    "estate": ["wills/trusts", "probate admin", "estate planing", "estate admin"],
    "family": ["dissolutions", "famliy law", "custody matters", "divorse"],
    "bankruptcy": ["ch 7", "ch. 13", "bankruptsy", "debtor side BK"],
    "immigration": ["imm law", "immigraton", "visa apps", "I-130s"],
    "ip": ["TMs", "intelectual property", "copyright registrations",
           "IP portfolio work"],
    "employment": ["emp law", "employment lit", "employee rights", "HR disputes"],
    "real_estate": ["resi closings", "title & escrow", "realestate",
                    "commercial leases"],
    "corporate": ["corp law", "LLC filings", "entity mgmt",
                  "corporate paralegal work"],
    "criminal": ["crim defense", "DWI/DUI", "criminal defence",
                 "public defender work"],
    "workers_comp": ["WC", "comp claims", "workmans comp", "work injury claims"],
    "elder": ["elderlaw", "guardianship petitions", "seniors and medicaid",
              "elder care law"],
}  # fmt: skip

#: topic -> courses (title, description, topics)
COURSES = {
    "ediscovery": [
        ("Legal Holds That Hold Up: Custodian Notices and Follow-Through",
         "When litigation is reasonably anticipated, the preservation clock "
         "starts. Agenda: triggering events and scope; drafting custodian hold "
         "notices; tracking acknowledgments and reminders; releasing holds when "
         "the matter closes. A sample hold tracker is included.", ("ediscovery",)),
        ("From Custodian Interview to Load File",
         "Follow one data set through a civil matter. Topics: asking custodians "
         "where their data lives; forensic images versus targeted collection; "
         "de-NISTing, deduplication and date culling; building review sets; "
         "production specifications, Bates ranges and DAT/OPT files.",
         ("ediscovery",)),
        ("Predictive Coding in Plain Terms for the Review Team",
         "How continuous active learning ranks documents and what a validation "
         "sample and a recall estimate tell you. Program outline: seed sets, "
         "training rounds, elusion testing, quality checks by the paralegal "
         "team and the defensibility memo for the court.", ("ediscovery",)),
    ],
    "medical_records": [
        ("What the Nurse Wrote: Decoding Progress Notes and MARs",
         "Nursing notes, medication administration records and flow sheets often "
         "tell the story the physician's discharge summary leaves out. Session "
         "outline: how a hospital chart is organized; nursing and pharmacy "
         "abbreviations; vital-sign trends; late entries and amendments; moving "
         "the key entries into your case summary.", ("medical_records",)),
        ("HIPAA Authorizations and Provider Subpoenas in Injury Files",
         "Getting complete records and itemized bills for a personal injury "
         "claim: valid authorizations, records custodians, subpoenas by written "
         "question, copy charges, and chasing outstanding requests so the file "
         "is complete before the demand goes out.",
         ("medical_records", "personal_injury")),
        ("Medical Chronology Workshop: Templates, Timelines and Treatment Gaps",
         "Hands-on session. Build a date-ordered chronology from a sample set of "
         "emergency room, imaging, orthopedic and physical therapy records; flag "
         "pre-existing conditions and gaps in care; write the one-page overview "
         "attorneys ask for. Bring a laptop.", ("medical_records",)),
    ],
    "legal_research": [
        ("Finding the Controlling Case: Research Strategy for Paralegals",
         "Start broad with secondary sources, narrow with headnotes and key "
         "numbers, then confirm with a citator. Agenda: framing the question; "
         "treatises and practice guides; annotated codes; reading citator "
         "signals; documenting your search trail for the supervising attorney.",
         ("legal_research",)),
        ("Legislative History Without the Headache",
         "Tracing why a statute reads the way it does: bill versions, committee "
         "reports, floor debates and session laws, in federal and state sources. "
         "Free government databases and the subscription services are compared "
         "side by side.", ("legal_research",)),
        ("Is It Still Good Law? Citators and Cite-Checking a Brief",
         "A practical cite-check session: confirming every authority in a draft "
         "brief, checking pin cites and quotations, updating subsequent history, "
         "and putting citations in Bluebook and local-rule form before filing.",
         ("legal_research", "legal_writing")),
    ],
    "legal_writing": [
        ("Emails and Letters That Get Answered",
         "Writing for busy readers inside and outside the firm. Covered: subject "
         "lines, leading with the request, tone with opposing counsel, confirming "
         "agreements in writing, and a grammar clinic on the errors that turn up "
         "most in legal correspondence.", ("legal_writing",)),
        ("Drafting the Statement of Facts",
         "The facts section is where a paralegal adds most to a motion or brief. "
         "Learn to build it from the record with citations to exhibits and "
         "transcripts, choose persuasive but accurate words, and organize it by "
         "date or by issue.", ("legal_writing",)),
        ("Red Pen Review: Editing Pleadings Before They Go Out",
         "A line-by-line editing method for complaints, answers and discovery "
         "responses. Checklist: defined terms, paragraph numbering, captions, "
         "signature blocks, consistent party names and the last read for "
         "typos.", ("legal_writing",)),
    ],
    "docketing": [
        ("Counting Days Without Losing Sleep",
         "How response periods are computed under federal and state rules: "
         "triggering events, weekends and court holidays, added days for service "
         "by mail, and what to do when a rule and a scheduling order disagree. "
         "Ends with a docket-entry exercise.", ("docketing",)),
        ("Docketing Software Rollouts for Litigation Departments",
         "Moving a firm from a paper tickler to a rules-driven calendaring "
         "platform. Agenda: choosing court rule sets; second-person review of "
         "entries; attorney reminder settings; audit reports; keeping personal "
         "calendars in sync.", ("docketing",)),
    ],
    "efiling": [
        ("Odyssey, File & ServeXpress and Other State Portals",
         "A tour of the state e-filing systems paralegals meet most: account "
         "setup, envelopes and filing codes, service contacts, filing fees, lead "
         "and attached documents, and how to read a rejection notice.",
         ("efiling",)),
        ("Filing Under Seal and Redacting Before You Upload",
         "Federal electronic filing for sensitive documents: sealed events in "
         "CM/ECF, motions to seal, Rule 5.2 redaction of personal identifiers, "
         "and checking PDFs for hidden text and metadata before submission.",
         ("efiling",)),
    ],
    "trial": [
        ("Eleven Days Out: The Paralegal's Countdown to Verdict",
         "A day-by-day plan for the last stretch before a jury trial: subpoenas "
         "served, witness travel booked, exhibit stickers, demonstratives, the "
         "war room and equipment checks in the courtroom, through closing "
         "arguments and the verdict.", ("trial",)),
        ("Witness Binders and Direct Examination Outlines",
         "Assembling the binders attorneys use in front of the jury: prior "
         "statements, key exhibits and impeachment material for each witness, "
         "indexed and tabbed, with an outline template for direct examination.",
         ("trial",)),
        ("Courtroom Presentation Software: TrialDirector and OnCue in Practice",
         "Loading exhibits, clipping video testimony, callouts and highlights, "
         "and running the display from counsel table without freezing in front "
         "of the jury. Live demonstration with a sample case.", ("trial",)),
    ],
    "depositions": [
        ("Page-Line Digests and Issue Coding for Transcripts",
         "How to read a deposition transcript for the attorney: page-line "
         "digests, narrative summaries, coding testimony by issue, and flagging "
         "admissions and errata sheets.", ("depositions",)),
        ("Setting the Deposition: Notices, Subpoenas, Reporters and Zoom Rooms",
         "Logistics from the first proposed date to the final transcript: "
         "notices and subpoenas duces tecum, booking the court reporter and "
         "videographer, sharing exhibits in a remote deposition, and ordering "
         "expedited transcripts.", ("depositions",)),
        ("Deposition Clips for Trial: Designations and Counter-Designations",
         "Choosing which deposition testimony is played at trial: page-line "
         "designations, objections, counter-designations, and syncing the video "
         "with the transcript for the jury.", ("depositions", "trial")),
    ],
    "investigation": [
        ("Where Did Everyone Go? Tracking Down People Who Moved",
         "Ways to find current addresses of witnesses, heirs and defendants: "
         "voter rolls, property and court records, licensing boards, paid "
         "people-finder services and social networks, with the privacy limits "
         "that apply to each.", ("investigation",)),
        ("Due Diligence Background Reports on People and Companies",
         "Assembling a background report: litigation history, liens and "
         "judgments, corporate affiliations, professional licenses, news and "
         "social media, documented so the findings can be used in the case.",
         ("investigation",)),
    ],
    "contracts": [
        ("Redlining Like a Pro: Comparing Drafts and Tracking Changes",
         "Managing an agreement through several turns with the other side: "
         "comparison tools, clean and marked copies, issues lists, and keeping "
         "the negotiation history straight.", ("contracts",)),
        ("Employment Agreements and Restrictive Covenants",
         "Drafting and reviewing offer letters, executive employment agreements, "
         "non-solicitation and non-compete clauses, and the state-law limits on "
         "enforcing them against departing employees.",
         ("contracts", "employment")),
        ("Reps, Warranties and Indemnities Explained",
         "What the risk-allocation clauses of a commercial agreement do, how "
         "caps and baskets work, and a checklist for summarizing them for the "
         "attorney.", ("contracts",)),
    ],
    "client": [
        ("The First Phone Call",
         "What to ask, what not to say and what to write down when a prospective "
         "client calls: conflict information, urgent dates, staying clear of "
         "advice, and following up with an engagement or declination letter.",
         ("client",)),
        ("Client Service Skills for the Paralegal Team",
         "Returning calls promptly, explaining procedure in plain words, setting "
         "expectations about timing, working with interpreters and handling "
         "complaints before they escalate.", ("client",)),
    ],
    "billing": [
        ("Getting Paid for the Work You Did",
         "Why paralegal time gets written off and how to stop it: recording time "
         "as you go, narratives that satisfy outside billing guidelines, task and "
         "activity codes, and reviewing pre-bills with the attorney.",
         ("billing",)),
        ("Three-Way Reconciliation for Client Trust Accounts",
         "The monthly reconciliation of the bank statement, the trust journal "
         "and each client ledger; the errors auditors find most; and the records "
         "the bar expects the firm to keep.", ("billing",)),
    ],
    "personal_injury": [
        ("Building the Damages File in a Motor Vehicle Case",
         "Lost wages, property damage, medical specials and proof of pain and "
         "suffering in car crash claims, ending with a checklist for the demand "
         "letter.", ("personal_injury",)),
        ("Dog Bites, Falls and Other Premises Claims",
         "Owner liability, actual and constructive notice, comparative fault and "
         "the early evidence paralegals should secure in premises and "
         "animal-attack cases.", ("personal_injury",)),
        ("Working Up a Trucking Collision Case",
         "Preservation letters to motor carriers, driver qualification files, "
         "hours-of-service logs, engine control module data and the federal "
         "safety regulations behind a commercial vehicle claim.",
         ("personal_injury",)),
    ],
    "med_mal": [
        ("Certificates of Merit and Pre-Suit Notice in Health Care Claims",
         "What states require before suing a doctor or hospital: affidavits of "
         "merit, notice periods and tolling, and how paralegals track each step "
         "so the claim is not dismissed.", ("med_mal",)),
        ("Birth Injury and Surgical Error Cases: A Paralegal Primer",
         "Reading fetal monitoring strips, operative reports and anesthesia "
         "records; finding the departure from accepted practice with the "
         "reviewing expert; damages in catastrophic malpractice claims.",
         ("med_mal", "medical_records")),
    ],
    "estate": [
        ("After the Funeral: The First Ninety Days",
         "What happens after a client's family member dies: locating the will, "
         "petitioning to appoint the personal representative, notices to heirs "
         "and creditors, the inventory and the first accounting to the court.",
         ("estate",)),
        ("Trust Funding Checklists: Deeds, Accounts and Beneficiary Forms",
         "A revocable trust fails when assets are never retitled. Practical "
         "steps for deeding real estate to the trustee, retitling bank and "
         "brokerage accounts, and coordinating beneficiary designations.",
         ("estate",)),
        ("Will Signings and Self-Proving Affidavits",
         "Witnesses, notaries, testamentary capacity concerns, remote execution "
         "rules and keeping original wills safe.", ("estate",)),
    ],
    "family": [
        ("Dividing the Marital Estate: Inventories and Valuation",
         "Sworn inventories, separate versus community property, valuing a "
         "family business, and tracing commingled funds in a divorce.",
         ("family",)),
        ("Parenting Time Schedules That Work",
         "Common schedules, holiday rotations, long-distance plans, and drafting "
         "orders that head off later disputes between parents.", ("family",)),
        ("Adoption and Termination of Parental Rights Proceedings",
         "Stepparent, relative and agency adoptions: consents, home studies, "
         "notice to birth parents and the final hearing.", ("family",)),
    ],
    "bankruptcy": [
        ("Means Testing and Exemptions for the Consumer Debtor",
         "Current monthly income, allowed expenses, choosing state or federal "
         "exemptions, and preparing the petition package for filing.",
         ("bankruptcy",)),
        ("Automatic Stay Violations and Motions for Relief",
         "What the stay covers, creditor motions for relief, adequate protection "
         "payments, and damages for willful violations.", ("bankruptcy",)),
    ],
    "immigration": [
        ("Adjustment of Status Packets: Getting Them Right the First Time",
         "Assembling I-485 filings with supporting forms, medical exams, civil "
         "documents and certified translations; answering requests for "
         "evidence.", ("immigration",)),
        ("Immigration Consequences of Criminal Pleas",
         "Which convictions trigger removal, inadmissibility or bars to relief, "
         "and how defense teams work with immigration counsel before a plea is "
         "entered.", ("immigration", "criminal")),
    ],
    "ip": [
        ("Office Actions and Post-Registration Filings at the USPTO",
         "Responding to trademark and patent office actions, Section 8 and 15 "
         "declarations, renewals, and the paralegal's part in keeping a "
         "portfolio alive.", ("ip",)),
        ("Licensing Creative Works: Music, Photos and Software",
         "Who owns a work, work made for hire, license grants and royalties, and "
         "registering works with the Copyright Office.", ("ip",)),
    ],
    "employment": [
        ("Responding to a Charge of Discrimination",
         "From the agency's notice to the position statement: preserving "
         "documents, gathering personnel files, interviewing managers and "
         "meeting the response deadline.", ("employment",)),
        ("Leave Laws and Accommodations in the Workplace",
         "Family and medical leave, disability accommodation requests, the "
         "interactive process and documenting the employer's decisions.",
         ("employment",)),
    ],
    "real_estate": [
        ("Closing Day Without Surprises",
         "Preparing the settlement statement, reviewing the title commitment "
         "and payoff letters, coordinating signatures and wire instructions, "
         "and recording the deed afterwards.", ("real_estate",)),
        ("Commercial Leases: Abstracts and Estoppel Certificates",
         "Abstracting rent, term, renewal and maintenance provisions; preparing "
         "estoppels and SNDAs for lenders and buyers of leased property.",
         ("real_estate",)),
    ],
    "corporate": [
        ("Annual Minutes, Consents and the Minute Book",
         "Keeping entities in good order: annual meeting minutes, written "
         "consents, officer slates, and stock and membership ledgers.",
         ("corporate",)),
        ("Signature Pages, Closing Sets and Post-Closing Filings",
         "The paralegal's checklist for an acquisition closing: signature "
         "packets, escrow releases, good standing certificates and the filings "
         "that follow.", ("corporate",)),
        ("Operating Agreements for Multi-Member LLCs",
         "Drafting the provisions on capital contributions, voting, transfers "
         "and buy-sell rights, and keeping the agreement current as members "
         "change.", ("corporate", "contracts")),
    ],
    "criminal": [
        ("Discovery in Criminal Cases: Brady, Body Cams and Lab Reports",
         "Requesting and organizing discovery from the prosecution, tracking "
         "exculpatory evidence, and reviewing video and forensic lab reports "
         "for the defense.", ("criminal",)),
        ("Mitigation and Sentencing Packets",
         "Gathering school, medical and employment records, character letters "
         "and other mitigation for the sentencing hearing; presentence reports "
         "and objections.", ("criminal",)),
    ],
    "workers_comp": [
        ("When the Injury Happened on the Clock",
         "Claims for on-the-job injuries: notice to the employer, the first "
         "report, temporary benefits, authorized treating physicians and "
         "disputes with the carrier.", ("workers_comp",)),
        ("Settling the Comp Claim: MSAs, Liens and Closing Documents",
         "Medicare set-asides, resolving medical liens, compromise agreements "
         "and approval hearings in workers' compensation cases.",
         ("workers_comp",)),
    ],
    "elder": [
        ("Capacity, Undue Influence and the Aging Client",
         "Recognizing diminished capacity, screening for financial exploitation "
         "of older adults and working with adult protective services.",
         ("elder",)),
        ("Qualifying for Long-Term Care Benefits",
         "Asset and income limits, the transfer penalty period, protections for "
         "the community spouse and the application file for nursing home "
         "coverage.", ("elder",)),
    ],
    "ethics": [
        ("Paralegal Ethics Roundtable: Real Dilemmas, Real Answers",
         "Case studies on confidential information, attorney supervision, social "
         "media posts and changing firms when the new firm represents the other "
         "side.", ("ethics",)),
        ("Where Help Ends and Legal Advice Begins",
         "Practical lines for paralegals who talk with clients, court staff and "
         "the public, and what courts have held about non-lawyer assistance.",
         ("ethics",)),
        ("Confidentiality in a Remote Office",
         "Home networks, shared devices, video calls and cloud storage: "
         "protecting client information outside the office under the rules of "
         "professional conduct.", ("ethics",)),
    ],
    "wellness": [
        ("Resilience for Litigation Teams",
         "Managing workload peaks, sleep and recovery around trial schedules, and "
         "setting limits on after-hours email.", ("wellness",)),
    ],
    "office_tech": [
        ("PDF Skills for Court-Ready Documents",
         "Bates stamping, text recognition on scans, bookmarks, shrinking file "
         "size and merging exhibits into a single PDF.", ("office_tech",)),
        ("Spreadsheets for Damages and Case Lists",
         "Formulas, sorting, conditional formatting and charts for damages "
         "calculations and matter lists.", ("office_tech",)),
    ],
    "career": [
        ("Building Your Paralegal Career Path",
         "Certifications, specialization, salary conversations and moving into "
         "a supervising role.", ("career",)),
    ],
}  # fmt: skip

#: Provider framings of a title: (provider slug, title pattern). The slugs are
#: those whose sponsor facts bench/eval/acceptance_grade.py records.
FRAMES = (
    ("nala", "{t}"),
    ("nala", "NALA Campus Live: {t}"),
    ("nfpa", "NFPA Webinar: {t}"),
    ("nfpa", "{t} | NFPA CLE"),
    ("nals", "{t}"),
    ("nals", "NALS Virtual Learning | {t}"),
    ("aapi", "AAPI Education Series: {t}"),
    ("clio", "{t} [Clio Webinar]"),
    ("nbi", "{t}"),
    ("lorman", "{t} | Lorman Education Services"),
    ("pli", "PLI One-Hour Briefing: {t}"),
    ("ocpa", "OCPA Lunch & Learn: {t}"),
    ("txpd", "TXPD CLE: {t}"),
    ("txpd", "{t}"),
)

#: Provider boilerplate after a description (what each site repeats).
BOILERPLATE = {
    "nala": "Attendees receive a certificate of completion; Certified Paralegals "
            "may report this program toward their continuing legal education "
            "hours.",
    "nfpa": "NFPA has approved this program for RP and CRP continuing "
            "legal education. The certificate is issued after the evaluation "
            "is submitted.",
    "nals": "Members register at the member rate. The recording is sent to all "
            "registrants within two business days.",
    "aapi": "Presented by the American Alliance of Paralegals, Inc. for "
            "paralegals at every stage of their careers.",
    "clio": "No cost to attend. A recording and the slides are emailed to "
            "everyone who registers.",
    "nbi": "NBI programs are taught by seasoned practitioners and come with a "
           "comprehensive manual. Credit hours vary by state; see the credit "
           "tab.",
    "lorman": "Includes a PDF manual, a certificate of completion and access "
              "to the presenter's answers after the program.",
    "pli": "PLI programs are available live, on demand and as podcasts. "
           "Continuing education credit depends on your jurisdiction.",
    "ocpa": "Lunch is served to in-person attendees. Open to members and "
            "non-members of the association.",
    "txpd": "A program of the Paralegal Division of the State Bar of Texas.",
}  # fmt: skip
