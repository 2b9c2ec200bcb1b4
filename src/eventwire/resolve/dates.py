"""Dates: find time expressions in a sentence and resolve them against the article's publication date.

Rules first (weekdays, "hier"/"yesterday", "la semaine dernière", "dans la nuit de jeudi à vendredi", numeric and
named-month dates); ``dateparser`` (with the publication date as its base) for day-and-month phrases. Without a
publication date only absolute dates resolve; relative ones stay unknown (``value: null``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from eventwire.lexicon import token_keys
from eventwire.models import EventDate
from eventwire.resources import LanguageResources

NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
RULE = re.compile(r"^(day|week|month|year|weekend):(-?\d+)")


@dataclass(frozen=True)
class DateMention:
    start: int  # token index in the doc
    end: int
    date: EventDate


def apply_rule(rule: str, published: dt.date | None, text: str) -> EventDate:
    """Resolve a relative-date rule from ``cues.*.yaml`` (``day:-1``, ``week:-1``, ``night``…)."""
    if published is None:
        return EventDate(value=None, precision="day", text=text)
    if rule == "night":
        return EventDate(value=published, precision="day", text=text)
    m = RULE.match(rule)
    if not m:
        return EventDate(value=None, precision="day", text=text)
    unit, n = m.group(1), int(m.group(2))
    if unit == "day":
        return EventDate(value=published + dt.timedelta(days=n), precision="day", text=text)
    if unit == "weekend":
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7) + dt.timedelta(weeks=n)
        return EventDate(value=saturday, precision="day", text=text)
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=n)
        return EventDate(value=monday, precision="week", text=text)
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + n
        return EventDate(value=dt.date(month_index // 12, month_index % 12 + 1, 1), precision="month", text=text)
    return EventDate(value=dt.date(published.year + n, 1, 1), precision="year", text=text)


def last_weekday(published: dt.date, weekday: int) -> dt.date:
    """The most recent ``weekday`` on or before ``published`` (news speaks of the past week)."""
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day_month(sent: Span, i: int, month: int, published: dt.date | None) -> tuple[int, int, EventDate] | None:
    """"le 5 mars 2024", "5 March", "March 5, 2024" around the month token at ``i``."""
    doc = sent.doc
    day = year = None
    start, end = i, i + 1
    if i - 1 >= sent.start and doc[i - 1].like_num and doc[i - 1].text.isdigit() and int(doc[i - 1].text) <= 31:
        day, start = int(doc[i - 1].text), i - 1
    elif i + 1 < sent.end and doc[i + 1].text.isdigit() and int(doc[i + 1].text) <= 31:
        day, end = int(doc[i + 1].text), i + 2
    j = end
    if j < sent.end and doc[j].text == ",":
        j += 1
    if j < sent.end and re.fullmatch(r"(1[89]|20)\d\d", doc[j].text):
        year, end = int(doc[j].text), j + 1
    text = doc[start:end].text
    if year is None:
        if published is None:
            return None
        year = published.year
        candidate = _safe_date(year, month, day) if day is not None else None
        if (candidate is not None and candidate > published) or (day is None and month > published.month):
            year -= 1
    if day is None:
        return start, end, EventDate(value=dt.date(year, month, 1), precision="month", text=text)
    value = _safe_date(year, month, day)
    return (start, end, EventDate(value=value, precision="day", text=text)) if value else None


def _weekday_after(doc: Doc, start: int, stop: int, res: LanguageResources) -> tuple[int, int] | None:
    """The first weekday within three tokens of ``start``, and the end of the weekday phrase ("de mercredi à
    jeudi", "of Wednesday to Thursday")."""
    for i in range(start, min(start + 3, stop)):
        day = next((res.weekdays[k] for k in token_keys(doc[i]) if k in res.weekdays), None)
        if day is not None:
            end = i + 1
            for j in range(i + 1, min(i + 4, stop)):
                if any(k in res.weekdays for k in token_keys(doc[j])):
                    end = j + 1
            return day, end
    return None


def find_dates(sent: Span, res: LanguageResources, published: dt.date | None) -> list[DateMention]:
    """Every time expression of the sentence, resolved (``value`` is ``None`` when it cannot be)."""
    doc = sent.doc
    found: list[DateMention] = []
    taken: set[int] = set()
    for phrase, start, end, _ in res.relative_dates.find(sent):
        s, e = sent.start + start, sent.start + end
        rule = str(phrase.payload)
        night_of = _weekday_after(doc, e, sent.end, res) if rule == "night" else None
        if night_of is not None:  # "dans la nuit de mercredi à jeudi": the night that begins on Wednesday
            night_day, e = night_of
            value = last_weekday(published, night_day) if published else None
            found.append(DateMention(s, e, EventDate(value=value, precision="day", text=doc[s:e].text)))
        else:
            found.append(DateMention(s, e, apply_rule(rule, published, doc[s:e].text)))
        taken.update(range(s, e))
    for token in sent:
        if token.i in taken:
            continue
        keys = token_keys(token)
        weekday = next((res.weekdays[k] for k in keys if k in res.weekdays), None)
        if weekday is not None:
            value = last_weekday(published, weekday) if published else None
            found.append(DateMention(token.i, token.i + 1, EventDate(value=value, precision="day", text=token.text)))
            taken.add(token.i)
            continue
        month = next((res.months[k] for k in keys if k in res.months), None)
        if month is not None and (token.text[:1].isupper() or res.lang == "fr"):
            hit = _day_month(sent, token.i, month, published)
            if hit is not None:
                found.append(DateMention(*hit))
                taken.update(range(hit[0], hit[1]))
    for m in NUMERIC_DATE.finditer(sent.text):
        if m.group(3):
            value = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        else:
            value = _safe_date(int(m.group(4)), int(m.group(5)), int(m.group(6)))
        if value is None:
            continue
        span = sent.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and not any(span.start <= t < span.end for t in taken):
            found.append(DateMention(span.start, span.end, EventDate(value=value, precision="day", text=m.group(0))))
    found.sort(key=lambda d: d.start)
    return found
