"""https for the camera on LAN tablets: a local authority made once, a server
certificate that real TLS clients trusting only that authority accept, reused
until the addresses change or it nears expiry; /ca.crt and the /https help."""

import socket
import ssl
import stat
import threading
from datetime import timedelta

import pytest
from cryptography import x509

from kiosk import certificates
from kiosk.certificates import ca_certificate_path, certificate_addresses, ensure_certificate

LAN = ["192.168.1.23", "10.0.0.5"]


def handshake(cert, key, ca_file, server_hostname: str) -> bytes:
    """A TLS server on loopback with (cert, key); a client trusting only ca_file
    connects as `server_hostname`. Returns what the server sent."""
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve():
        connection, _ = listener.accept()
        try:
            with server_context.wrap_socket(connection, server_side=True) as tls:
                tls.sendall(b"xin chao")
        except (ssl.SSLError, OSError):
            pass  # the client refused the certificate

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    client_context = ssl.create_default_context(cafile=str(ca_file))  # this authority only, no system roots
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            with client_context.wrap_socket(raw, server_hostname=server_hostname) as tls:
                return tls.recv(100)
    finally:
        thread.join(timeout=10)
        listener.close()


def test_the_certificate_verifies_against_the_local_authority(tmp_path):
    cert, key = ensure_certificate(tmp_path, LAN)
    ca = ca_certificate_path(tmp_path)
    assert handshake(cert, key, ca, "127.0.0.1") == b"xin chao"
    assert handshake(cert, key, ca, "localhost") == b"xin chao"
    assert certificate_addresses(cert) == {"localhost", "127.0.0.1", *LAN}
    with pytest.raises(ssl.SSLCertVerificationError):
        handshake(cert, key, ca, "10.9.9.9")  # an address it was not made for


def test_another_authority_is_not_trusted(tmp_path):
    cert, key = ensure_certificate(tmp_path / "a", LAN)
    ensure_certificate(tmp_path / "b", LAN)
    with pytest.raises(ssl.SSLCertVerificationError):
        handshake(cert, key, ca_certificate_path(tmp_path / "b"), "127.0.0.1")


def test_what_tablets_and_browsers_need(tmp_path):
    cert_path, _ = ensure_certificate(tmp_path, LAN)
    ca = x509.load_pem_x509_certificate(ca_certificate_path(tmp_path).read_bytes())
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    assert ca.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == "Ngày hội Kiosk — CA cục bộ"
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert x509.ExtendedKeyUsageOID.SERVER_AUTH in cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert cert.not_valid_after_utc - cert.not_valid_before_utc <= timedelta(days=825)  # iOS's limit
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert "localhost" in san.get_values_for_type(x509.DNSName)
    assert {str(ip) for ip in san.get_values_for_type(x509.IPAddress)} == {"127.0.0.1", *LAN}


def test_keys_are_readable_by_the_owner_only(tmp_path):
    _, key = ensure_certificate(tmp_path, LAN)
    for path in (key, certificates.https_folder(tmp_path) / "ca.key"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(certificates.https_folder(tmp_path).stat().st_mode) == 0o700


def test_reused_on_the_next_start(tmp_path):
    cert, key = ensure_certificate(tmp_path, LAN)
    before = (cert.read_bytes(), key.read_bytes(), ca_certificate_path(tmp_path).read_bytes())
    again = ensure_certificate(tmp_path, list(reversed(LAN)) + ["127.0.0.1", LAN[0]])  # same set of addresses
    assert again == (cert, key)
    assert (cert.read_bytes(), key.read_bytes(), ca_certificate_path(tmp_path).read_bytes()) == before


def test_reissued_by_the_same_authority_when_the_addresses_change(tmp_path):
    cert, key = ensure_certificate(tmp_path, LAN)
    old_cert, ca_before = cert.read_bytes(), ca_certificate_path(tmp_path).read_bytes()
    cert, key = ensure_certificate(tmp_path, ["192.168.1.50"])  # the laptop got another address
    assert cert.read_bytes() != old_cert
    assert ca_certificate_path(tmp_path).read_bytes() == ca_before  # tablets keep trusting it
    assert certificate_addresses(cert) == {"localhost", "127.0.0.1", "192.168.1.50"}
    assert handshake(cert, key, ca_certificate_path(tmp_path), "127.0.0.1") == b"xin chao"


def test_reissued_when_it_nears_expiry(tmp_path, monkeypatch):
    cert, _ = ensure_certificate(tmp_path, LAN)
    old_cert, ca_before = cert.read_bytes(), ca_certificate_path(tmp_path).read_bytes()
    real_now = certificates._now()
    monkeypatch.setattr(certificates, "_now", lambda: real_now + timedelta(days=certificates.SERVER_DAYS - 40))
    assert ensure_certificate(tmp_path, LAN)[0].read_bytes() == old_cert  # still 40 days to go
    monkeypatch.setattr(certificates, "_now", lambda: real_now + timedelta(days=certificates.SERVER_DAYS - 20))
    cert, _ = ensure_certificate(tmp_path, LAN)
    assert cert.read_bytes() != old_cert
    assert ca_certificate_path(tmp_path).read_bytes() == ca_before


def test_a_lost_or_damaged_key_is_replaced(tmp_path):
    cert, key = ensure_certificate(tmp_path, LAN)
    key.write_text("hỏng")
    cert, key = ensure_certificate(tmp_path, LAN)
    assert handshake(cert, key, ca_certificate_path(tmp_path), "127.0.0.1") == b"xin chao"


def test_ca_download_and_help_page(app, client):
    assert client.get("/ca.crt").status_code == 404  # https never turned on
    page = client.get("/https").get_data(as_text=True)
    assert "kiosk serve --https" in page
    ensure_certificate(app.instance_path, LAN)
    response = client.get("/ca.crt")  # no login needed
    assert response.status_code == 200
    assert response.mimetype == "application/x-x509-ca-cert"
    downloaded = x509.load_der_x509_certificate(response.data)
    assert downloaded == x509.load_pem_x509_certificate(ca_certificate_path(app.instance_path).read_bytes())
    page = client.get("/https", base_url="http://192.168.1.23:5000").get_data(as_text=True)
    assert "Cài đặt → Bảo mật → Cài chứng chỉ CA" in page
    assert "Cài đặt chung → Giới thiệu → Cài đặt tin cậy chứng chỉ" in page
    assert "http://192.168.1.23:5000/ca.crt" in page and '<div class="pairing-qr" id="ca-qr"><svg' in page
    assert certificates.ca_fingerprint(app.instance_path) in page
    assert "máy tính bảng không mở được mã QR này" not in page
    assert "máy tính bảng không mở được mã QR này" in client.get("/https").get_data(as_text=True)  # localhost
