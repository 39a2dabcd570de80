"""Every model of the project has a factory under tests/<app>/factories.py, and every
factory, plain and with each of its traits, makes a row that is valid as it stands."""

import importlib
import inspect
from pathlib import Path

import factory
import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent


def _project_apps():
    return [
        config
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(ROOT) and ".venv" not in Path(config.path).parts
    ]


def _factories_module(label):
    try:
        return importlib.import_module(f"tests.{label}.factories")
    except ModuleNotFoundError:
        return None


def _factories():
    found = {}
    for config in _project_apps():
        module = _factories_module(config.label)
        if module is None:
            continue
        for name, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, factory.django.DjangoModelFactory)
                and value._meta.model
                and value.__module__ == module.__name__
            ):
                found[name] = value
    return found


def _project_models():
    return sorted(
        (model for config in _project_apps() for model in config.get_models()),
        key=lambda model: model._meta.label,
    )


@pytest.mark.parametrize("model", _project_models(), ids=lambda model: model._meta.label)
def test_every_model_has_a_factory_in_its_apps_factories_module(model):
    module = _factories_module(model._meta.app_label)
    assert module is not None, f"no tests/{model._meta.app_label}/factories.py"
    factories = [
        value
        for _name, value in inspect.getmembers(module, inspect.isclass)
        if issubclass(value, factory.django.DjangoModelFactory) and value._meta.model is model
    ]
    assert factories, f"no factory for {model._meta.label} in {module.__name__}"


def _cases():
    for name, factory_class in sorted(_factories().items()):
        yield pytest.param(factory_class, None, id=name)
        for param, declaration in factory_class._meta.parameters.items():
            if isinstance(declaration, factory.Trait):
                yield pytest.param(factory_class, param, id=f"{name}-{param}")


@pytest.mark.django_db
@pytest.mark.parametrize(("factory_class", "trait"), list(_cases()))
def test_every_factory_and_trait_makes_a_valid_row(factory_class, trait):
    obj = factory_class(**({trait: True} if trait else {}))
    obj.refresh_from_db()
    # Validation as a form would do it (choices, lengths, required fields, constraints);
    # a field that may be NULL but not blank is one no form fills in ("not answered yet").
    unanswered = [
        field.name
        for field in obj._meta.concrete_fields
        if field.null and not field.blank and getattr(obj, field.attname) is None
    ]
    obj.full_clean(exclude=unanswered)
