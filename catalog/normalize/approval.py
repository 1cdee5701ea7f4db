"""Approval wording: whether a credit line approves, refuses or awaits credit.

How a line is read (choices documented here, tested in
``tests/catalog/test_normalize_credits.py``):

- Status: "no CLE credit", "not eligible", "has not been approved for MCLE
  credit" … → ``none``; "pending", "applied for", "is applying to", "will
  seek", "seeks pre-approval", "not yet approved" … → ``pending``; "approved",
  "accredited", "eligible" → ``approved``.
- What states nothing is read past: a question ("Is this course approved for
  ethics credit?"), a condition ("If accreditation was approved for your
  state, …"; but "If approved, …" and "subject to approval" are pending),
  and a negation of one category only ("has not been approved for ethics
  credit", "no ethics credit"), which neither approves nor refuses the
  course as a whole. A negated approval word ("webcasts are not an approved
  instruction method for NLT credit") is never read as an approval.
- ``approvals`` names the credential ids whose bodies the wording says approved
  the course (see :data:`APPROVAL_BODIES`). Nothing is recorded from a clause
  (a sentence, or a part after ";", "but", ", and") that says approval is
  pending, or that only says where an attendee may seek credit: "Paralegals
  may self-report the hour to NALA", "may be submitted to NFPA", "check with
  your association", "you may apply for credit with NALS" are not approvals.
"""

from __future__ import annotations

import re

#: Body wording → credential ids (DESIGN.md section 3, research/requirements.yaml).
#: NFPA and NALS approval serves each of their credentials; "California MCLE" is
#: the State Bar's approval that Bus. & Prof. Code 6450 asks of paralegal courses,
#: recorded under the id ``ca-mcle`` used across the project.
APPROVAL_BODIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\bnala\b|national association of legal assistants", ("nala-cp",)),
    (
        r"\bnfpa\b|national federation of paralegal|paralegals\.org",
        ("nfpa-crp", "nfpa-rp"),
    ),
    (r"\bnals\b", ("nals-alp", "nals-clp", "nals-pp")),
    (r"\baapi\b|american alliance of paralegals", ("aapi-aacp",)),
    (
        r"\b(?:california|ca|cal\.)[\s-]+(?:state\s+bar\s+)?mcle\b"
        r"|state bar of california|california state bar|\bcalbar\b",
        ("ca-mcle",),
    ),
    (r"paralegal division|state bar of texas|\btexas\s+mcle\b", ("tx-sbot-pd",)),
    (r"\bflorida bar\b", ("fl-frp",)),
    (r"north carolina state bar|\bnc state bar\b", ("nc-ncscp",)),
    (r"kentucky paralegal association", ("ky-ckp",)),
)

