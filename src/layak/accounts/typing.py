"""The types of the person behind a request, for annotations (django-stubs' conventions).

- `User` (`layak.accounts.models`): an account; what services, lookups and object rules act for.
- `Person`: whoever opens a page, an account or an anonymous visitor (`HttpRequest.user` in
  django-stubs); what `role_of` and the public pages take.
- `SignedInRequest`: the request of a view behind `@allow(...)` (or an API endpoint behind the
  token), whose user is an active account with an allowed role. Narrowing the attribute in a
  subclass is the pattern django-stubs documents for an authenticated request.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from layak.accounts.models import User

Person: TypeAlias = User | AnonymousUser


class SignedInRequest(HttpRequest):
    user: User
