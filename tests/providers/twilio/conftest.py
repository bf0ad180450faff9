"""One app for the Twilio behaviour tests, its world reset before each test."""
from tests.conftest import one_app_per_session

_session_app, app = one_app_per_session()
