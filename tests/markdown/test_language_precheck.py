"""The detector's English pre-check (markdown/language.py plainly_english, issue 21): what it
settles is what lingua says, other languages written without accents go to lingua, and an
English folder does not load lingua at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentic_docgen.markdown import language
from agentic_docgen.markdown.language import (
    _detector,
    _prose,
    detect_many,
    files_language,
    plainly_english,
    prose_sample,
)

ROOT = Path(__file__).resolve().parents[2]

# other catalogue languages written in ASCII only (no accents, umlauts or Polish letters)
ASCII_OTHERS = [
    "Die Installation des Servers ist einfach: laden Sie das Paket herunter, entpacken Sie"
    " es in ein Verzeichnis und starten Sie den Dienst. Wenn das nicht geht, lesen Sie die"
    " Protokolle im Ordner logs, dort steht was schief ging und was zu tun ist.",
    "Pour installer le serveur, telechargez le paquet, decompressez le dans un dossier et"
    " lancez le service. Si cela ne marche pas, lisez les journaux dans le dossier logs, on"
    " y trouve ce qui a echoue et ce qu'il faut faire pour le corriger.",
    "Para instalar el servidor, descargue el paquete, descomprimalo en una carpeta y inicie"
    " el servicio. Si no funciona, lea los registros en la carpeta logs, alli se explica"
    " que fallo y que hay que hacer para corregirlo.",
    "Om de server te installeren downloadt u het pakket, pakt u het uit in een map en start"
    " u de dienst. Als dat niet lukt, lees dan de logboeken in de map logs, daar staat wat"
    " er mis ging en wat u moet doen of laten.",
    "Per installare il server scaricate il pacchetto, estraetelo in una cartella e avviate"
    " il servizio. Se non funziona leggete i registri nella cartella logs, dove si spiega"
    " cosa non ha funzionato e cosa fare per correggerlo.",
    "Para instalar o servidor, baixe o pacote, descompacte o em uma pasta e inicie o"
    " servico. Se nao funcionar, leia os registros na pasta logs, onde se explica o que"
    " falhou e o que fazer para corrigir as falhas.",
    "Aby zainstalowac serwer, pobierz pakiet, rozpakuj go do katalogu i uruchom usluge."
    " Jesli to nie dziala, przeczytaj dzienniki w katalogu logs, tam jest napisane co"
    " poszlo nie tak i co trzeba zrobic.",
]


def _english_samples() -> list[str]:
    """Prose samples of the project's own English pages, one per section."""
    out = []
    for page in sorted(
        [*(ROOT / "docs").glob("*.md"), ROOT / "README.md", *(ROOT / "examples").glob("*.md")]
    ):
        sections = page.read_text(encoding="utf-8").split("\n## ")
        out += [s for s in (prose_sample(sec.split("\n")) for sec in sections) if _prose(s)]
    return out


def test_what_the_pre_check_settles_lingua_calls_english() -> None:
    samples = [_prose(s) for s in _english_samples()]
    settled = [s for s in samples if s and plainly_english(s)]
    assert len(settled) >= 30  # the pre-check settles most of the project's pages
    found = _detector().detect_languages_in_parallel_of(settled)
    disagree = [
        s for s, lang in zip(settled, found, strict=True) if lang is None or lang.name != "ENGLISH"
    ]
    assert disagree == []


@pytest.mark.parametrize("text", ASCII_OTHERS, ids=[t.split()[0] for t in ASCII_OTHERS])
def test_other_languages_without_accents_go_to_the_detector(text: str) -> None:
    sample = _prose(text)
    assert sample is not None and not plainly_english(sample)
    assert detect_many([text]) != ["en"]


def test_english_with_accents_or_few_function_words_goes_to_the_detector() -> None:
    assert not plainly_english("The café serves crème brûlée and the bakery is open for you")
    # a list of names and commands: English words, but not enough of them to be sure
    names = " ".join(["install", "server", "restart", "status", "deploy", "rollback"] * 5)
    assert not plainly_english(names + " the and with")


def test_an_english_folder_does_not_load_lingua(tmp_path: Path) -> None:
    for i, name in enumerate(["guide.md", "notes.txt"]):
        (tmp_path / name).write_text(
            f"# Part {i}\n\nThis guide explains how to install the server and read its logs,"
            " with the options that you can set when the service does not start.\n",
            encoding="utf-8",
        )
    _detector.cache_clear()
    assert files_language(sorted(tmp_path.iterdir())) == "en"
    assert _detector.cache_info().misses == 0
    assert language.detect("Dies ist eine kurze Anleitung zur Installation des Servers.") == "de"
    assert _detector.cache_info().misses == 1
