"""https on the venue's LAN, so tablets may open the camera (browsers allow it
only in a secure context).

The kiosk makes its own small certificate authority once and keeps it in the
instance folder; each tablet trusts it once (the /https page explains how).
The server's certificate is signed by it for localhost, 127.0.0.1 and the
laptop's LAN addresses, and is re-issued by itself when the addresses change
or it nears expiry: the tablets keep trusting the same authority.

    cert, key = ensure_certificate(instance_folder, lan_addresses)
    # → <instance>/https/server.crt (PEM, the server's certificate)
    #   <instance>/https/server.key (PEM, unencrypted, mode 0600)

Files, all in <instance>/https/:
    ca.crt      the authority's certificate: what tablets install (served at /ca.crt)
    ca.key      its private key (mode 0600; never leaves the laptop)
    server.crt  server.key
"""

from __future__ import annotations

import ipaddress
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_NAME = "Ngày hội Kiosk — CA cục bộ"
FOLDER = "https"
CA_DAYS = 20 * 365  # tablets trust it once; it should outlive the laptop
# At most 825 days or iOS refuses the certificate even from a trusted authority;
# the server's is cheap to re-issue, so a year, renewed in its last month.
SERVER_DAYS = 365
RENEW_BEFORE = timedelta(days=30)
ALWAYS = ("localhost", "127.0.0.1")


def https_folder(folder: Path) -> Path:
    return Path(folder) / FOLDER


def ca_certificate_path(folder: Path) -> Path:
    """Where the authority's certificate is (it exists once https was used)."""
    return https_folder(folder) / "ca.crt"


def ensure_certificate(folder: Path, addresses: list[str]) -> tuple[Path, Path]:
    """The server's certificate and key files for https, made if needed.

    `folder` is the instance folder; `addresses` are the IPv4/IPv6 addresses
    (or host names) tablets use to reach the laptop. localhost and 127.0.0.1
    are always added. The first call makes the local authority (kept for good)
    and a certificate signed by it; later calls return the same files untouched,
    unless the set of addresses differs from the certificate's, it expires within
    30 days, or the authority changed, when a new one is issued by the same
    authority. Returns (certificate path, key path), both PEM."""
    names = _normalized(addresses)
    directory = https_folder(folder)
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o700)
    ca_cert, ca_key = _ensure_authority(directory)
    cert_path, key_path = directory / "server.crt", directory / "server.key"
    if not _server_certificate_fits(cert_path, key_path, ca_cert, names):
        _issue_server_certificate(cert_path, key_path, ca_cert, ca_key, names)
    return cert_path, key_path


def certificate_addresses(cert_path: Path) -> set[str]:
    """The names and addresses a certificate file is valid for."""
    cert = x509.load_pem_x509_certificate(Path(cert_path).read_bytes())
    return _subject_names(cert)


def ca_fingerprint(folder: Path) -> str | None:
    """SHA-256 of the authority's certificate, as tablets show it (AB:CD:...)."""
    path = ca_certificate_path(folder)
    if not path.exists():
        return None
    digest = x509.load_pem_x509_certificate(path.read_bytes()).fingerprint(hashes.SHA256())
    return ":".join(f"{byte:02X}" for byte in digest)


def _normalized(addresses: list[str]) -> set[str]:
    names = set(ALWAYS)
    for address in addresses:
        address = address.strip().strip("[]")
        if not address:
            continue
        try:
            names.add(str(ipaddress.ip_address(address)))
        except ValueError:
            names.add(address.lower())
    return names


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _new_key() -> rsa.RSAPrivateKey:
    # RSA 2048 rather than EC: the oldest tablets at a venue accept it.
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _write(path: Path, data: bytes, *, secret: bool = False) -> None:
    """Whole or not at all (a power cut never leaves half a key); keys 0600 from the start."""
    partial = path.with_name(path.name + ".tmp")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if secret else 0o644)
    try:
        os.fchmod(descriptor, 0o600 if secret else 0o644)
        os.write(descriptor, data)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(partial, path)


def _key_pem(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _load(cert_path: Path, key_path: Path):
    """(certificate, key) from PEM files, or None when either is missing or unreadable."""
    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError):
        return None
    if cert.public_key().public_numbers() != key.public_key().public_numbers():
        return None
    return cert, key


def _ensure_authority(directory: Path):
    cert_path, key_path = directory / "ca.crt", directory / "ca.key"
    loaded = _load(cert_path, key_path)
    if loaded is not None and loaded[0].not_valid_after_utc - _now() > timedelta(days=SERVER_DAYS):
        key_path.chmod(0o600)
        return loaded
    key = _new_key()
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, CA_NAME),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ngày hội Kiosk"),
    ])
    now = _now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))  # a tablet whose clock is a little behind
        .not_valid_after(now + timedelta(days=CA_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    _write(key_path, _key_pem(key), secret=True)
    _write(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    return cert, key


def _subject_names(cert: x509.Certificate) -> set[str]:
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return set()
    return {*san.get_values_for_type(x509.DNSName), *(str(ip) for ip in san.get_values_for_type(x509.IPAddress))}


def _server_certificate_fits(cert_path: Path, key_path: Path, ca_cert: x509.Certificate, names: set[str]) -> bool:
    loaded = _load(cert_path, key_path)
    if loaded is None:
        return False
    cert, _key = loaded
    if cert.issuer != ca_cert.subject:
        return False
    try:
        cert.verify_directly_issued_by(ca_cert)
    except (ValueError, TypeError, InvalidSignature):  # signed by an earlier authority
        return False
    if cert.not_valid_after_utc - _now() < RENEW_BEFORE:
        return False
    return _subject_names(cert) == names


def _issue_server_certificate(cert_path: Path, key_path: Path, ca_cert, ca_key, names: set[str]) -> None:
    entries: list[x509.GeneralName] = []
    addresses = []
    for name in sorted(names):
        try:
            addresses.append(ipaddress.ip_address(name))
        except ValueError:
            entries.append(x509.DNSName(name))
    entries += [x509.IPAddress(address) for address in addresses]
    lan = [str(a) for a in addresses if not a.is_loopback]
    key = _new_key()
    now = _now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([
            x509.NameAttribute(NameOID.COMMON_NAME, lan[0] if lan else "localhost"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ngày hội Kiosk"),
        ]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=SERVER_DAYS))
        .add_extension(x509.SubjectAlternativeName(entries), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_encipherment=True, content_commitment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    _write(key_path, _key_pem(key), secret=True)
    _write(cert_path, cert.public_bytes(serialization.Encoding.PEM))
