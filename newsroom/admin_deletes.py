"""A delete page that says what stops the delete, not a permission it would never use."""


class NamesWhatProtectsIt:
    """Refuse a delete that stories protect by naming them, for every role.

    Django's delete page asks first whether the user may delete everything
    collected, the protected rows included: an editor, who may not delete
    published stories, read that deleting a section "would result in deleting
    related objects, but your account doesn't have permission to delete:
    story", as if the stories would go with it. They never would (``PROTECT``):
    while anything protects the row, nothing is deleted, and the page names
    what is in the way, as it does for a superuser.
    """

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            perms_needed = set()
        return deleted, counts, perms_needed, protected
