"""The fast validation engine gives openapi-core's verdict on openapi/control.yaml requests."""
from tests.contract.test_validation_parity import request_parity_test

test_request_verdicts_agree = request_parity_test("control")