#: The course gives no credit: "No CLE credit", "has not been approved for MCLE
#: credit", "This is not an accredited program".
NO_CREDIT = re.compile(
    r"\bnot\s+an?\s+(?:approved|accredited)\s+(?:cle\s+)?(?:program|course|activity"
    r"|seminar|webinar|event)s?\b|"
    r"\bno\s+(?:\w+\s+){0,3}?credits?\b|\bnon[- ]?cle\b|\bnot\s+(?:be\s+|been\s+)?"
    r"(?:approved|eligible|accredited|offered|available)\b|\bdo(?:es)?\s+not\s+"
    r"(?:qualify|offer|provide|carry|include|count)\b|\bwithout\s+(?:cle\s+)?credit"
    r"|\bnot\s+(?:for|valid\s+for)\s+(?:cle\s+)?credit|\bineligible\b"
    r"|^\W*(?:none|n/?a|no)\W*$|\bcredit\W*(?:none|n/a)\b"
)
#: Approval asked for, not yet given: "pending", "is applying to", "will seek".
PENDING = re.compile(
    r"\bpending\b|\bapplied\s+for\b|\bapplication\s+(?:\w+\s+){0,3}?(?:submitted|"
    r"filed|made)\b|\bsubmitted\s+for\b|\b(?:has|have)\s+been\s+(?:requested|submitted|"
    r"filed)\b|\bwill\s+be\s+"
    r"(?:sought|requested|submitted)\b|\bawaiting\b|\bapproval\s+(?:is\s+)?"
    r"(?:requested|sought)\b|\bin\s+process\b|\bapplying\s+(?:to|for|with)\b"
    r"|\bseek(?:s|ing)?\s+(?:\w+\s+){0,2}?(?:pre-?)?(?:approval|accreditation)\b"
    r"|\bwill\s+seek\b|\bnot\s+yet\s+(?:been\s+)?(?:approved|accredited)\b"
)
#: Approval given; a negated word ("not an approved method") is not one.
APPROVED = re.compile(
    r"(?<!not\s)(?<!not\san\s)(?<!not\sa\s)\b(?:approved|accredited|eligible|qualifies)\b"
)
#: Sentences that state nothing: "If accreditation was approved …, then …".
CONDITION = re.compile(r"\b(?:if|whether|unless|once)\b[^,.;]*,")
#: … except a condition on the approval itself, which is a pending approval:
#: "If approved, the program carries 1.0 hour", "subject to approval".
CONDITIONAL_APPROVAL = re.compile(
    r"\b(?:if|once|when)\s+(?:it\s+is\s+|is\s+)?(?:approved|accredited)\b"
    r"|\bupon\s+approval\b|\bsubject\s+to\s+(?:\w+\s+)?approval\b"
)
#: Negations of one category only: "not been approved for ethics credit".
CATEGORY_NEGATION = re.compile(
    r"\b(?:not|never)\s+(?:\w+\s+){0,3}?(?:approved|accredited|eligible|offered|"
    r"available)\s+for\s+(?:\w+\s+){0,2}?(?:ethics?|ethical|professional"
    r"\s+responsibility|specialty|specialized|substantive)\s+(?:\w+\s+)?credits?\b"
    r"|\bno\s+(?:\w+\s+)?(?:ethics?|specialty|specialized|substantive)\s+"
    r"(?:\w+\s+)?credits?\b"
)
#: Clauses that tell the attendee where they may seek credit, not who approved
#: it: "Paralegals may self-report the hour to NALA and NFPA".
SEEK_CREDIT = re.compile(
    r"\bself[- ]?report|\bself[- ]?submi|\b(?:may|can|could|should|must|might)\s+"
    r"(?:\w+\s+){0,3}?(?:report|submit|apply|request|claim|petition|seek)"
    r"|\bcheck\s+with\b|\bcontact\s+(?:your|their|the)\b|\bconsult\s+(?:your|their)\b"
    r"|\bat\s+the\s+discretion\s+of\b|\bnot\s+guaranteed\b"
)


def statements(lowered: str) -> str:
    """The wording without questions, conditions and category-only negations.

    "Is this course approved for ethics credit?" and "If accreditation was
    approved for your state, ..." state nothing; "not approved for ethics
    credit" and "no ethics credit" speak of one category only, so they neither
    approve nor refuse the course.
    """
    sentences = re.split(r"(?<=[.?!])\s+", lowered)
    kept = " ".join(s for s in sentences if not s.rstrip(" )\"'").endswith("?"))
    kept = CONDITION.sub(" ", CONDITIONAL_APPROVAL.sub(" pending ", kept))
    return CATEGORY_NEGATION.sub(" ", kept)


def strip_pending(text: str) -> str:
    """The wording without its clauses that say approval is pending."""
    clauses = re.split(r"[;|\n]|\.\s", text)
    return " ".join(c for c in clauses if not PENDING.search(c))


def approvals(text: str) -> list[str]:
    """Credential ids of the bodies named in clauses that state an approval.

    A clause that is pending, or that only says where the attendee may seek
    credit ("may self-report to NALA", "check with your association"),
    records nothing.
    """
    clauses = re.split(r"[;|\n]|\.\s|,\s*(?:and|but|or|while)\s|\bbut\b", text)
    stated = (c for c in clauses if not (PENDING.search(c) or SEEK_CREDIT.search(c)))
    approved = " | ".join(stated)
    found: set[str] = set()
    for pattern, ids in APPROVAL_BODIES:
        if re.search(pattern, approved):
            found.update(ids)
    return sorted(found)
