"""Invitation and badge codes: signed with the event's key, never guessable or forgeable."""

import string

from kiosk.delegates import codes

SEED = codes.new_seed()
OTHER_SEED = codes.new_seed()


def test_a_code_names_its_event_and_badge_and_verifies():
    code = codes.make_code(SEED, "ABCDEFGH", "KLMNOPQRST", 3)
    parsed = codes.parse(code)
    assert (parsed.event_prefix, parsed.badge_id, parsed.version) == ("ABCDEFGH", "KLMNOPQRST", 3)
    assert codes.signature_valid(SEED, parsed)
    assert not codes.signature_valid(OTHER_SEED, parsed)
    assert len(code) < 120 and code.isascii()


def test_every_single_character_change_is_refused():
    code = codes.make_code(SEED, "ABCDEFGH", "KLMNOPQRST", 1)
    alphabet = string.ascii_letters + string.digits + "-_."
    for position in range(len(code)):
        for replacement in {alphabet[(alphabet.index(code[position]) + 1) % len(alphabet)], "A", "7", "-"}:
            if replacement == code[position]:
                continue
            altered = code[:position] + replacement + code[position + 1:]
            parsed = codes.parse(altered)
            assert parsed is None or not codes.signature_valid(SEED, parsed), (position, altered)


def test_truncated_padded_and_junk_codes_do_not_parse():
    code = codes.make_code(SEED, "ABCDEFGH", "KLMNOPQRST", 1)
    for bad in (code[:-1], code[:40], code + "A", "", "NHK1", "https://example.org", "NHK1....",
                code.replace("NHK1", "NHK2"), "<script>alert(1)</script>"):
        assert codes.parse(bad) is None, bad
    # A scanner may add spaces or a newline around the code.
    assert codes.parse(f"  {code}\n") is not None


def test_a_new_version_is_a_different_code():
    assert codes.make_code(SEED, "ABCDEFGH", "KLMNOPQRST", 1) != codes.make_code(SEED, "ABCDEFGH", "KLMNOPQRST", 2)


def test_ids_are_random_and_well_formed():
    prefixes = {codes.new_event_prefix() for _ in range(200)}
    badges = {codes.new_badge_id() for _ in range(200)}
    assert len(prefixes) == len(badges) == 200
    assert all(len(b) == 10 and set(b) <= set(string.ascii_uppercase + "234567") for b in badges)
    assert len(codes.public_key_b64(SEED)) == 43
