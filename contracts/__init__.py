"""The contract harness: hypothesis strategies (``contracts.strategies``: numbers valid by
construction, each provider's resources and request bodies), a Faker provider
(``contracts.faker_provider.NumbersProvider``: numbers, provider ids, friendly names) and helpers that
take any base URL."""
