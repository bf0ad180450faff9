"""Inbound traffic: simulated incoming messages and calls, and provider events, delivered to the
handlers a number's owner configured, signed as each provider signs them. ``routing`` finds the
owner, ``plans`` is what a provider's dialect returns, ``delivery`` makes one HTTP attempt,
``signing`` computes the signatures, ``service`` runs plans with failover and retries."""
from .delivery import Policy
from .plans import CALL, MESSAGE, NUMBER_EVENT, NoHandler, Plan, Target
from .routing import NotOwned
from .service import Delivery, Inbound

__all__ = ["CALL", "MESSAGE", "NUMBER_EVENT", "Delivery", "Inbound", "NoHandler", "NotOwned", "Plan", "Policy", "Target"]
