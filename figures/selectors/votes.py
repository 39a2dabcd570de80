"""Votes on neighbourhood budgets (issue 19): per published round and neighbourhood,
the codes sent, ballots per channel, turnout and the money for the winning plans, and
the winning plans themselves. Counts and what the results page already publishes:
nothing about who voted, nor how."""

from django.utils.translation import gettext_lazy as _

from voting.selectors import vote_figures, vote_winners

DENOMINATORS = {
    "votes.turnout": _(
        "Stemmen (online en op papier) gedeeld door de verstuurde stemcodes die niet zijn "
        "ingetrokken, maal 100, per wijk van een stemronde met een gepubliceerde uitslag "
        "waarvan het stemmen in dit jaar sloot; afgerond op 1 decimaal."
    ),
}


def vote_section(year: int, _ideas_received: int) -> dict:
    return {"rounds": vote_figures(year), "winners": vote_winners(year)}
