"""The control API's inbound traffic (``/_emulator/inbound/...``): simulate an incoming message or
call to a number, and read every delivery with its attempts. Builds the app's :class:`Inbound`, with
each surface's inbound dialect and its signing keys, and hears the world's events (Sinch)."""
from __future__ import annotations

from typing import Any

from ..config import Config
from ..core.events import WorldEvent
from ..inbound import Inbound, NoHandler, NotOwned, Policy
from ..inbound.service import PENDING
from ..providers.enfonica.inbound import EnfonicaInbound
from ..providers.signalwire.compat import SIGNALWIRE
from ..providers.sinch.inbound import SinchInbound
from ..providers.twilio.dialect import TWILIO
from ..providers.twilio.inbound import DialectInbound
from ..surface import Reply, Surface
from .errors import ControlFailure


def twilio_auth_token(config: Config) -> Any:
    """Twilio signs with the account's auth token (the credential whose user is the account SID)."""
    def token(account: str) -> str:
        found = [c for c in config.twilio_credentials if c.account == account]
        own = [c for c in found if c.user == account]
        return (own or found)[0].secret if found else ""

    return token


def build_inbound(app: Any) -> Inbound:
    config: Config = app.config_object
    key = config.webhook_signing_key
    sinch = SinchInbound(lambda project: key)
    dialects = {
        "twilio": DialectInbound(TWILIO, twilio_auth_token(config)),
        "signalwire": DialectInbound(SIGNALWIRE, lambda project: key),
        "enfonica": EnfonicaInbound(lambda project: key),
        "sinch": sinch,
    }
    inbound = Inbound(app.world, app.journal, Policy(config.webhook_timeout_seconds, config.webhook_allow_hosts), dialects)
    world = app.world

    def hear(event: WorldEvent) -> None:  # inside the world's lock: build and queue, never deliver here
        if event.tenant.startswith("sinch/"):
            plan = sinch.number_event(event, world.owned.get(event.number), world.ids)
            if plan is not None:
                inbound.enqueue(plan)

    world.events.subscribe(hear)
    return inbound


def register_inbound_routes(surface: Surface, app: Any) -> None:
    inbound = app.inbound = build_inbound(app)
    bp = surface.blueprint

    def deliver(send) -> Reply:
        try:
            delivery = send()
            return Reply(delivery.as_json(), 202 if delivery.outcome == PENDING else 200)
        except NotOwned as error:
            raise ControlFailure(404, error.message, "to") from None
        except NoHandler as error:
            raise ControlFailure(409, error.message, "to") from None

    @bp.route("/inbound/messages", methods=["POST"])
    @surface.operation("sendInboundMessage", authenticated=False)
    def send_inbound_message(validated, _principal) -> Reply:
        b = validated.body
        return deliver(lambda: inbound.message(b["from"], b["to"], b.get("body", ""), list(b.get("mediaUrls", [])),
                                               b.get("wait", True)))

    @bp.route("/inbound/calls", methods=["POST"])
    @surface.operation("sendInboundCall", authenticated=False)
    def send_inbound_call(validated, _principal) -> Reply:
        b = validated.body
        return deliver(lambda: inbound.call(b["from"], b["to"], b.get("wait", True)))

    @bp.route("/inbound/deliveries", methods=["GET"])
    @surface.operation("listDeliveries", authenticated=False)
    def list_deliveries(validated, _principal) -> Reply:
        p = validated.params
        found = inbound.deliveries(p.get("surface"), p.get("number"), p.get("kind"), p.get("limit", 100))
        return Reply({"deliveries": [d.as_json() for d in found]})

    @bp.route("/inbound/deliveries/<segment:id>", methods=["GET"])
    @surface.operation("getDelivery", authenticated=False)
    def get_delivery(validated, _principal) -> Reply:
        found = inbound.get(validated.params["id"])
        if found is None:
            raise ControlFailure(404, f"no delivery {validated.params['id']}", "id")
        return Reply(found.as_json())
