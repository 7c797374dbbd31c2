"""The OpenAPI description covers every /api/v1 route the app serves, is a valid
OpenAPI document, and says of each operation what its route really requires.
(tests/api/test_schemathesis.py checks the answers against it.)"""

import re

from openapi_spec_validator import validate


def served_operations(app):
    """(path as documented, method) -> the view function, for every /api/v1 route."""
    served = {}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.rule.endswith("openapi.json"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            served[(path, method.lower())] = app.view_functions[rule.endpoint]
    return served


def test_every_api_route_is_documented(app, client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    documented = {(path, method) for path, operations in spec["paths"].items() for method in operations}
    served = set(served_operations(app))
    assert served - documented == set()
    assert documented - served == set()


def test_the_description_is_valid_openapi(client):
    validate(client.get("/api/v1/openapi.json").json)


def test_each_operation_states_what_its_route_requires(app, client):
    spec = client.get("/api/v1/openapi.json").json
    for (path, method), view in served_operations(app).items():
        operation = spec["paths"][path][method]
        label = f"{method.upper()} {path}"
        permission = getattr(view, "required_permission", None)
        if getattr(view, "public", False) or permission is None:
            assert operation["security"] == [], label
            assert not {"401", "403"} & set(operation["responses"]), label
            continue
        assert operation["x-kiosk-permission"] == str(permission), label
        assert {"bearer": []} in operation["security"], label
        assert {"401", "403"} <= set(operation["responses"]), label
        if "{slug}" in path:
            assert "404" in operation["responses"], label
        if "requestBody" in operation:
            assert {"400", "413"} <= set(operation["responses"]), label
        assert any(code.startswith("2") for code in operation["responses"]), label


def test_every_answer_has_a_schema_and_errors_share_one(client):
    spec = client.get("/api/v1/openapi.json").json
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for code, response in operation["responses"].items():
                label = f"{method.upper()} {path} {code}"
                if code == "204":
                    assert "content" not in response, label
                    continue
                schema = response["content"]["application/json"]["schema"]
                assert schema != {"type": "object"}, f"{label}: say what the answer holds"
                if code in ("401", "403", "404", "413", "429"):
                    assert schema == {"$ref": "#/components/schemas/Error"}, label
