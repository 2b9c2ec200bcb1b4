"""eventwire: news reports in, sourced conflict-event data out."""

from eventwire.models import Actor, Article, ArticleResult, Event, EventDate, Place, Quote

__version__ = "0.1.0"

__all__ = ["Actor", "Article", "ArticleResult", "Event", "EventDate", "Place", "Quote", "__version__"]
