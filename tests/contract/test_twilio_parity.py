"""The fast validation engine gives openapi-core's verdict on requests of the Twilio dialect's two
contracts (form-encoded bodies, typed from their schemas by both engines)."""
from tests.contract.test_validation_parity import request_parity_test

test_twilio_request_verdicts_agree = request_parity_test("twilio", max_examples=12)
test_signalwire_compat_request_verdicts_agree = request_parity_test("signalwire-compat", max_examples=12)
