"""The contract harness: hypothesis strategies and helpers that take any base URL."""
