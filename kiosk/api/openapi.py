"""The OpenAPI description of /api/v1, served at /api/v1/openapi.json."""

ERROR = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {
        "error": {"type": "string", "description": "Machine-readable code"},
        "message": {"type": "string", "description": "Vietnamese message for the person using the tablet"},
    },
}


def error_responses(*codes: int) -> dict:
    texts = {400: "Bad input", 401: "Not authenticated", 403: "Role lacks the right", 404: "Unknown event or item"}
    return {
        str(code): {"description": texts[code], "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for code in codes
    }


SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}, "description": "Event slug"}

SPEC = {
    "openapi": "3.0.3",
    "info": {
        "title": "Ngày hội Kiosk API",
        "version": "1",
        "description": "Event-day operations of a Ngày hội toàn dân bảo vệ an ninh Tổ quốc site. "
        "Authenticate with `Authorization: Bearer <token>` (`kiosk token NAME`), "
        "or the browser session plus the `X-CSRFToken` header.",
    },
    "servers": [{"url": "/"}],
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Error": ERROR,
            "Event": {
                "type": "object",
                "properties": {
                    "slug": {"type": "string"},
                    "title": {"type": "string"},
                    "organizing_body": {"type": "string"},
                    "place": {"type": "string"},
                    "date": {"type": "string", "description": "dd/mm/yyyy"},
                    "year": {"type": "integer"},
                    "backdrop": {
                        "type": "object",
                        "properties": {k: {"type": "string"} for k in ("top", "middle", "bottom")},
                    },
                    "slogans": {"type": "array", "items": {"type": "string"}},
                    "timezone": {"type": "string"},
                },
            },
            "CheckInRequest": {
                "type": "object",
                "required": ["delegate_id"],
                "properties": {
                    "delegate_id": {"type": "integer"},
                    "device": {"type": "string", "maxLength": 100, "example": "Cổng 1"},
                },
            },
            "CheckInResult": {
                "type": "object",
                "properties": {
                    "status": {"type": "string", "enum": ["ok", "already_checked_in"]},
                    "message": {"type": "string"},
                    "delegate": {"type": "object"},
                    "checked_in_at": {"type": "string", "format": "date-time", "nullable": True},
                    "device": {"type": "string"},
                },
            },
        },
    },
    "security": [{"bearer": []}],
    "paths": {
        "/api/v1/events": {
            "get": {
                "summary": "Events the caller may see",
                "responses": {
                    "200": {"description": "Events", "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {"events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}},
                    }}}},
                    **error_responses(401, 403),
                },
            }
        },
        "/api/v1/events/{slug}": {
            "get": {
                "summary": "One event: backdrop lines, slogans, date",
                "parameters": [SLUG],
                "responses": {
                    "200": {"description": "The event", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
                    **error_responses(401, 403, 404),
                },
            }
        },
        "/api/v1/events/{slug}/dashboard": {
            "get": {
                "summary": "Live figures: attendance, programme, awards, gifts, opinions",
                "parameters": [SLUG],
                "responses": {
                    "200": {"description": "Figures by area", "content": {"application/json": {"schema": {"type": "object"}}}},
                    **error_responses(401, 403, 404),
                },
            }
        },
        "/api/v1/events/{slug}/checkins": {
            "post": {
                "summary": "Check a delegate in",
                "parameters": [SLUG],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckInRequest"}}}},
                "responses": {
                    "201": {"description": "Checked in", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckInResult"}}}},
                    "200": {"description": "Already checked in (when and where)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckInResult"}}}},
                    **error_responses(400, 401, 403, 404),
                },
            }
        },
    },
}
