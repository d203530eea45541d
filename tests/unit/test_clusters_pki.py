"""Certificates of a run: who a client certificate names, what a serving certificate covers."""

from __future__ import annotations

import ipaddress

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.clusters import pki


def test_client_certificate_names_user_and_groups_and_is_signed_by_the_ca() -> None:
    ca = pki.new_ca("test-ca")
    issued = pki.issue_client(ca, "alpha-admin", ("system:masters",))
    cert = x509.load_pem_x509_certificate(issued.cert_pem)
    ca_cert = x509.load_pem_x509_certificate(ca.cert_pem)
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "alpha-admin"
    orgs = [a.value for a in cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)]
    assert orgs == ["system:masters"]
    cert.verify_directly_issued_by(ca_cert)


def test_serving_certificate_covers_loopback_and_in_cluster_names() -> None:
    ca = pki.new_ca("test-ca")
    cert = x509.load_pem_x509_certificate(pki.issue_serving(ca, "kube-apiserver").cert_pem)
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert ipaddress.ip_address("127.0.0.1") in san.get_values_for_type(x509.IPAddress)
    assert "kubernetes.default.svc" in san.get_values_for_type(x509.DNSName)


def test_service_account_keys_are_a_pair() -> None:
    from cryptography.hazmat.primitives import serialization

    private_pem, public_pem = pki.new_service_account_keys()
    private = serialization.load_pem_private_key(private_pem, password=None)
    public = serialization.load_pem_public_key(public_pem)
    assert not isinstance(private, ec.EllipticCurvePrivateKey)
    assert private.public_key().public_numbers() == public.public_numbers()  # type: ignore[union-attr]
