"""The contract harness: run the same contract against the emulator or a real provider.

- :mod:`.targets`: a provider, its base URL, the credentials of its tenants, whether it is the emulator.
- :mod:`.schema_suite`: schemathesis against the bundled spec of that provider (all checks, links),
  configured by :mod:`.schema_config` and steered by :mod:`.steering`.
- :mod:`.scenarios`: provider-neutral behaviour scenarios, run through :mod:`.dialects`.
- :mod:`.cassettes` and :mod:`.compare`: record the scenarios' exchanges, compare two recordings.
- :mod:`.report`: the readable summary and JUnit XML; :mod:`.runner` ties them together.

``numbers-emulator contract run|record|compare`` (``emulator/cli_contract.py``) is its command line.
"""
