"""The questions the knowledge base answers, as library functions returning typed records.

The CLI (`veille person|org|moves|flows|search|stats`) and the API call these and only format.
"""

from veille.query.filters import DateError, FilterError
from veille.query.flows import flows_csv, flows_graphml, talent_flows
from veille.query.lookup import NotFound
from veille.query.moves import MoveFilters, latest_moves, moves_csv
from veille.query.people import org_profile, person_timeline
from veille.query.search import (
    SearchQueryError,
    article_detail,
    names,
    recent_articles,
    search,
    stats,
)

__all__ = ["DateError", "FilterError", "MoveFilters", "NotFound", "SearchQueryError",
           "article_detail", "flows_csv", "flows_graphml", "latest_moves", "moves_csv", "names",
           "org_profile", "person_timeline", "recent_articles", "search", "stats",
           "talent_flows"]
