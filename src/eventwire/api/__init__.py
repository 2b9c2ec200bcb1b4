"""The HTTP API and the dashboard: a FastAPI app of thin routers over the library.

    from eventwire.api import ApiSettings, create_app
    app = create_app(ApiSettings(database="events.db"))
"""

from eventwire.api.app import ApiSettings, create_app

__all__ = ["ApiSettings", "create_app"]
