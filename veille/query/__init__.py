"""The questions the knowledge base answers, as library functions returning typed records.

The CLI (`veille person|org|flows|search|stats`) and the API call these and only format.
"""

from veille.query.flows import DateError, flows_csv, flows_graphml, talent_flows
from veille.query.lookup import NotFound
from veille.query.people import org_profile, person_timeline
from veille.query.search import (
    SearchQueryError,
    article_detail,
    names,
    recent_articles,
    search,
    stats,
)

__all__ = ["DateError", "NotFound", "SearchQueryError", "article_detail", "flows_csv",
           "flows_graphml", "names", "org_profile", "person_timeline", "recent_articles",
           "search", "stats", "talent_flows"]
