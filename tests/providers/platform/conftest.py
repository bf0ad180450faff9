"""One app for the platform behaviour tests (frozen clock, strict validation), reset before each."""
from tests.conftest import one_app_per_session

_session_app, app = one_app_per_session()
