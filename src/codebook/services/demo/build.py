"""Building the demo project from the files shipped in the repository.

``make demo`` runs this package (``python -m codebook.services.demo``). It
uses only the public services, in the order an analyst would: create the
project, import the transcripts with their attribute sidecar, import the
codebook, apply the two analysts' codings and memos, import the questionnaire
and link its items to their themes, and index the texts for search. So the
demo doubles as
an end-to-end check that those services fit together.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from codebook.domain import CodebookError
from codebook.domain.documents import ImportOutcome
from codebook.services.cases import link_case, link_speakers_as_cases
from codebook.services.codebook.exchange import import_codebook
from codebook.services.demo.codings import apply_demo_file
from codebook.services.importing import load_sidecar
from codebook.services.importing.sidecar import Attributes
from codebook.services.project_store import coder_id, init_project
from codebook.services.text_index.store import refresh_index
from codebook.services.transcripts import ImportOptions, expand_paths, import_files

DEMO_CODER = "analist-a"


def build_demo(location: str | Path, root: Path) -> None:
    """Create a complete, coded demo project at ``location`` from ``root``'s sample files."""
    transcripts = root / "transcripts"
    store = init_project(location, "Werkplaatsen Onderwijsonderzoek PO", "nl")
    try:
        sidecar = load_sidecar(transcripts / "attributes.csv")
        outcomes = import_files(
            store,
            DEMO_CODER,
            expand_paths([transcripts]),
            ImportOptions(language="nl", sidecar=sidecar),
        )
        failed = [o.detail for o in outcomes if o.status == "failed"]
        if failed:
            raise CodebookError("demo transcripts did not import: {problem}", problem=failed[0])
        with store.write() as session:
            _link_cases(session, coder_id(session, DEMO_CODER), outcomes, sidecar)
        with store.write() as session:
            import_codebook(
                session,
                coder_id(session, DEMO_CODER),
                root / "codebooks" / "werkplaatsen.yaml",
                reason="theoretisch model van de werkplaatsen",
            )
        with store.write() as session:
            apply_demo_file(session, transcripts / "demo-codings.yaml", DEMO_CODER)
        with store.write() as session:
            _import_questionnaire(session, coder_id(session, DEMO_CODER), transcripts)
        with store.write() as session:
            refresh_index(session)
    finally:
        store.close()


def _link_cases(
    session: Session, coder: int, outcomes: Sequence[ImportOutcome], sidecar: Attributes
) -> None:
    """Every person is a case, so the code x case matrix counts per person: each
    interviewee ("WOA coördinator") for their interview, each HO researcher of a
    focus group for their own turns."""
    for outcome in outcomes:
        attributes = {k: str(v) for k, (_, v) in sidecar.get(outcome.path.name, {}).items()}
        if outcome.document_id is None:
            continue
        if attributes.get("soort") == "focusgroep":
            link_speakers_as_cases(session, coder, outcome.document_id)
        else:
            name = f"{attributes['werkplaats']} {attributes['rol']}"
            link_case(session, coder, name, outcome.document_id)


SCHOOL_LEADER = "Vormgeving van de samenwerking > Rol van de schoolleider"
SURVEY_THEMES = {
    "De schoolleider faciliteert mijn onderzoekstijd": SCHOOL_LEADER,
    "De schoolleider stimuleert kennisdeling in het team": SCHOOL_LEADER,
    "De schoolleider heeft een onderzoekende houding": SCHOOL_LEADER,
    "Ben je betrokken geweest bij het opstellen van de onderzoeksvraag?": "Kennisdeling",
    "Ervaar je een gelijkwaardige samenwerkingsrelatie met de HO-onderzoeker?": (
        "Vormgeving van de samenwerking > Gelijkwaardige samenwerking met HO-onderzoeker"
    ),
    "Door wie wordt de kennis uit jouw onderzoek nu gebruikt?": "Schoolontwikkeling",
}


def _import_questionnaire(session: Session, coder: int, transcripts: Path) -> None:
    """The teacher-researchers' and colleagues' questionnaire beside the interviews, its
    school-leader statements and the equal-partnership question in the chapter on shaping
    the collaboration, who uses the knowledge in school development's, and the involvement
    item in knowledge sharing's, where the report shows their figures."""
    from dataclasses import replace

    from codebook.services.surveys.items import link_item
    from codebook.services.surveys.reading import read_survey
    from codebook.services.surveys.storage import store_survey

    parsed = read_survey(
        transcripts / "vragenlijst-leerkrachtonderzoekers.csv",
        id_column="respondent",
        attributes=("werkplaats", "rol"),
        open_columns=("Wat levert de werkplaats jouw school op?",),
        scales={
            **{statement: "likert5" for statement in list(SURVEY_THEMES)[:3]},
            "Ervaar je een gelijkwaardige samenwerkingsrelatie met de HO-onderzoeker?": "yesno",
            "Door wie wordt de kennis uit jouw onderzoek nu gebruikt?": "choice",
            "Ben je betrokken geweest bij het opstellen van de onderzoeksvraag?": "yesno",
        },
        sheet=None,
    )
    store_survey(session, coder, replace(parsed, name="Vragenlijst"), language="nl")
    for item, theme in SURVEY_THEMES.items():
        link_item(session, coder, item, theme)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m codebook.services.demo TARGET.db REPO_ROOT", file=sys.stderr)
        return 2
    target, root = Path(argv[0]), Path(argv[1])
    if target.exists():
        print(f"error: {target}: a project already exists here", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        build_demo(target, root)
    except CodebookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        # a half-built demo is worth nothing: remove it so `make demo` can try again
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        return 1
    print(f"Built demo project {target}")
    return 0
