"""docker-compose.yml and the Dockerfile must name things that exist in this repository.

No Docker engine is needed (CI has none): the files are parsed and every module,
command and route they rely on is checked against the code.
"""

import re
import shlex
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.urls import resolve

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "worker-matching", "worker-periodic", "beat")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def _app_services(services) -> list[str]:
    # A one-shot migrate service, when there is one, runs the same image too.
    return [name for name in services if name in APP_SERVICES or name == "migrate"]


def _environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: str(value) for key, value in env.items()}


def _command(service: dict) -> list[str]:
    command = service.get("command") or []
    return shlex.split(command) if isinstance(command, str) else [str(part) for part in command]


def _healthcheck(service: dict) -> str:
    check = service.get("healthcheck") or {}
    assert not check.get("disable"), "healthcheck is disabled"
    test = check.get("test") or []
    if isinstance(test, str):
        return test
    assert test and test[0] in ("CMD", "CMD-SHELL"), f"unexpected healthcheck test {test!r}"
    return " ".join(test[1:])


def _depends_on(service: dict) -> dict[str, str]:
    depends = service.get("depends_on") or {}
    if isinstance(depends, list):
        return dict.fromkeys(depends, "service_started")
    return {name: spec.get("condition", "service_started") for name, spec in depends.items()}


def _module_file(dotted: str) -> Path:
    base = ROOT.joinpath(*dotted.split("."))
    module = base.with_suffix(".py")
    return module if module.is_file() else base / "__init__.py"


def test_every_service_is_defined(services):
    assert set(APP_SERVICES) | {"postgres", "redis"} <= set(services)


@pytest.mark.parametrize(
    ("name", "probe"),
    [("postgres", "pg_isready"), ("redis", "redis-cli ping"), ("web", "/healthz")],
)
def test_services_others_wait_for_have_a_healthcheck(services, name, probe):
    assert probe in _healthcheck(services[name])


def test_app_services_build_one_image_from_the_repository_dockerfile(services):
    images = set()
    for name in _app_services(services):
        build = services[name].get("build")
        assert build, f"{name} is not built from this repository"
        if isinstance(build, str):
            build = {"context": build}
        context = (ROOT / build.get("context", ".")).resolve()
        assert context == ROOT, f"{name} builds from {context}, not the repository"
        dockerfile = context / build.get("dockerfile", "Dockerfile")
        assert dockerfile.is_file(), f"{name}: {dockerfile} does not exist"
        assert services[name].get("image"), f"{name} has no image name to share"
        images.add((services[name]["image"], dockerfile))
    assert len(images) == 1, f"app services use different images: {images}"


def test_dockerfile_builds_a_non_root_gunicorn_image():
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim\b", text, re.M)
    users = re.findall(r"^USER\s+(\S+)", text, re.M)
    assert users and users[-1] not in ("root", "0"), "the image must not run as root"
    assert re.search(r"manage\.py collectstatic", text)
    cmd = re.search(r"^CMD\s+(.*)$", text, re.M)
    assert cmd and "gunicorn" in cmd.group(1) and "config.wsgi:application" in cmd.group(1)
    assert "config/gunicorn.py" in cmd.group(1)


def test_web_runs_gunicorn_on_the_wsgi_application(services):
    web = services["web"]
    command = _command(web)
    assert command[0] == "gunicorn"
    target = next(arg for arg in command[1:] if re.fullmatch(r"[\w.]+:\w+", arg))
    module, attribute = target.split(":")
    path = _module_file(module)
    assert path.is_file(), f"{module} ({path}) does not exist"
    assert re.search(rf"^{attribute}\s*=", path.read_text(), re.M), f"no {attribute} in {path}"
    # Bind address, workers and threads come from the config file (tests/test_gunicorn_config.py).
    config = command[command.index("--config") + 1]
    assert (ROOT / config).is_file()
    assert "8000:8000" in [str(port) for port in web.get("ports", [])]


@pytest.mark.parametrize(
    ("name", "program"),
    [
        ("worker", "worker"),
        ("worker-matching", "worker"),
        ("worker-periodic", "worker"),
        ("beat", "beat"),
    ],
)
def test_celery_services_name_the_celery_app(services, name, program):
    command = _command(services[name])
    assert command[0] == "celery"
    assert program in command, f"{name} does not run `celery {program}`"
    app = command[command.index("-A") + 1]
    # `celery -A config` loads config.celery and takes its `app`.
    path = _module_file(app if app.endswith(".celery") else f"{app}.celery")
    assert path.is_file(), f"the Celery app module {path} does not exist"
    assert re.search(r"^app\s*=\s*Celery\(", path.read_text(), re.M)


def test_beat_keeps_its_schedule_where_the_app_user_can_write(services):
    command = _command(services["beat"])
    assert "--schedule" in command
    assert command[command.index("--schedule") + 1].startswith("/tmp/")


def test_healthz_is_routed():
    assert re.search(r"""["']\^?/?healthz""", (ROOT / "config" / "urls.py").read_text())
    assert resolve("/healthz").url_name == "healthz"


def test_production_server_packages_are_dependencies():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    names = {
        re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower()
        for requirement in pyproject["project"]["dependencies"]
    }
    assert {"gunicorn", "whitenoise"} <= names


def test_app_services_use_existing_production_settings(services):
    for name in _app_services(services):
        module = _environment(services[name]).get("DJANGO_SETTINGS_MODULE")
        assert module == "config.settings.production", f"{name}: {module!r}"
        assert _module_file(module).is_file()


def test_app_services_reach_the_compose_databases(services):
    for name in _app_services(services):
        service = services[name]
        env = _environment(service)
        database = urlsplit(env["DATABASE_URL"])
        assert database.scheme in ("postgres", "postgresql") and database.hostname == "postgres"
        assert urlsplit(env["REDIS_URL"]).hostname == "redis"
        depends = _depends_on(service)
        assert depends.get("postgres") == "service_healthy", name
        assert depends.get("redis") == "service_healthy", name
        env_files = service.get("env_file") or []
        env_files = [env_files] if isinstance(env_files, str | dict) else env_files
        paths = [item if isinstance(item, str) else item["path"] for item in env_files]
        assert ".env" in paths, f"{name} does not read .env"


def test_migrations_run_before_the_app_starts(services):
    def migrates(service: dict) -> bool:
        command = " ".join(_command(service))
        return "manage.py migrate" in command

    for name in APP_SERVICES:
        service = services[name]
        waits_for = [
            other
            for other, condition in _depends_on(service).items()
            if condition == "service_completed_successfully" and migrates(services[other])
        ]
        assert migrates(service) or waits_for, f"{name} may start before migrations ran"


def test_named_volumes_are_declared(compose, services):
    declared = set(compose.get("volumes") or {})
    for name, service in services.items():
        for volume in service.get("volumes") or []:
            source = volume.split(":", 1)[0] if isinstance(volume, str) else volume.get("source")
            if source and not source.startswith((".", "/", "~")):
                assert source in declared, f"{name} uses undeclared volume {source}"
