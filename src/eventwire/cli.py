"""The ``eventwire`` command line: a thin layer over the library."""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from eventwire.errors import EventwireError
from eventwire.models import ArticleResult

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="eventwire: news reports in, sourced conflict-event data out.")
actors_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                         help="The actors knowledge base (docs/actors.md).\n\n\b\nExample:\n"
                              "    eventwire actors lookup Daech")
app.add_typer(actors_app, name="actors")


class OutputFormat(enum.StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class Lang(enum.StrEnum):
    fr = "fr"
    en = "en"


CSV_COLUMNS = ["id", "lang", "event", "type", "mode", "cameo", "acled_event_type", "acled_sub_event_type", "actors",
               "targets", "location", "geonameid", "lat", "lon", "precision", "date", "date_precision", "fatalities",
               "injured", "claimed_by", "modality", "trigger", "confidence", "errors"]


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint="--published") from exc


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (text, JSONL, HTML, RSS/Atom); '-' for stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")] = None,
    fmt: Annotated[OutputFormat | None, typer.Option(
        "--format", "-f", help="table (default on a terminal), jsonl (default otherwise) or csv.")] = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date (YYYY-MM-DD) for records that carry none; relative dates resolve against it.")] = None,
    lang: Annotated[Lang | None, typer.Option(help="Language of records that do not say (skips detection).")] = None,
    batch_size: Annotated[int, typer.Option(help="Documents per spaCy batch.")] = 32,
) -> None:
    """Extract events from news articles: who did what to whom, where, when, how many, according to whom.

    One output record per input unit (file, JSONL line, feed item), in the output contract of
    docs/architecture.md. Bad records get an `errors` entry and a line on stderr; the batch goes on and the exit
    code is 1 when any record failed.

    Example:
        eventwire extract examples/dispatches.jsonl -o events.jsonl
        cat story.txt | eventwire extract - --published 2024-03-15 --format table
    """
    from eventwire.ingest import Defaults, read_paths
    from eventwire.pipeline import Pipeline, PipelineConfig

    defaults = Defaults(published=_parse_date(published), lang=lang.value if lang else None)
    for raw in paths:
        if raw != "-" and not Path(raw).exists():
            raise typer.BadParameter(f"no such file or folder: {raw}", param_hint="PATHS")
    try:
        stream = output.open("w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        raise typer.BadParameter(f"cannot write {output}: {exc.strerror}", param_hint="--output") from exc
    chosen = fmt or (OutputFormat.table if output is None and sys.stdout.isatty() else OutputFormat.jsonl)
    pipeline = Pipeline(PipelineConfig(batch_size=batch_size))
    docs = events = failures = 0
    try:
        results = _progress(pipeline.pipe(read_paths(paths, defaults)))
        writer = _writer(chosen, stream)
        for result in results:
            docs += 1
            events += len(result.events)
            if result.errors:
                failures += 1
                for err in result.errors:
                    typer.echo(f"error: {result.id}: [{err.code}] {err.message}", err=True)
            writer(result)
    except EventwireError as exc:  # a missing model, not a bad record: nothing sensible can go on
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    finally:
        if output:
            stream.close()
    typer.echo(f"{docs} documents, {events} events, {failures} errors", err=True)
    raise typer.Exit(1 if failures else 0)


def _writer(fmt: OutputFormat, stream: TextIO) -> Callable[[ArticleResult], None]:
    if fmt is OutputFormat.jsonl:
        def write_jsonl(result: ArticleResult) -> None:
            stream.write(json.dumps(result.to_json_dict(), ensure_ascii=False) + "\n")
        return write_jsonl
    if fmt is OutputFormat.csv:
        writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
        writer.writeheader()

        def write_csv(result: ArticleResult) -> None:
            for row in csv_rows(result):
                writer.writerow(row)
        return write_csv

    def write_table(result: ArticleResult) -> None:
        stream.write(render_table(result))
    return write_table


def _names(actors: list[dict[str, Any]]) -> str:
    return "; ".join(f"{a['name']}" + (f" [{a['country'] or '?'}/{a['sector'] or '?'}]") for a in actors)


def csv_rows(result: ArticleResult) -> Iterator[dict[str, object]]:
    data = result.to_json_dict()
    errors = "; ".join(f"{e['code']} {e['message']}" for e in data["errors"])
    if not data["events"]:
        yield {"id": result.id, "lang": result.lang, "errors": errors}
    for n, e in enumerate(data["events"]):
        loc, date, acled, claim = e["location"] or {}, e["date"] or {}, e["acled"] or {}, e["claimed_by"] or {}
        yield {"id": result.id, "lang": result.lang, "event": n, "type": e["type"], "mode": e["mode"],
               "cameo": e["cameo"], "acled_event_type": acled.get("event_type"),
               "acled_sub_event_type": acled.get("sub_event_type"), "actors": _names(e["actors"]),
               "targets": _names(e["targets"]), "location": loc.get("name"), "geonameid": loc.get("geonameid"),
               "lat": loc.get("lat"), "lon": loc.get("lon"), "precision": loc.get("precision"),
               "date": date.get("value"), "date_precision": date.get("precision"), "fatalities": e["fatalities"],
               "injured": e["injured"], "claimed_by": claim.get("name"), "modality": e["modality"],
               "trigger": e["trigger"]["text"], "confidence": e["confidence"], "errors": errors}


def render_table(result: ArticleResult) -> str:
    """A readable block per article: one line per event, then its quotes."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{result.id} ({result.lang or '?'})", show_lines=False, expand=False)
    for column in ("type", "acled", "who", "whom", "where", "when", "killed", "according to", "trigger"):
        table.add_column(column, overflow="fold")
    for e in result.events:
        loc = e.location
        where = f"{loc.name} ({loc.geonameid}, p{loc.precision})" if loc else ""
        when = str(e.date.value) if e.date and e.date.value else ""
        table.add_row(f"{e.type}{'/' + e.mode if e.mode else ''}" + ("" if e.modality == "asserted"
                                                                      else f" [{e.modality}]"),
                      e.acled.sub_event_type if e.acled else "", "; ".join(a.name for a in e.actors),
                      "; ".join(a.name for a in e.targets), where, when,
                      "" if e.fatalities is None else str(e.fatalities),
                      e.claimed_by.name if e.claimed_by else "", e.trigger.text)
    buffer = io.StringIO()
    console = Console(file=buffer, width=160, force_terminal=False)
    console.print(table)
    for q in result.quotes:
        console.print(f"  « {q.text[:90]}{'…' if len(q.text) > 90 else ''} » — {q.speaker.name if q.speaker else '?'}")
    for err in result.errors:
        console.print(f"  error [{err.code}] {err.message}")
    return buffer.getvalue()


def _progress(results: Iterator[ArticleResult]) -> Iterator[ArticleResult]:
    if not sys.stderr.isatty():
        yield from results
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.completed} documents"), TimeElapsedColumn(),
                  transient=True) as progress:
        task = progress.add_task("extract", total=None)
        for result in results:
            progress.advance(task)
            yield result


@app.command("eval")
def evaluate(
    kind: Annotated[str, typer.Argument(help="events | plover | acled | places | quotes")],
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file.", exists=True, dir_okay=False)],
    system: Annotated[Path, typer.Argument(help="eventwire's JSONL output for the same records.", exists=True,
                                           dir_okay=False)],
) -> None:
    """Score an extraction against a gold file (same metrics as the reference scorer) and print one JSON line.

    Example:
        eventwire extract tests/gold/dispatches.fr.jsonl -o out.jsonl
        eventwire eval events tests/gold/dispatches.fr.jsonl out.jsonl
    """
    from eventwire import eval as scoring

    if kind not in scoring.KINDS:
        raise typer.BadParameter(f"unknown kind {kind!r}; one of {', '.join(scoring.KINDS)}", param_hint="KIND")
    print(json.dumps(scoring.score(kind, gold, system)))


@actors_app.command("lookup")
def actors_lookup(
    name: Annotated[str, typer.Argument(help="A name or noun phrase, as it would appear in a dispatch.")],
    lang: Annotated[Lang | None, typer.Option(help="Language of the phrase (detected when not given).")] = None,
) -> None:
    """Show how a name or phrase resolves: canonical name, Wikidata id, country (ISO3), sector, KB kind.

    User entries from the YAML files named by $EVENTWIRE_ACTORS are merged first (see docs/actors.md).

    Example:
        eventwire actors lookup "Daech"
        eventwire actors lookup "le porte-parole de l'armée malienne" --lang fr
    """
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline()
    try:
        code = lang.value if lang else pipeline.nlp.detect(name)
        resolver = pipeline.extractor(code if code in Lang.__members__ else "en").actors
        actor = resolver.lookup(pipeline.nlp.pipeline(resolver.res.lang)(name))
    except EventwireError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if actor is None:
        typer.echo(f"{name!r} names no actor eventwire knows (not in the KB, no sector word, no country)", err=True)
        raise typer.Exit(1)
    entry = resolver.kb.lookup(actor.name)
    kind = entry.kind if entry is not None and entry.id == actor.id else None
    print(json.dumps({**actor.model_dump(exclude={"start", "end"}), "kind": kind}, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    app()
