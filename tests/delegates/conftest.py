"""What the delegates' tests share."""

import pytest

from tests.factories import login, make_event, make_user


@pytest.fixture
def organizer_client(app, client):
    with app.app_context():
        make_event("cam-tan")
        organizer = make_user("organizer")
    login(client, organizer)
    return client
