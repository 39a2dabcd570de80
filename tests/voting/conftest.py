import pytest

from tests.voting.factories import HeadingFactory, PlanFactory


@pytest.fixture
def heading(db):
    """A round with its ballot open on one heading of € 10,000 with three plans."""
    heading = HeadingFactory(round__ballot_open=True)
    for number, cost in ((1, 6000), (2, 3000), (3, 2000)):
        PlanFactory(heading=heading, number=number, cost=cost, feasible=True)
    return heading
