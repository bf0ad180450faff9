"""The world tells listeners what happened: acquisitions, releases and each provisioning step."""
from emulator.core import NumberQuery, World, WorldConfig
from emulator.core.events import NUMBER_ACQUIRED, NUMBER_RELEASED, PROVISIONING_STEP
from emulator.core.provisioning import ProvisioningPolicy


def test_listeners_see_acquire_each_provisioning_step_and_release_in_order():
    world = World(WorldConfig(seed=3, frozen_clock_at=1_000_000.0))
    seen = []
    world.events.subscribe(seen.append)
    offer = world.search(NumberQuery(region="US", number_type="LOCAL"), 1)[0]
    policy = ProvisioningPolicy(waiting_seconds=1, in_progress_seconds=2, check=lambda n, c, r: ("X1",))
    world.acquire("p/1", offer.number, configure=lambda r, now: world.provision(r, "sms", {"service": "s"}, policy, now))
    world.clock.advance(3)
    world.tick()
    world.release("p/1", offer.number)
    assert [(e.kind, e.tenant, e.number) for e in seen] == [
        (NUMBER_ACQUIRED, "p/1", offer.number),
        (PROVISIONING_STEP, "p/1", offer.number),
        (PROVISIONING_STEP, "p/1", offer.number),
        (NUMBER_RELEASED, "p/1", offer.number),
    ]
    assert [e.data["status"] for e in seen[1:3]] == ["IN_PROGRESS", "FAILED"]
    assert seen[2].data["error_codes"] == ("X1",) and seen[2].at == 1_000_003.0
