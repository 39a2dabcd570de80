"""Driving the real Django admin in tests: a change page's current values as POST data,
so a test changes only what it means to change and posts the rest back as it was."""


def editable_fields(client, url: str) -> set[str]:
    """The fields a change page lets staff edit (read-only ones are not in its form)."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return set(response.context["adminform"].form.fields)


def change_form_data(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        _add_form(data, inline.formset.management_form)
        for form in inline.formset.forms:
            _add_form(data, form)
    return data


def _add_form(data: dict, form) -> None:
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue  # an empty input, or an unticked box (browsers send nothing)
        data[field.html_name] = "on" if value is True else value
