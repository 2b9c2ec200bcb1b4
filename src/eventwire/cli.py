"""The ``eventwire`` command line: a thin layer over the library."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import enum
import io
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TextIO, TypeVar

import typer

from eventwire.errors import EventwireError
from eventwire.models import ArticleResult

T = TypeVar("T")

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


class Engine(enum.StrEnum):
    local = "local"
    dask = "dask"


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
    workers: Annotated[int, typer.Option(
        help="Worker processes, each loading the models once; 0 = one per core of this machine.", min=0)] = 0,
    engine: Annotated[Engine, typer.Option(help="local (processes on this machine) or dask (a Dask cluster).")] =
        Engine.local,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address for --engine dask, e.g. "
                                                       "tcp://10.0.0.5:8786.")] = None,
    max_chars: Annotated[int, typer.Option(help="Longer texts are refused with error E008.", min=1)] = 200_000,
    profile: Annotated[bool, typer.Option("--profile", help="Print seconds per stage (language, tokenizer, "
                                                            "each spaCy component, extraction) and peak memory "
                                                            "per worker on stderr.")] = False,
    facilities: Annotated[bool, typer.Option("--facilities", help="Also list buildings and venues by name "
                                                                  "as places, at their town's point.")] = False,
) -> None:
    """Extract events from news articles: who did what to whom, where, when, how many, according to whom.

    One output record per input unit (file, JSONL line, feed item), in the output contract of
    docs/architecture.md. Bad records get an `errors` entry and a line on stderr; the batch goes on and the exit
    code is 1 when any record failed.

    Example:
        eventwire extract examples/dispatches.jsonl -o events.jsonl
        cat story.txt | eventwire extract - --published 2024-03-15 --format table
        eventwire extract archive/ --workers 4 --profile -o events.jsonl
        eventwire extract archive/ --engine dask --scheduler tcp://10.0.0.5:8786 -o events.jsonl
    """
    from eventwire.ingest import Defaults, read_paths
    from eventwire.parallel import ParallelConfig, RunStats, map_articles
    from eventwire.pipeline import PipelineConfig

    defaults = Defaults(published=_parse_date(published), lang=lang.value if lang else None)
    for raw in paths:
        if raw != "-" and not Path(raw).exists():
            raise typer.BadParameter(f"no such file or folder: {raw}", param_hint="PATHS")
    try:
        stream = output.open("w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        raise typer.BadParameter(f"cannot write {output}: {exc.strerror}", param_hint="--output") from exc
    chosen = fmt or (OutputFormat.table if output is None and sys.stdout.isatty() else OutputFormat.jsonl)
    if engine is Engine.dask and not scheduler:
        raise typer.BadParameter("--engine dask needs --scheduler tcp://HOST:PORT", param_hint="--scheduler")
    config = PipelineConfig(batch_size=batch_size, max_chars=max_chars, facilities=facilities)
    parallel = ParallelConfig(workers=workers, engine=engine.value, scheduler=scheduler)
    stats = RunStats()
    docs = events = failures = 0
    try:
        results = _progress(map_articles(read_paths(paths, defaults), config, parallel, stats))
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
    if profile:
        typer.echo(stats.times.report(), err=True)
        for worker, rss in sorted(stats.peak_rss_mb.items()):
            typer.echo(f"  peak RSS of worker {worker}: {rss:,.0f} MB", err=True)
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


def _progress(items: Iterator[T], unit: str = "documents") -> Iterator[T]:
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn(f"{{task.completed}} {unit}"), TimeElapsedColumn(),
                  transient=True) as progress:
        task = progress.add_task(unit, total=None)
        for item in items:
            progress.advance(task)
            yield item


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



# -- store: ingest, query, export ------------------------------------------------------------------------------------

DbOption = Annotated[str | None, typer.Option(
    "--db", help="SQLite file or postgresql:// DSN (default: $EVENTWIRE_DB, else ~/.local/share/eventwire/events.db).")]
FromOption = Annotated[str | None, typer.Option("--from", help="Events on or after this date (YYYY-MM-DD).")]
ToOption = Annotated[str | None, typer.Option("--to", help="Events on or before this date (YYYY-MM-DD).")]
CountryOption = Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-3 code of the event's country, e.g. SYR.")]
Admin1Option = Annotated[str | None, typer.Option(help="GeoNames admin1 code of the event's place.")]
NearOption = Annotated[str | None, typer.Option(help="A stored place name or 'LAT,LON': events within --radius.")]
RadiusOption = Annotated[float, typer.Option(help="Radius in km for --near.")]
ActorOption = Annotated[str | None, typer.Option(help="Actor KB id or name (part of it), as perpetrator or target.")]
TypeOption = Annotated[str | None, typer.Option(
    "--type", help="PLOVER type (ASSAULT), ACLED event type (Battles) or sub-type (Air/drone strike).")]
SourceOption = Annotated[str | None, typer.Option(help="Outlet name or URL (part of it).")]
ContestedOption = Annotated[bool, typer.Option("--contested", help="Only events whose sources disagree.")]


class QueryFormat(enum.StrEnum):
    table = "table"
    json = "json"


def _store(db: str | None) -> Any:
    from eventwire.store import open_store

    try:
        return open_store(db)
    except EventwireError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


def _event_filter(store: Any, date_from: str | None, date_to: str | None, country: str | None, admin1: str | None,
                  near: str | None, radius: float, actor: str | None, type_: str | None, source: str | None,
                  contested: bool, limit: int = 50, offset: int = 0) -> Any:
    from eventwire.store import EventFilter

    lat = lon = None
    if near:
        try:
            lat, lon = (float(x) for x in near.split(","))
        except ValueError:
            found = [p for p in store.places(q=near, limit=20).items if p.lat is not None]
            if not found:
                raise typer.BadParameter(f"no stored place matches {near!r}; give 'LAT,LON'",
                                         param_hint="--near") from None
            lat, lon = found[0].lat, found[0].lon
    try:
        return EventFilter(date_from=_parse_date(date_from), date_to=_parse_date(date_to), country=country,
                           admin1=admin1, near_lat=lat, near_lon=lon, radius_km=radius, actor=actor, type=type_,
                           source=source, contested=contested, limit=limit, offset=offset)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files or folders (text, JSONL, HTML, RSS/Atom); '-': stdin.")],
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) of records without one.")] = None,
    lang: Annotated[Lang | None, typer.Option(help="Language of records that do not say (skips detection).")] = None,
) -> None:
    """Extract events from news articles and store them, linked into clusters across articles and languages.

    Each article is stored once (same URL or same normalised text = already there) in its own transaction: a run
    that is interrupted can simply be run again. Prints a summary; exit code 1 when some input failed.

    Example:
        eventwire ingest examples/ --db events.db
        eventwire ingest feeds/*.xml --db postgresql://eventwire@localhost/eventwire
    """
    from eventwire.ingest import Defaults, Failed, read_paths
    from eventwire.pipeline import Pipeline
    from eventwire.store import IngestSummary, extract_pairs

    for raw in sources:
        if raw != "-" and not Path(raw).exists():
            raise typer.BadParameter(f"no such file or folder: {raw}", param_hint="SOURCES")
    defaults = Defaults(published=_parse_date(published), lang=lang.value if lang else None)
    store = _store(db)
    failed: list[Failed] = []
    summary = IngestSummary()
    try:
        pairs = extract_pairs(Pipeline(), read_paths(sources, defaults), failed)
        # extraction runs here while a writer thread stores the articles already extracted; the progress counts
        # articles as they are committed
        with contextlib.closing(store.ingest_iter(pairs)) as outcomes:  # the writer ends before the store closes
            for outcome in _progress(outcomes, "articles"):
                summary.add(outcome)
        summary.retries = store.backend.retries
    except EventwireError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    finally:
        store.close()
    for item in failed:
        typer.echo(f"error: {item.id}: [{item.problem.code.value}] {item.problem.message}", err=True)
    typer.echo(f"{summary.stored + summary.duplicates + len(failed)} read, {summary.stored} stored, "
               f"{summary.duplicates} already stored, {summary.failed + len(failed)} with errors, {summary.events} "
               f"events; store: {store.location}", err=True)
    raise typer.Exit(1 if failed or summary.failed else 0)


@app.command()
def query(
    db: DbOption = None, date_from: FromOption = None, date_to: ToOption = None, country: CountryOption = None,
    admin1: Admin1Option = None, near: NearOption = None, radius: RadiusOption = 50.0, actor: ActorOption = None,
    type_: TypeOption = None, source: SourceOption = None, contested: ContestedOption = False,
    clusters: Annotated[bool, typer.Option("--clusters", help="One line per cluster instead of per report.")] = False,
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f", help="table or json (one object per line).")] = (
        QueryFormat.table),
    limit: Annotated[int, typer.Option(help="At most this many lines.")] = 50,
    offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
) -> None:
    """List stored events (per report, or per cluster) matching the filters, newest first.

    Example:
        eventwire query --db events.db --country SYR --from 2024-01-01 --type Battles
        eventwire query --near Aleppo --radius 30 --contested --clusters --format json
    """
    store = _store(db)
    try:
        f = _event_filter(store, date_from, date_to, country, admin1, near, radius, actor, type_, source, contested,
                          limit, offset)
        page = store.clusters(f) if clusters else store.events(f)
    finally:
        store.close()
    if fmt is QueryFormat.json:
        for item in page.items:
            print(item.model_dump_json())
        return
    print(render_rows(page.items, clusters))
    typer.echo(f"{len(page.items)} of {page.total}", err=True)


def render_rows(rows: list[Any], clusters: bool) -> str:
    from rich.console import Console
    from rich.table import Table

    columns = (("id", "date", "type", "place", "actors", "targets", "killed", "sources", "contested") if clusters
               else ("id", "date", "type", "place", "actors", "targets", "killed", "according to", "source"))
    table = Table(show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for r in rows:
        kind = r.acled_sub_event_type or r.type
        if clusters:
            killed = "" if r.fatalities_low is None else (
                str(r.fatalities_best) if r.fatalities_low == r.fatalities_high
                else f"{r.fatalities_low}-{r.fatalities_high} (best {r.fatalities_best})")
            flags = ", ".join(k for k, v in (("toll", r.contested_toll), ("perpetrator", r.contested_perpetrator),
                                             ("target", r.contested_target)) if v)
            table.add_row(r.id, str(r.date or ""), kind, r.place_name or "", r.actors, r.targets, killed,
                          str(r.n_sources), flags)
        else:
            table.add_row(r.id, str(r.date or ""), kind, r.place_name or "", r.actors, r.targets,
                          "" if r.fatalities is None else str(r.fatalities), r.claimed_by or "", r.source or "")
    buffer = io.StringIO()
    Console(file=buffer, width=180, force_terminal=False).print(table)
    return buffer.getvalue()


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="acled-csv|plover-jsonl|cameo-tsv|geojson|parquet")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here (required for parquet).")] = None,
    db: DbOption = None, per_report: Annotated[bool, typer.Option(
        "--per-report", help="One row per report instead of one per event cluster.")] = False,
    date_from: FromOption = None, date_to: ToOption = None, country: CountryOption = None,
    admin1: Admin1Option = None, near: NearOption = None, radius: RadiusOption = 50.0, actor: ActorOption = None,
    type_: TypeOption = None, source: SourceOption = None, contested: ContestedOption = False,
) -> None:
    """Export stored events: one row per event cluster (or per report), with each format's own column names.

    Example:
        eventwire export --db events.db --format acled-csv -o events.csv
        eventwire export --format parquet -o events.parquet --country SYR --from 2024-01-01
    """
    from eventwire.export import Format, export

    try:
        chosen = Format(fmt)
    except ValueError:
        raise typer.BadParameter(f"unknown format {fmt!r}; one of {', '.join(f.value for f in Format)}",
                                 param_hint="--format") from None
    if chosen is Format.parquet and output is None:
        raise typer.BadParameter("Parquet is binary: give a file with -o", param_hint="--output")
    store = _store(db)
    try:
        f = _event_filter(store, date_from, date_to, country, admin1, near, radius, actor, type_, source, contested)
        n = export(store, chosen, output or sys.stdout, f, per_report=per_report)
    except OSError as exc:
        typer.echo(f"error: cannot write {output or 'to stdout'}: {exc.strerror}", err=True)
        raise typer.Exit(2) from exc
    finally:
        store.close()
    typer.echo(f"{n} rows ({chosen.value}) from {store.location}", err=True)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the dashboard (map, timeline, evidence) at http://HOST:PORT/.

    Reads are open; POST /articles and POST /extract need the token from $EVENTWIRE_API_TOKEN or the file named by
    $EVENTWIRE_API_TOKEN_FILE (without one, writes are refused). See SECURITY.md.

    Example:
        EVENTWIRE_API_TOKEN_FILE=~/.eventwire-token eventwire serve --db events.db --port 8000
    """
    import uvicorn

    from eventwire.api import ApiSettings, create_app
    from eventwire.store import default_db

    try:
        settings = ApiSettings.from_env(database=db or default_db())
        settings.warm_up = True
    except (EventwireError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"eventwire: dashboard at http://{host}:{port}/ ({settings.token!r})", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
@app.command()
def geocode(
    source: Annotated[str, typer.Argument(help="Text to geoparse, or a path to a text file.")],
    lang: Annotated[Lang | None, typer.Option(help="Language of the text (skips detection).")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="table or jsonl (one place a line).")] =
        OutputFormat.table,
    facilities: Annotated[bool, typer.Option("--facilities", help="Also list buildings and venues by name, "
                                                                  "at their town's point.")] = False,
) -> None:
    """Print the places of a text with their GeoNames ids, coordinates, region and ACLED precision (1 town,
    2 near a town, 3 region or country).

    Example:
        eventwire geocode "Des frappes ont visé un village près d'Alep, dans le nord de la Syrie."
        eventwire geocode story.txt --format jsonl
        eventwire geocode "Protesters gathered outside Trump Tower in Chicago." --facilities
    """
    from eventwire.models import Article
    from eventwire.pipeline import Pipeline, PipelineConfig

    path = Path(source)
    text = path.read_text(encoding="utf-8") if len(source) < 4096 and path.is_file() else source
    article = Article(id=path.name if text is not source else "text", text=text, lang=lang.value if lang else None)
    result = Pipeline(PipelineConfig(facilities=facilities)).run(article)
    for place in result.places:
        if fmt == OutputFormat.jsonl:
            print(json.dumps(place.model_dump(mode="json"), ensure_ascii=False))
        else:
            print(f"{place.text[:30]:30} {place.name[:28]:28} {place.geonameid or '-':>9} {place.lat:9.4f} "
                  f"{place.lon:9.4f} {place.country or '-':3} {(place.admin1 or '-')[:24]:24} p{place.precision}")


gazetteer_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                            help="The GeoNames gazetteer behind geocoding (built once, cached).\n\n"
                                 "Example:\n    eventwire gazetteer import SY.txt")
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("import")
def gazetteer_import(
    files: Annotated[list[Path], typer.Argument(help="GeoNames dump files: per-country SY.txt, allCountries.txt, "
                                                     "alternateNamesV2.txt.", exists=True, dir_okay=False)],
) -> None:
    """Add GeoNames dump files to the cached gazetteer, to reach villages missing from the built-in cities500.

    Example:
        eventwire gazetteer import SY.txt alternateNamesV2.txt
    """
    from eventwire.resolve.gazetteer import Gazetteer, import_dumps, imported_path

    gaz = Gazetteer.load()
    try:
        added = import_dumps(gaz, files)
    except (ValueError, OSError) as exc:
        raise typer.BadParameter(str(exc), param_hint="FILES") from exc
    gaz.save(imported_path())
    print(f"{added} places and names imported; gazetteer saved to {imported_path()}")
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
