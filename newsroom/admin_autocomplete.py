"""Autocomplete boxes that come back with "Select a valid choice", not a server error.

Django's autocomplete widget draws the chosen option by looking the form's
value up (``AutocompleteMixin.optgroups`` in django/contrib/admin/widgets.py):
``queryset.filter(pk__in={value})``. A story form sent with ``section=abc``
(by hand, or by a tool that mangled it) was refused by the field, as it should
be, but drawing the form that said so looked "abc" up again, and the lookup
raised ``ValueError: Field 'id' expected a number but got 'abc'`` (on SQLite
a number past 64 bits raised ``OverflowError``): a 500 page, and everything
the editor had typed was lost. The byline's writer and the source credit's
source failed the same way.

These widgets look up only values that can name a row: ones the key's own
field reads (``to_python``) and that fit its column. Any other is not drawn,
as no row has it; the field's error ("Select a valid choice. That choice is
not one of the available choices.") says to choose again, and every other
field keeps what was typed. The field's own check is Django's, unchanged.

:class:`AutocompleteForAnyValue` puts them in a ``ModelAdmin``'s or inline's
``autocomplete_fields``; a test holds every registered admin to it.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import connections, models, router


class _LooksUpPossibleKeysOnly:
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [each for each in value if self._may_be_key(each)], attr)

    def _may_be_key(self, value):
        """Whether ``value`` (as the form holds it: a string) could be a row's key."""
        remote = self.field.remote_field
        target = remote.model._meta
        key = target.get_field(getattr(remote, "field_name", None) or target.pk.attname)
        try:
            value = key.to_python(value)
        except ValidationError:
            return False
        if isinstance(key, models.IntegerField) and value is not None:  # ids (AutoField) too
            connection = connections[self.db or router.db_for_read(remote.model)]
            low, high = connection.ops.integer_field_range(key.get_internal_type())
            return (low is None or low <= value) and (high is None or value <= high)
        return True


class LookupSafeAutocompleteSelect(_LooksUpPossibleKeysOnly, AutocompleteSelect):
    """Django's autocomplete box for a foreign key, drawn whatever value was sent."""


class LookupSafeAutocompleteSelectMultiple(_LooksUpPossibleKeysOnly, AutocompleteSelectMultiple):
    """Django's autocomplete box for a many-to-many field, drawn whatever values were sent."""


class AutocompleteForAnyValue:
    """A ``ModelAdmin`` or inline mixin: its ``autocomplete_fields`` use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LookupSafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LookupSafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

