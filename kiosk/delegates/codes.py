"""The codes on invitations and badges.

A code is `NHK1.<event>.<badge>.<version>.<signature>` (gift slips: NHQ1): the event's public
prefix, the delegate's random badge id, the badge's version, and an Ed25519
signature of all that by the event's own key. So a code cannot be guessed or
forged, names its event (a code of another event is recognised as such), and
reissuing a badge (version + 1) revokes the old one. The key travels with the
event (an event prepared on the office laptop checks people in on the venue
laptop), and the public half lets a tablet verify a code while offline."""

from __future__ import annotations

import base64
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

BADGE = "NHK1"  # delegates' invitations and badges
GIFT_SLIP = "NHQ1"  # gift recipients' slips
CODE_PATTERN = re.compile(r"^(NHK1|NHQ1)\.([A-Z2-7]{8})\.([A-Z2-7]{10})\.([0-9]{1,6})\.([A-Za-z0-9_-]{86})$")


def new_event_prefix() -> str:
    return random_base32(8)


def new_badge_id() -> str:
    return random_base32(10)


def new_seed() -> str:
    return secrets.token_hex(32)


def random_base32(length: int) -> str:
    return base64.b32encode(secrets.token_bytes(length)).decode()[:length]


@lru_cache(maxsize=256)
def private_key(seed_hex: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(seed_hex))


@lru_cache(maxsize=256)
def public_key(seed_hex: str) -> Ed25519PublicKey:
    return private_key(seed_hex).public_key()


def public_key_b64(seed_hex: str) -> str:
    """The event's public key (raw, base64url) for verifying codes in the browser."""
    raw = public_key(seed_hex).public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_code(seed_hex: str, event_prefix: str, badge_id: str, version: int, scheme: str = BADGE) -> str:
    body = f"{scheme}.{event_prefix}.{badge_id}.{version}"
    return f"{body}.{b64(private_key(seed_hex).sign(body.encode()))}"


@dataclass(frozen=True)
class ParsedCode:
    event_prefix: str
    badge_id: str
    version: int
    body: str
    signature: bytes


def parse(code: str, scheme: str = BADGE) -> ParsedCode | None:
    """The parts of a well-formed code of `scheme`, or None (truncated, altered,
    not ours, or a code of the other kind: a gift slip is no badge)."""
    match = CODE_PATTERN.match(code.strip())
    if not match or match.group(1) != scheme:
        return None
    _, prefix, badge_id, version, signature = match.groups()
    body = f"{scheme}.{prefix}.{badge_id}.{version}"
    try:
        raw = unb64(signature)
    except ValueError:
        return None
    # The last base64 character carries 4 unused bits: a code whose text differs
    # only there decodes to the same signature. Only the canonical text is ours.
    if b64(raw) != signature or str(int(version)) != version:
        return None
    return ParsedCode(prefix, badge_id, int(version), body, raw)


def signature_valid(seed_hex: str, parsed: ParsedCode) -> bool:
    try:
        public_key(seed_hex).verify(parsed.signature, parsed.body.encode())
        return True
    except InvalidSignature:
        return False
