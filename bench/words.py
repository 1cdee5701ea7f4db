"""Word lists the scale generator draws from: providers, practice areas, titles.

Realistic for US paralegal CLE (research/providers.md names the providers and
the credential ids); the practice-area topics are what such courses teach.
"""

#: (slug, name, home timezone). National groups, vendors and state/local groups.
PROVIDERS: tuple[tuple[str, str, str], ...] = (
    ("nala", "NALA - The Paralegal Association", "America/Chicago"),
    ("nfpa", "National Federation of Paralegal Associations", "America/New_York"),
    ("nals", "NALS - The Association for Legal Professionals", "America/Chicago"),
    ("aapi", "American Alliance of Paralegals", "America/Phoenix"),
    ("clio", "Clio", "America/Los_Angeles"),
    ("nbi", "National Business Institute", "America/Chicago"),
    ("lorman", "Lorman Education Services", "America/Chicago"),
    ("lawline", "Lawline", "America/New_York"),
    ("pli", "Practising Law Institute", "America/New_York"),
    ("mylawcle", "myLawCLE", "America/New_York"),
    ("ocpa", "Orange County Paralegal Association", "America/Los_Angeles"),
    ("sfpa", "San Francisco Paralegal Association", "America/Los_Angeles"),
    ("lapa", "Los Angeles Paralegal Association", "America/Los_Angeles"),
    ("txpd", "State Bar of Texas Paralegal Division", "America/Chicago"),
    ("ncpa", "North Carolina Paralegal Association", "America/New_York"),
    ("papa", "Philadelphia Area Paralegal Association", "America/New_York"),
    ("rmpa", "Rocky Mountain Paralegal Association", "America/Denver"),
    ("wspa", "Washington State Paralegal Association", "America/Los_Angeles"),
)

# fmt: off
#: practice area -> topics a course in that area teaches ("; "-separated).
_AREA_TOPICS = {
    "litigation": (
        "deposition preparation; trial notebooks; motion practice; "
        "discovery requests; subpoenas; exhibit management"
    ),
    "personal injury": (
        "medical records; demand letters; damages calculations; "
        "liens and subrogation; accident reconstruction reports"
    ),
    "medical malpractice": (
        "medical records; expert witnesses; standard of care; "
        "medical chronologies"
    ),
    "family law": (
        "child support worksheets; custody evaluations; "
        "qualified domestic relations orders; financial affidavits"
    ),
    "estate planning": (
        "wills and trusts; powers of attorney; trust funding; "
        "beneficiary designations"
    ),
    "probate": (
        "estate administration; inventories and accountings; guardianships; "
        "probate court filings"
    ),
    "real estate": (
        "title examination; closing statements; commercial leases; "
        "easements; 1031 exchanges"
    ),
    "corporate": (
        "entity formation; board minutes; UCC filings; due diligence; "
        "annual reports"
    ),
    "bankruptcy": (
        "chapter 7 petitions; chapter 13 plans; proofs of claim; "
        "automatic stay; means test"
    ),
    "immigration": (
        "family petitions; H-1B visas; naturalization; asylum; "
        "employment authorization"
    ),
    "intellectual property": (
        "trademark prosecution; patent docketing; copyright registration; "
        "trade secrets"
    ),
    "employment": (
        "wage and hour claims; EEOC charges; FMLA leave; "
        "workplace investigations; noncompete agreements"
    ),
    "criminal law": (
        "discovery in criminal cases; sentencing guidelines; expungement; "
        "bail and pretrial release"
    ),
    "workers compensation": (
        "claim forms; independent medical examinations; "
        "settlement agreements; return to work"
    ),
    "e-discovery": (
        "litigation holds; ESI collection; technology assisted review; "
        "privilege logs; load files"
    ),
    "legal technology": (
        "generative AI; practice management software; document automation; "
        "cybersecurity; Excel for litigation"
    ),
    "legal research": (
        "Westlaw and Lexis; legislative history; citation checking; "
        "secondary sources"
    ),
    "legal writing": (
        "memoranda; plain language drafting; Bluebook citation; "
        "correspondence"
    ),
    "appellate practice": "record on appeal; appellate briefs; appendices",
    "tax": "estate tax returns; tax liens; IRS correspondence",
}
AREAS: dict[str, tuple[str, ...]] = {
    area: tuple(topics.split("; ")) for area, topics in _AREA_TOPICS.items()
}
# fmt: on

ETHICS_TOPICS = (
    "confidentiality",
    "conflicts of interest",
    "unauthorized practice of law",
    "supervision of nonlawyers",
    "social media",
    "client trust accounts",
    "candor to the tribunal",
    "competence with technology",
)
TITLE_TEMPLATES = (
    "{Topic} for {Area} Paralegals",
    "{Area} Update: {Topic}",
    "{Topic}: A Practical Guide for Paralegals",
    "Advanced {Topic} in {Area}",
    "{Topic} Boot Camp",
    "The Paralegal's Role in {Topic}",
    "Mastering {Topic}",
    "{Area} Essentials: {Topic} and {Topic2}",
)
ETHICS_TITLES = (
    "Ethics for Paralegals: {Ethics}",
    "{Ethics} in {Area} Practice",
    "Legal Ethics Update: {Ethics} and {Topic}",
)
SENTENCES = (
    "This program walks paralegals through {topic} in {area} matters.",
    "Attendees learn a step-by-step workflow for {topic} and {topic2}.",
    "Our presenter shares checklists, templates and common mistakes in {topic}.",
    "The session covers recent rule changes that affect {area} practice.",
    "Learn how to work with attorneys and clients on {topic2}.",
    "Examples are drawn from real {area} files, with time for questions.",
    "Ideal for paralegals new to {area} and for experienced staff needing a refresher.",
    "We also look at {ethics} and how it applies to {topic}.",
    "Participants leave with a sample {topic2} checklist.",
)
# fmt: off
FIRST_NAMES = (
    "Maria", "James", "Aisha", "Robert", "Linda", "Wei", "Carlos", "Priya", "Susan",
    "Daniel", "Keisha", "Thomas", "Elena", "Kevin", "Rachel", "Omar"
)
LAST_NAMES = (
    "Ortiz", "Nguyen", "Johnson", "Patel", "Schmidt", "Washington", "Kim", "Garcia",
    "O'Brien", "Rossi", "Cohen", "Okafor", "Li", "Martinez", "Baker"
)
CITIES = (
    ("Chicago", "IL"), ("Dallas", "TX"), ("Los Angeles", "CA"), ("Atlanta", "GA"),
    ("Denver", "CO"), ("Phoenix", "AZ"), ("Raleigh", "NC"), ("Philadelphia", "PA"),
    ("Seattle", "WA"), ("Tulsa", "OK"), ("Columbus", "OH"), ("San Diego", "CA"),
)
APPROVALS = (
    "nala-cp", "nfpa-rp", "nfpa-crp", "nals-pp", "nals-clp", "aapi-aacp", "ca-bpc-6450",
    "fl-frp", "tx-sbot-pd", "nc-ncscp"
)
# fmt: on
#: (format, weight) for courses; on-demand and self-study courses have no dates.
FORMAT_WEIGHTS = (
    ("live_webinar", 45),
    ("on_demand", 25),
    ("in_person", 10),
    ("hybrid", 5),
    ("self_study", 15),
)
SCHEDULED = ("live_webinar", "in_person", "hybrid")
DURATIONS = (60, 60, 60, 75, 90, 90, 120, 180, 360)
