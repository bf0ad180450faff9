"""schemathesis against openapi/wazo.yaml (wazo-auth's tokens, wazo-confd's phone numbers), in-process,
with all of its checks.

Stateless: every operation, positive and negative data. Stateful: the OpenAPI links of the spec
(token -> get / revoke; create -> get / update / delete / set main; ranges -> get / delete; list ->
get; main -> get). Zero failures allowed.

wazo-confd's operations need a token wazo-auth issued at run time, while schemathesis sends a fixed
X-Auth-Token (the config's api_key). So the module puts that very token in the world's token store
before fuzzing, for a user of the default configuration, and each stateful scenario only clears the
tenants' numbers: the token stays valid throughout.
"""
from __future__ import annotations

import re

from emulator.providers.wazo.auth import Session, tenant_key
from tests.contract.fuzzing import fuzz_target

DAY = 86_400
TARGET = fuzz_target("wazo", "wazo")
CONFIG, app, schema = TARGET.config, TARGET.app, TARGET.schema
TOKEN = CONFIG.projects.default.auth.openapi.schemes["WazoToken"].api_key


def seed() -> None:
    """The config's token, for the first default user (tenant 1), valid for a day; and a main
    number in that tenant, so that the stateless phase reads one (the stateful phase sets its own)."""
    world, user, now = app.world, app.config_object.wazo_users[0], app.world.now()
    session = Session(user, world.ids.uuid4(), now, now + DAY, "127.0.0.1", "schemathesis")
    world.tokens.issue(session, DAY, lambda: TOKEN)
    main = world.directory.add(tenant_key(user.account), "+18005550100", world.ids.uuid4)
    world.directory.set_main(tenant_key(user.account), main.id)


seed()
TENANT = app.config_object.wazo_users[0].account
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def _pin(case) -> None:
    """Aim well-formed values at things that exist, keeping malformed ones as generated: a
    Wazo-Tenant that is a UUID becomes the token's tenant (any other tenant only ever gets 401 and
    would hide every other behaviour), and half the token UUIDs getToken reads (by their last
    digit) become the seeded token, so that known and unknown tokens are both asked about."""
    headers = case.headers or {}
    if _UUID.match(str(headers.get("Wazo-Tenant", ""))):
        headers["Wazo-Tenant"] = TENANT
    path = case.path_parameters or {}
    token = str(path.get("token", ""))
    if case.operation.definition.raw.get("operationId") == "getToken" and _UUID.match(token) and token[-1] in "02468ace":
        path["token"] = TOKEN


test_stateless = TARGET.stateless_test(_pin)
# Each scenario starts with no numbers (the token stays), so a replayed one sees the same answers.
TestStateful = TARGET.stateful_test(_pin, setup=app.world.directory.clear)


def test_fuzzing_reached_every_operation_successfully():
    # revokeToken refuses nothing: a token that is not a UUID matches no route at all.
    TARGET.assert_every_operation_reached(never_refuses=frozenset({"revokeToken"}))
