"""The Helm chart (deploy/helm/ideeenmakelaar), rendered by Helm's own engine
(helm-python-sdk binds Helm's Go SDK: the same templates, functions and hooks as
`helm template`) and every manifest checked against the Kubernetes schemas of the oldest
and newest supported versions (kubernetes-validate ships them; no cluster, no network)."""

import re
from pathlib import Path

import pytest
import yaml

helm = pytest.importorskip("helm_python", reason="helm-python-sdk (dev extra) not installed")
kubernetes_validate = pytest.importorskip("kubernetes_validate")

ROOT = Path(__file__).resolve().parent.parent
CHART = ROOT / "deploy" / "helm" / "ideeenmakelaar"
KUBERNETES_VERSIONS = ["1.27.0", kubernetes_validate.latest_version()]
REQUIRED = {
    "DJANGO_SECRET_KEY": "k8s-test-secret",
    "DATABASE_URL": "postgres://ideeen:pw@postgres:5432/ideeen",
    "REDIS_URL": "redis://redis:6379/0",
    "VOTING_CODE_KEY": "k8s-test-voting-key",
}


def _render(values: dict | None = None) -> list[dict]:
    values = {"secrets": REQUIRED} | (values or {})
    chart = helm.Chart.load(str(CHART))
    rendered = chart.render(values, name="ideeen", namespace="gemeente", is_install=True)
    return [
        document
        for name, text in sorted(rendered.items())
        if name.endswith(".yaml")
        for document in yaml.safe_load_all(text)
        if document
    ]


def _by_kind(manifests, kind) -> dict[str, dict]:
    return {m["metadata"]["name"]: m for m in manifests if m["kind"] == kind}


@pytest.fixture(scope="module")
def manifests():
    return _render()


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_manifest_is_valid_kubernetes(manifests, version):
    for manifest in manifests:
        kubernetes_validate.validate(manifest, version, strict=True)


def test_helm_lint_finds_no_error():
    report = helm.lint(str(CHART), {"secrets": REQUIRED}, strict=True)
    assert report["errors"] == []
    assert [m for m in report["messages"] if m["severity"] >= 2] == []


def test_the_proxy_passes_the_bodies_the_platform_takes(manifests):
    from django.conf import settings

    ingress = next(iter(_by_kind(manifests, "Ingress").values()))
    size = ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-body-size"]
    assert size.endswith("m")
    assert int(size[:-1]) * 1024 * 1024 == settings.MAX_REQUEST_BODY_BYTES


def test_the_parts_of_a_deployment(manifests):
    deployments = _by_kind(manifests, "Deployment")
    assert set(deployments) == {
        "ideeen-ideeenmakelaar-web",
        "ideeen-ideeenmakelaar-worker-sending",
        "ideeen-ideeenmakelaar-worker-matching",
        "ideeen-ideeenmakelaar-worker-periodic",
        "ideeen-ideeenmakelaar-beat",
    }
    hpa = _by_kind(manifests, "HorizontalPodAutoscaler")["ideeen-ideeenmakelaar-web"]
    assert hpa["spec"]["scaleTargetRef"]["name"] == "ideeen-ideeenmakelaar-web"
    assert "replicas" not in deployments["ideeen-ideeenmakelaar-web"]["spec"]  # the HPA's
    pdb = _by_kind(manifests, "PodDisruptionBudget")["ideeen-ideeenmakelaar-web"]
    assert pdb["spec"]["minAvailable"] == 1
    beat = deployments["ideeen-ideeenmakelaar-beat"]["spec"]
    assert beat["replicas"] == 1 and beat["strategy"] == {"type": "Recreate"}
    assert _by_kind(manifests, "Service") and _by_kind(manifests, "Ingress")
    queues = {
        name: d["spec"]["template"]["spec"]["containers"][0]["command"]
        for name, d in deployments.items()
        if "worker" in name
    }
    assert all("--queues" in command for command in queues.values())


def test_migrations_run_before_install_and_upgrade_with_their_settings(manifests):
    job = _by_kind(manifests, "Job")["ideeen-ideeenmakelaar-migrate"]
    assert job["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
    assert job["spec"]["template"]["spec"]["containers"][0]["command"][-2:] == [
        "migrate",
        "--noinput",
    ]
    # Its ConfigMap and Secret exist before it: hooks with a lower weight.
    job_weight = int(job["metadata"]["annotations"]["helm.sh/hook-weight"])
    for kind in ("ConfigMap", "Secret"):
        annotations = _by_kind(manifests, kind)["ideeen-ideeenmakelaar"]["metadata"]["annotations"]
        assert annotations["helm.sh/hook"] == "pre-install,pre-upgrade"
        assert int(annotations["helm.sh/hook-weight"]) < job_weight


def _pod_specs(manifests):
    for manifest in manifests:
        if manifest["kind"] in ("Deployment", "Job"):
            yield manifest["metadata"]["name"], manifest["spec"]["template"]["spec"]


def test_every_pod_is_non_root_with_a_read_only_root_and_a_writable_tmp(manifests):
    for name, spec in _pod_specs(manifests):
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["volumes"] == [{"name": "tmp", "emptyDir": {"sizeLimit": "256Mi"}}], name
        for container in spec["containers"]:
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True, name
            assert security["allowPrivilegeEscalation"] is False, name
            assert {"name": "tmp", "mountPath": "/tmp"} in container["volumeMounts"], name
            sources = [next(iter(source.values()))["name"] for source in container["envFrom"]]
            assert sources == ["ideeen-ideeenmakelaar", "ideeen-ideeenmakelaar"], name


@pytest.mark.django_db
def test_web_probes_ask_the_health_endpoints_that_exist(manifests, client):
    web = _by_kind(manifests, "Deployment")["ideeen-ideeenmakelaar-web"]
    container = web["spec"]["template"]["spec"]["containers"][0]
    paths = {
        probe: container[probe]["httpGet"]["path"]
        for probe in ("startupProbe", "livenessProbe", "readinessProbe")
    }
    assert paths == {
        "startupProbe": "/healthz/live",
        "livenessProbe": "/healthz/live",
        "readinessProbe": "/healthz/ready",
    }
    config = _by_kind(manifests, "ConfigMap")["ideeen-ideeenmakelaar"]["data"]
    host = container["livenessProbe"]["httpGet"]["httpHeaders"][0]["value"]
    assert host in config["DJANGO_ALLOWED_HOSTS"].split(",")
    for path in set(paths.values()):
        assert client.get(path, HTTP_HOST=host).status_code == 200


def test_a_missing_secret_stops_the_render():
    with pytest.raises(helm.HelmError, match="secrets.VOTING_CODE_KEY is required"):
        _render({"secrets": {k: v for k, v in REQUIRED.items() if k != "VOTING_CODE_KEY"}})


def test_an_existing_secret_replaces_the_charts_own(manifests):
    rendered = _render({"secrets": {}, "existingSecret": "ideeen-vault"})
    assert _by_kind(rendered, "Secret") == {}
    for _name, spec in _pod_specs(rendered):
        assert {"secretRef": {"name": "ideeen-vault"}} in spec["containers"][0]["envFrom"]


def test_every_setting_in_the_values_is_documented_in_env_example():
    documented = set(
        re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M)
    )
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    named = set(values["config"]) | set(values["secrets"])
    assert named - documented == set()
