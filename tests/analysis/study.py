"""A small coded study on SQLite and PostgreSQL: three interviews, five codes, two coders.

Every coding is placed by quoting the passage, so a test reads as the analyst
would say it ("Karel's 'Het bestuur geeft tijd.' is coded Rol van het
schoolbestuur") and offsets are never typed by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from codebook.db.engine import Store
from codebook.domain import AttributeType, CodeFields
from codebook.services.codebook.codes import create_code
from codebook.services.coding import NewCoding, apply_codings
from codebook.services.documents import set_attributes
from codebook.services.project_store import coder_id
from helpers import add_doc

WOA = (
    "Interviewer: Hoe verloopt de kennisdeling?\n"
    "Judith: We delen kennis landelijk via de conferentie. Ook binnen de werkplaats praten we "
    "veel. Het bestuur steunt ons.\n"
    "Interviewer: En de samenwerking?\n"
    "Judith: De samenwerking met de hogeschool is gelijkwaardig. We plannen samen.\n"
)
POINT = (
    "Interviewer: Wat doet het bestuur?\n"
    "Karel: Het bestuur geeft tijd. De kennis blijft vooral binnen de school. "
    "Landelijk delen we weinig.\n"
)
WOU = (
    "Interviewer: Hoe is het begonnen?\n"
    "Ilse: Met een kleine groep enthousiaste leerkrachten. Daarna sloot de pabo aan.\n"
)

THEMES = ("Kennisdeling", "Vormgeving van de samenwerking", "Rol van het schoolbestuur")
LANDELIJK = "Kennisdeling > Landelijke kennisdeling"
BINNEN = "Kennisdeling > Kennisdeling binnen de werkplaats"
GELIJK = "Vormgeving van de samenwerking > Gelijkwaardigheid"
BESTUUR = "Rol van het schoolbestuur"

# (document, code path, passage, coder, memo)
CODINGS: tuple[tuple[str, str, str, str, str | None], ...] = (
    ("woa-01.txt", LANDELIJK, "We delen kennis landelijk via de conferentie.", "anna", "mooi"),
    ("woa-01.txt", BINNEN, "Ook binnen de werkplaats praten we veel.", "anna", None),
    (
        "woa-01.txt",
        "Kennisdeling",
        "We delen kennis landelijk via de conferentie. Ook binnen de werkplaats praten we veel.",
        "anna",
        None,
    ),
    ("woa-01.txt", BESTUUR, "Het bestuur steunt ons.", "anna", None),
    ("woa-01.txt", GELIJK, "De samenwerking met de hogeschool is gelijkwaardig.", "anna", None),
    ("woa-01.txt", GELIJK, "De samenwerking met de hogeschool is gelijkwaardig.", "bram", "eens"),
    ("point-01.txt", BESTUUR, "Het bestuur geeft tijd.", "bram", None),
    ("point-01.txt", BINNEN, "De kennis blijft vooral binnen de school.", "bram", None),
    ("point-01.txt", LANDELIJK, "Landelijk delen we weinig.", "anna", None),
)


@dataclass
class Study:
    store: Store
    docs: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)
    coders: dict[str, int] = field(default_factory=dict)

    def span(self, doc: str, passage: str) -> tuple[int, int]:
        start = self.texts[doc].index(passage)
        return start, start + len(passage)


def build_study(store: Store) -> Study:
    study = Study(store)
    with store.write() as s:
        study.coders = {name: coder_id(s, name) for name in ("anna", "bram")}
        anna = study.coders["anna"]
        for name, text, werkplaats, rol in (
            ("woa-01.txt", WOA, "WOA", "coördinator"),
            ("point-01.txt", POINT, "POINT", "schoolleider"),
            ("wou-01.txt", WOU, "WOU", "coördinator"),
        ):
            doc = add_doc(s, anna, name, text)
            study.docs[name], study.texts[name] = doc, text
            set_attributes(
                s,
                anna,
                doc,
                {
                    "werkplaats": (AttributeType.CATEGORY, werkplaats),
                    "rol": (AttributeType.CATEGORY, rol),
                },
            )
        fields = {
            "Kennisdeling": CodeFields(
                "Kennisdeling",
                brief_definition="Het delen van kennis.",
                full_definition="Alle vormen van kennisdeling binnen en buiten de werkplaats.",
                when_to_use="Bij uitwisseling van kennis.",
                when_not_to_use="Niet voor samenwerking.",
                example="We delen kennis.",
                keywords=("kennis", "delen"),
            ),
            "Vormgeving van de samenwerking": CodeFields(
                "Vormgeving van de samenwerking", brief_definition="Hoe samengewerkt wordt."
            ),
            BESTUUR: CodeFields(BESTUUR, brief_definition="Wat het bestuur doet."),
        }
        for theme in THEMES:
            study.codes[theme] = create_code(s, anna, fields[theme]).id
        for path in (LANDELIJK, BINNEN, GELIJK):
            parent, _, name = path.rpartition(" > ")
            study.codes[path] = create_code(s, anna, CodeFields(name), parent).id
        for coder in ("anna", "bram"):
            items = [
                NewCoding(study.docs[doc], study.codes[code], *study.span(doc, passage), memo)
                for doc, code, passage, who, memo in CODINGS
                if who == coder
            ]
            apply_codings(s, study.coders[coder], items)
    return study
