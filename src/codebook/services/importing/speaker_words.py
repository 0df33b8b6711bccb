"""The words a speaker label may hold, and the words that keep a line from being one.

Kept apart from the line shapes (``speaker_shapes``) because these lists grow
with every transcript style met in the wild, while the shapes rarely change.
"""

from __future__ import annotations

MAX_LABEL_CHARS = 40
MAX_LABEL_WORDS = 5

# Role labels accepted in any case, even when they occur once.
KNOWN_LABELS = frozenset(
    {
        "i",
        "r",
        "int",
        "resp",
        "interviewer",
        "interviewster",
        "interviewee",
        "respondent",
        "moderator",
        "geïnterviewde",
        "gespreksleider",
        "onderzoeker",
        "deelnemer",
        "participant",
        "spreker",
        "speaker",
        "facilitator",
        "voorzitter",
        "researcher",
    }
)

# Roles that ask the questions rather than answer them: in a focus group they
# are not a participant, so they never become a case of their own.
INTERVIEWING_ROLES = frozenset(
    {
        "interviewer",
        "interviewster",
        "i",
        "int",
        "moderator",
        "gespreksleider",
        "facilitator",
        "voorzitter",
    }
)

# Lowercase words allowed inside a name ("Marieke de Wit", "Said el Amrani").
NAME_PARTICLES = frozenset(
    {"van", "de", "der", "den", "ten", "ter", "te", "'t", "el", "al", "bin", "ben", "von", "du"}
)

# Lowercase titles and offices allowed in a label, as minutes and parliamentary
# records write them ("De heer Pechtold", "De voorzitter", "dr. Jansen"). They
# do not count towards MAX_LABEL_WORDS.
TITLE_WORDS = frozenset(
    {
        "heer",
        "mevrouw",
        "voorzitter",
        "minister",
        "minister-president",
        "staatssecretaris",
        "burgemeester",
        "wethouder",
        "gedeputeerde",
        "griffier",
        "commissaris",
        "dr.",
        "drs.",
        "mr.",
        "ir.",
        "ing.",
        "prof.",
        "dhr.",
        "mevr.",
        "mw.",
    }
)

# Transcript annotations, header fields and report section headings: never a
# speaker on their own, however often they occur ("[Lacht]", "Datum: 14 maart
# 2018", "### Introduction"). A label of several words that starts with one
# ("Project Manager") is a speaker when it recurs.
NEVER_LABELS = frozenset(
    {
        "aanwezig",
        "aanwezigen",
        "abstract",
        "achtergrond",
        "agenda",
        "appendix",
        "applaus",
        "applause",
        "background",
        "begin",
        "bestand",
        "bijlage",
        "bron",
        "cheering",
        "coughs",
        "crosstalk",
        "datum",
        "date",
        "deelnemers",
        "discussie",
        "discussion",
        "duration",
        "duur",
        "einde",
        "end",
        "file",
        "gelach",
        "gejuich",
        "hoest",
        "inaudible",
        "inleiding",
        "introduction",
        "lacht",
        "lachen",
        "laughs",
        "laughter",
        "sighs",
        "zucht",
        "let",
        "locatie",
        "location",
        "method",
        "methode",
        "methods",
        "muziek",
        "music",
        "nb",
        "noot",
        "note",
        "onderwerp",
        "onduidelijk",
        "onverstaanbaar",
        "opmerking",
        "opname",
        "participants",
        "pause",
        "pauze",
        "plaats",
        "present",
        "project",
        "ps",
        "recording",
        "references",
        "resultaten",
        "results",
        "silence",
        "start",
        "stilte",
        "subject",
        "tijd",
        "time",
        "titel",
        "title",
        "transcript",
        "transcriptie",
        "unintelligible",
        "zie",
    }
)

# Ordinary words that start sentences: a label made of one of these only counts
# as a speaker when it occurs more than once ("Vraag:"/"Antwoord:" transcripts).
COMMON_WORDS = frozenset(
    {
        "antwoord",
        "bijvoorbeeld",
        "conclusie",
        "daarna",
        "dan",
        "dat",
        "dit",
        "doel",
        "dus",
        "eerst",
        "eigenlijk",
        "en",
        "gewoon",
        "het",
        "hoe",
        "ja",
        "kortom",
        "maar",
        "misschien",
        "natuurlijk",
        "nee",
        "nou",
        "oftewel",
        "ok",
        "oke",
        "okay",
        "oké",
        "punt",
        "samenvatting",
        "stelling",
        "thema",
        "toelichting",
        "vraag",
        "waarom",
        "want",
        "wat",
        "welke",
        "wie",
        "zo",
        "and",
        "answer",
        "but",
        "conclusion",
        "example",
        "how",
        "no",
        "question",
        "so",
        "summary",
        "the",
        "topic",
        "well",
        "what",
        "who",
        "why",
        "yes",
    }
)
